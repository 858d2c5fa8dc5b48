import errno
import multiprocessing
import os
import time
from pathlib import Path

import polars as pl
import pytest

from flywheel import folders as lake_module
from flywheel.lake import Lake


def _entries(folder: Path) -> list[str]:
    """What is in an asset's folder, its versions folder included."""
    versions = folder / ".versions"
    return sorted([p.name for p in folder.iterdir() if p != versions]
                  + ([f".versions/{p.name}" for p in versions.iterdir()] if versions.is_dir() else []))  # fmt: skip


def _no_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lake_module, "GRACE_SECONDS", 0.0)


def test_partition_is_replaced_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]}), "b": pl.DataFrame({"y": [1]})}, {"v": 1})
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2, 3]})}, {"v": 2})
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [2, 3]
    assert not (lake.partition_dir("t", "2026-11-01") / "b.parquet").exists()
    assert lake.manifest("t", "2026-11-01") == {"v": 2}
    # the day is a link to its one version; the replaced version is gone
    link = tmp_path / "t" / "day=2026-11-01"
    assert _entries(tmp_path / "t") == sorted(["day=2026-11-01", os.readlink(link)])


def test_a_replaced_version_stays_for_readers_until_the_grace_period_ends(tmp_path: Path):
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})})
    first = os.readlink(tmp_path / "t" / "day=2026-11-01")  # .versions/day=….v-…
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2]})})
    assert (tmp_path / "t" / first / "a.parquet").exists()  # a reader that opened it still can
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [2]


@pytest.mark.parametrize(
    "failure",
    [KeyboardInterrupt("killed mid-write"), OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))],
    ids=["killed", "disk_full"],
)
def test_a_write_that_dies_leaves_the_previous_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         failure: BaseException):  # fmt: skip
    """A run killed or cancelled mid-write, or a disk that fills up under it: the error goes up as
    it is, and the day stays the previous version, whole, with nothing of the failed one left."""
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})}, {"v": 1})
    before = _entries(tmp_path / "t")
    calls = {"n": 0}
    real = pl.DataFrame.write_parquet

    def dies_on_second_table(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise failure
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", dies_on_second_table)
    with pytest.raises(type(failure)):
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [9]}), "b": pl.DataFrame({"y": [9]})})
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [1]
    assert lake.manifest("t", "2026-11-01") == {"v": 1}
    assert _entries(tmp_path / "t") == before
    assert lake.days("t")[0].isoformat() == "2026-11-01"


@pytest.mark.parametrize("step", ["symlink", "replace"])
def test_a_crash_at_each_step_of_the_publish_leaves_the_day_whole(tmp_path: Path, monkeypatch, step: str):
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})})

    def crash(*args, **kwargs):
        raise KeyboardInterrupt(f"killed at {step}")

    monkeypatch.setattr(lake_module.os, step, crash)
    with pytest.raises(KeyboardInterrupt):
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2]})})
    monkeypatch.undo()
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [1]
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [3]})})
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [3]


def test_a_killed_writers_version_is_removed_by_the_next_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})})
    # what a writer killed mid-fill leaves: its version folder and its lock file, the lock free
    dead = tmp_path / "t" / ".versions" / "day=2026-11-01.v-deadbeef0000"
    dead.mkdir()
    (dead / "a.parquet").write_bytes(b"half")
    (tmp_path / "t" / ".versions" / "day=2026-11-01.v-deadbeef0000.lock").touch()
    # and what the layout before versions left: staging and old folders of raw data
    (tmp_path / "t" / ".day=2026-11-01.staging-1234abcd").mkdir()
    _no_grace(monkeypatch)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2]})})
    link = tmp_path / "t" / "day=2026-11-01"
    assert _entries(tmp_path / "t") == sorted(["day=2026-11-01", os.readlink(link)])


def test_a_folder_from_before_versions_is_replaced_and_a_partition_deleted_whole(tmp_path: Path, monkeypatch):
    _no_grace(monkeypatch)
    plain = tmp_path / "t" / "day=2026-11-01"
    plain.mkdir(parents=True)
    pl.DataFrame({"x": [1]}).write_parquet(plain / "a.parquet")
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2]})})
    assert plain.is_symlink() and lake.read("t", "2026-11-01", "a")["x"].to_list() == [2]
    lake.delete_partition("t", "2026-11-01")
    assert _entries(tmp_path / "t") == [] and lake.days("t") == []


def test_a_glob_over_the_partitions_reads_each_day_once(tmp_path: Path):
    lake = Lake(tmp_path)
    for value in (1, 2):  # the replaced version is still there, in its grace period
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [value]})})
    lake.write_partition("t", "2026-11-02", {"a": pl.DataFrame({"x": [3]})})
    assert sorted(pl.read_parquet(tmp_path / "t" / "*" / "a.parquet")["x"].to_list()) == [2, 3]


def _writer(root: str, n: int, value: int) -> list[str]:
    lake, errors = Lake(root), []
    for _ in range(n):
        try:
            lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [value] * 100})})
            assert lake.read("t", "2026-11-01", "a")["x"].n_unique() == 1
        except Exception as exc:  # noqa: BLE001 - listed, the test asserts there are none
            errors.append(f"{type(exc).__name__}: {exc}")
    return errors


def test_concurrent_writers_of_one_partition_never_fail_and_leave_one_whole_version(tmp_path: Path):
    with multiprocessing.get_context("spawn").Pool(3) as pool:  # polars threads do not survive a fork
        errors = pool.starmap(_writer, [(str(tmp_path), 150, v) for v in (1, 2, 3)])
    assert errors == [[], [], []]
    lake = Lake(tmp_path)
    assert lake.read("t", "2026-11-01", "a")["x"].unique().to_list() in ([1], [2], [3])
    time.sleep(0.05)
    lake_module.GRACE_SECONDS, grace = 0.0, lake_module.GRACE_SECONDS
    try:
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [4]})})
    finally:
        lake_module.GRACE_SECONDS = grace
    link = tmp_path / "t" / "day=2026-11-01"
    assert _entries(tmp_path / "t") == sorted(["day=2026-11-01", os.readlink(link)])


def _pair(n: int) -> dict:
    return {"raw_logs": {"records": pl.DataFrame({"x": [n]})}, "quarantine": {"lines": pl.DataFrame({"q": [n]})}}


def _pair_read(lake: Lake, day: str) -> tuple[int, int]:
    return lake.read("raw_logs", day, "records")["x"][0], lake.read("quarantine", day, "lines")["q"][0]


def _die_at_the_swap(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """The publishing rename of the day's shared folder raises, as a kill there would."""
    real = os.replace

    def dies(src, dst):
        if str(dst).endswith(f"collect/day={day}"):
            raise KeyboardInterrupt("killed at the swap")
        return real(src, dst)

    monkeypatch.setattr(lake_module.os, "replace", dies)


def test_assets_written_together_change_together_even_when_a_write_dies(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_together("collect", "2026-11-01", _pair(1), {"v": 1})
    assert _pair_read(lake, "2026-11-01") == (1, 1)
    assert lake.manifest("quarantine", "2026-11-01") == lake.manifest("raw_logs", "2026-11-01") == {"v": 1}
    assert lake.days("raw_logs") == lake.days("quarantine") == [pl.Series(["2026-11-01"]).str.to_date()[0]]
    real = os.replace
    _die_at_the_swap(monkeypatch, "2026-11-01")
    with pytest.raises(KeyboardInterrupt):
        lake.write_together("collect", "2026-11-01", _pair(2))
    assert _pair_read(lake, "2026-11-01") == (1, 1)  # both old, never one new and one old
    monkeypatch.setattr(lake_module.os, "replace", real)
    lake.write_together("collect", "2026-11-01", _pair(3))
    assert _pair_read(lake, "2026-11-01") == (3, 3)


def test_a_new_day_written_together_appears_for_both_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    lake = Lake(tmp_path)
    _die_at_the_swap(monkeypatch, "2026-11-02")
    with pytest.raises(KeyboardInterrupt):
        lake.write_together("collect", "2026-11-02", _pair(1))
    assert lake.days("raw_logs") == lake.days("quarantine") == []  # the links wait, dangling, for the data


def test_a_day_of_the_one_asset_layout_is_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """...and the versions of that layout are removed."""
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_partition("raw_logs", "2026-11-01", {"records": pl.DataFrame({"x": [0]})})
    lake.write_partition("quarantine", "2026-11-01", {"lines": pl.DataFrame({"q": [0]})})
    lake.write_together("collect", "2026-11-01", _pair(1))
    lake.write_together("collect", "2026-11-01", _pair(2))  # settled: the earlier layout's versions go
    assert _pair_read(lake, "2026-11-01") == (2, 2)
    assert _entries(tmp_path / "raw_logs") == ["day=2026-11-01"]
    assert os.readlink(tmp_path / "raw_logs" / "day=2026-11-01") == "../.together/collect/day=2026-11-01/raw_logs"
    assert len(list(tmp_path.glob("raw_logs/*/records.parquet"))) == 1


def test_deleting_a_day_written_together_deletes_its_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _no_grace(monkeypatch)
    lake = Lake(tmp_path)
    lake.write_together("collect", "2026-11-01", _pair(1))
    lake.write_together("collect", "2026-11-02", _pair(2))
    lake.delete_partition("raw_logs", "2026-11-01")
    assert [str(d) for d in lake.days("raw_logs")] == [str(d) for d in lake.days("quarantine")] == ["2026-11-02"]
    assert not [p for p in tmp_path.rglob("*") if "2026-11-01" in str(p) or p.is_symlink() and not p.exists()]
