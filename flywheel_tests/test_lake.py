from pathlib import Path

import polars as pl
import pytest

from flywheel.lake import Lake


def test_partition_is_replaced_whole(tmp_path: Path):
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]}), "b": pl.DataFrame({"y": [1]})}, {"v": 1})
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2, 3]})}, {"v": 2})
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [2, 3]
    assert not (lake.partition_dir("t", "2026-11-01") / "b.parquet").exists()
    assert lake.manifest("t", "2026-11-01") == {"v": 2}
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["day=2026-11-01"]


def test_a_write_that_dies_leaves_the_previous_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    lake = Lake(tmp_path)
    lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})}, {"v": 1})
    calls = {"n": 0}
    real = pl.DataFrame.write_parquet

    def dies_on_second_table(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed mid-write")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", dies_on_second_table)
    with pytest.raises(KeyboardInterrupt):
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [9]}), "b": pl.DataFrame({"y": [9]})})
    assert lake.read("t", "2026-11-01", "a")["x"].to_list() == [1]
    assert lake.manifest("t", "2026-11-01") == {"v": 1}
    assert [p.name for p in (tmp_path / "t").iterdir()] == ["day=2026-11-01"]
    assert lake.days("t")[0].isoformat() == "2026-11-01"
