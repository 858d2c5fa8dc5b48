"""The commands a new user runs, in a scratch project folder."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from flywheel.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_generate_sample_writes_landing_files_and_separate_truth(tmp_path: Path, capsys):
    out = tmp_path / "landing"
    assert main(["generate-sample", "--out", str(out), "--records", "400", "--days", "2", "--seed", "5"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["traffic-2026-11-01.jsonl", "traffic-2026-11-02.jsonl.gz"]
    truth = pl.read_parquet(tmp_path / "landing-truth" / "lines.parquet")
    assert 390 <= truth.height <= 410
    assert "ground truth in" in capsys.readouterr().out


def test_demo_collects_sample_traffic_into_the_project_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    shutil.copy(REPO / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.chdir(tmp_path)
    for var in ("DAGSTER_HOME", "FLYWHEEL_LAKE_ROOT", "FLYWHEEL_LANDING_DIR"):
        monkeypatch.delenv(var, raising=False)
    assert main(["demo", "--records", "300"]) == 0
    out = capsys.readouterr().out
    assert out.count(" ok ") == 7
    lake = tmp_path / ".flywheel" / "lake"
    assert len(list((lake / "raw_logs").glob("day=*"))) == 7
    assert len(list((lake / "scrubbed_traces").glob("day=*"))) == 7
    assert (tmp_path / ".flywheel" / "dagster" / "storage").is_dir()  # the SQLite instance of dagster.yaml
    rows = pl.read_parquet(lake / "raw_logs" / "*" / "records.parquet").height
    assert 250 < rows < 300


def test_fine_tune_before_any_clustering_says_what_to_do_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys):  # fmt: skip
    shutil.copy(REPO / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.chdir(tmp_path)
    for var in ("DAGSTER_HOME", "FLYWHEEL_LAKE_ROOT"):
        monkeypatch.delenv(var, raising=False)
    assert main(["fine-tune", "task-001"]) == 1
    assert "No tasks yet: run `flywheel demo`" in capsys.readouterr().out
