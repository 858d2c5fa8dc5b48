"""The lake on an object store (moto's S3 server on this machine): what one process writes,
another with its own empty working copy reads, partition by partition, version by version."""

import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from flywheel import remote
from flywheel.folders import write_folder
from flywheel.lake import Lake

URL = "s3://flywheel-test/lake"


def _lake(tmp_path: Path, name: str) -> Lake:
    return Lake(URL, tmp_path / name)  # a process of its own: its own working copy


def _objects(fs) -> list[str]:
    fs.invalidate_cache()  # the listing as the store has it now
    return sorted(p[len("flywheel-test/lake/"):] for p in fs.find("flywheel-test/lake"))


def _raw_versions(fs) -> list[str]:
    return [o for o in _objects(fs) if o.startswith(".together/collected/.versions/") and o.endswith("r.parquet")]


def test_a_partition_written_by_one_process_is_read_by_another(s3_bucket, tmp_path: Path):
    writer, reader = _lake(tmp_path, "a"), _lake(tmp_path, "b")
    writer.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})}, {"v": 1})
    writer.write_partition("t", "2026-11-02", {"a": pl.DataFrame({"x": [5]})}, {"v": 1})
    assert reader.days("t") == writer.days("t") and [str(d) for d in reader.days("t")] == ["2026-11-01", "2026-11-02"]
    assert reader.read("t", "2026-11-01", "a")["x"].to_list() == [1] and reader.manifest("t", "2026-11-01") == {"v": 1}
    writer.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [2, 3]})}, {"v": 2})
    assert reader.read("t", "2026-11-01", "a")["x"].to_list() == [2, 3]  # the new version, not the copy it had
    assert reader.manifest("t", "2026-11-01") == {"v": 2}
    link = [o for o in _objects(s3_bucket) if o.startswith("t/day=2026-11-01")]
    assert link == ["t/day=2026-11-01.link"]  # the folder itself is one small object pointing to a version
    assert reader.manifest("t", "2026-12-31") is None and not reader.exists(reader.partition_dir("t", "2026-12-31"))
    writer.delete_partition("t", "2026-11-01")
    assert reader.days("t") == [writer.days("t")[0]] and not any("day=2026-11-01" in o for o in _objects(s3_bucket))
    with pytest.raises(FileNotFoundError):
        reader.read("t", "2026-11-01", "a")  # its working copy's old link went with the store's


def test_what_another_process_writes_shows_in_a_long_lived_one(s3_bucket, tmp_path: Path):
    reader = _lake(tmp_path, "a")  # say the code server's, whose sensors read the lake every tick
    reader.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})})
    assert [str(d) for d in reader.days("t")] == ["2026-11-01"] and reader.read_json("t/x.json") is None
    assert reader.names(reader.root / "t", plain=True) == []
    assert not reader.exists(reader.partition_dir("t", "2026-11-02"))
    other = f"""
import polars as pl
from flywheel.lake import Lake
lake = Lake({URL!r}, {str(tmp_path / "b")!r})
lake.write_partition("t", "2026-11-02", {{"a": pl.DataFrame({{"x": [2]}})}})
lake.write_partition("t", "2026-11-01", {{"a": pl.DataFrame({{"x": [3]}})}})
lake.write_json("t/x.json", {{"n": 1}})
"""
    subprocess.run([sys.executable, "-c", other], check=True)
    assert [str(d) for d in reader.days("t")] == ["2026-11-01", "2026-11-02"]
    assert reader.names(reader.root / "t", plain=True) == ["x.json"]
    assert reader.exists(reader.partition_dir("t", "2026-11-02"))
    assert reader.read("t", "2026-11-01", "a")["x"].to_list() == [3] and reader.read_json("t/x.json") == {"n": 1}


def test_partitions_written_together_and_their_erasure(s3_bucket, tmp_path: Path, monkeypatch):
    writer, reader = _lake(tmp_path, "a"), _lake(tmp_path, "b")
    old = {"raw": {"r": pl.DataFrame({"id": ["x", "y"]})}, "quarantine": {"q": pl.DataFrame({"line": [1]})}}
    writer.write_together("collected", "2026-11-01", old, {"n": 3})
    assert reader.read("raw", "2026-11-01", "r")["id"].to_list() == ["x", "y"]
    assert reader.read("quarantine", "2026-11-01", "q")["line"].to_list() == [1]
    new = {"raw": {"r": pl.DataFrame({"id": ["x"]})},
           "quarantine": {"q": pl.DataFrame({"line": []}, {"line": pl.Int64})}}  # fmt: skip
    _lake(tmp_path, "c").write_together("collected", "2026-11-01", new, {"n": 1})  # a third process, say an erasure
    assert reader.read("raw", "2026-11-01", "r")["id"].to_list() == ["x"]
    assert reader.manifest("raw", "2026-11-01") == {"n": 1}
    versions = _raw_versions(s3_bucket)
    assert len(versions) == 2  # the replaced version stays for a reader still on it (the grace period)...
    from flywheel.folders import purge

    purge(writer.fetch(writer.root / ".together" / "collected" / "day=2026-11-01"))
    versions = _raw_versions(s3_bucket)
    assert len(versions) == 1  # ...but not past an erasure
    assert reader.read("raw", "2026-11-01", "r")["id"].to_list() == ["x"]
    _lake(tmp_path, "d").delete_partition("raw", "2026-11-01")  # retention, from a working copy that never read it
    assert reader.days("raw") == [] and reader.days("quarantine") == [] and _objects(s3_bucket) == []


def test_replaced_versions_leave_the_store_after_the_grace_period(s3_bucket, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(remote, "GRACE_SECONDS", 0.0)
    lake = _lake(tmp_path, "a")
    for n in range(3):
        lake.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [n]})})
    assert len({o.split("/")[2] for o in _objects(s3_bucket) if o.startswith("t/.versions/")}) == 1
    assert _lake(tmp_path, "b").read("t", "2026-11-01", "a")["x"].to_list() == [2]


def test_json_documents_amendments_and_listings(s3_bucket, tmp_path: Path):
    writer, reader = _lake(tmp_path, "a"), _lake(tmp_path, "b")
    assert reader.read_json("tasks/current.json", {"none": 1}) == {"none": 1}
    writer.write_json("tasks/current.json", {"version": "v1"})
    assert reader.read_json("tasks/current.json") == {"version": "v1"}
    writer.write_json("tasks/current.json", {"version": "v2"})
    assert reader.read_json("tasks/current.json") == {"version": "v2"}  # afresh each time: it is not a version
    writer.write_partition("t", "2026-11-01", {"a": pl.DataFrame({"x": [1]})}, {"v": 1})
    writer.rewrite(writer.partition_dir("t", "2026-11-01"), {"_blocked.json": b"{}"})
    folder = reader.fetch(reader.partition_dir("t", "2026-11-01"))
    assert sorted(p.name for p in folder.iterdir()) == ["_blocked.json", "_manifest.json", "a.parquet"]
    assert reader.read_json("t/day=2026-11-01/_manifest.json") == {"v": 1}  # a file inside a version, by its path
    write_folder(writer.root / "u" / "v0002", lambda staging: (staging / "a.txt").write_text("a"))
    writer.write_json("u/notes.json", {})
    assert reader.names(reader.root / "u") == ["v0002"] and reader.names(reader.root / "u", "v[0-9]*") == ["v0002"]
    assert (reader.fetch(reader.root / "u" / "v0002") / "a.txt").read_text() == "a"
    assert reader.names(reader.root / "u", plain=True) == ["notes.json"]
    assert reader.names(reader.root, plain=True) == ["t", "tasks", "u"]
    assert reader.where(reader.root / "u" / "notes.json") == f"{URL}/u/notes.json"
    write_folder(writer.root / "u" / "empty", lambda staging: None)  # a version with no files is one too
    assert reader.fetch(reader.root / "u" / "empty").is_dir() and not any((reader.root / "u" / "empty").iterdir())
