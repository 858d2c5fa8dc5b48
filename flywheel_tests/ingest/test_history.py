import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flywheel import settings
from flywheel.ingest.pipeline import refresh_index
from flywheel.ingest.sources import list_landing
from flywheel.lake import Lake


def _log(path: Path, *days: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"request_id": f"r{i}", "timestamp": f"{d}T10:00:00Z"}) + "\n"
                            for i, d in enumerate(days)))  # fmt: skip


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.delenv("FLYWHEEL_START_DATE", raising=False)
    monkeypatch.delenv("FLYWHEEL_HISTORY_DAYS", raising=False)
    monkeypatch.setenv("FLYWHEEL_LANDING_DIR", str(tmp_path / "landing"))
    monkeypatch.setenv("FLYWHEEL_LAKE_ROOT", str(tmp_path / "lake"))
    return tmp_path / "landing", tmp_path / "lake"


def test_partitions_start_on_the_first_day_of_the_logs(folders, monkeypatch: pytest.MonkeyPatch):
    landing, lake = folders
    today = datetime.now(UTC).date()
    assert settings.partitions_start() == (today - timedelta(days=7)).isoformat()  # no logs yet: a week
    _log(landing / "a.jsonl", "2026-10-15", "2026-10-16")
    assert settings.partitions_start() == "2026-10-15"  # a new file's first line
    # a file collected already counts with all its days, even one earlier than its first line
    _log(landing / "b.jsonl", "2026-10-20", "2026-10-02")
    refresh_index(Lake(lake), list_landing(landing))
    assert settings.partitions_start() == "2026-10-02"
    _log(landing / "c.jsonl", "1999-01-01")  # a broken clock does not make decades of partitions
    assert settings.partitions_start() == (today - timedelta(days=365)).isoformat()
    monkeypatch.setenv("FLYWHEEL_START_DATE", "2026-01-01")
    assert settings.partitions_start() == "2026-01-01"
