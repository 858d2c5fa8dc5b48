import gzip
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from flywheel.ingest.collect import collect
from flywheel.ingest.sources import list_landing
from flywheel_tests.conftest import make_record

D1, D2, D3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)


def _rec(rid: str | None, ts: str | None = "2026-11-02T10:00:00Z", **kw) -> bytes:
    rec = make_record(request_id=rid, timestamp=ts, **kw)
    rec = {k: v for k, v in rec.items() if v is not None}
    return json.dumps(rec).encode()


def _write(folder: Path, name: str, lines: list[bytes], mtime_day: date = D3) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"\n".join(lines) + b"\n"
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    stamp = datetime(mtime_day.year, mtime_day.month, mtime_day.day, 12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _balanced(batches) -> None:
    for b in batches.values():
        c = b.counts
        assert c["accepted"] + c["duplicates"] + c["quarantined"] == c["lines_read"], b.day


def test_duplicates_within_a_partition_keep_the_first_copy(tmp_path: Path):
    _write(tmp_path, "a.jsonl", [_rec("r1"), _rec("r2"), _rec("r1")])
    _write(tmp_path, "b.jsonl.gz", [_rec("r2"), _rec("r3")])
    batch = collect(list_landing(tmp_path), {D2})[D2]
    raw, _, dups = batch.frames()
    assert raw["request_id"].to_list() == ["r1", "r2", "r3"]
    assert dups.select("request_id", "source_file", "source_line", "kept_from").rows() == [
        ("r1", "a.jsonl", 3, "a.jsonl:1"),
        ("r2", "b.jsonl.gz", 1, "a.jsonl:2"),
    ]
    _balanced({D2: batch})


def test_duplicates_of_earlier_partitions_are_dropped(tmp_path: Path):
    _write(tmp_path, "a.jsonl", [_rec("old"), _rec("new")])
    batch = collect(list_landing(tmp_path), {D2}, seen={"old": "raw_logs day=2026-11-01"})[D2]
    assert list(batch.accepted) == ["new"]
    assert batch.duplicates[0][1:] == ("old", "a.jsonl", 1, "raw_logs day=2026-11-01")


def test_the_earliest_days_copy_wins_whatever_the_file_order(tmp_path: Path):
    _write(tmp_path, "a.jsonl", [_rec("r1", "2026-11-02T09:00:00Z")])
    _write(tmp_path, "b.jsonl", [_rec("r1", "2026-11-01T09:00:00Z")])
    batches = collect(list_landing(tmp_path), {D1, D2})
    assert list(batches[D1].accepted) == ["r1"]
    assert not batches[D2].accepted
    assert batches[D2].duplicates[0][1:] == ("r1", "a.jsonl", 1, "b.jsonl:1")
    _balanced(batches)


def test_records_go_to_the_partition_of_their_timestamp(tmp_path: Path):
    _write(tmp_path, "x.jsonl", [_rec("a", "2026-11-01T23:59:59Z"), _rec("b", "2026-11-02T00:00:01Z")])
    batches = collect(list_landing(tmp_path), {D1, D2})
    assert list(batches[D1].accepted) == ["a"]
    assert list(batches[D2].accepted) == ["b"]
    assert collect(list_landing(tmp_path), {D3})[D3].counts["lines_read"] == 0


def test_missing_request_id_and_timestamp_are_derived(tmp_path: Path):
    _write(tmp_path, "x.jsonl", [_rec(None), _rec("r2", None), _rec(None)], mtime_day=D2)
    batch = collect(list_landing(tmp_path), {D2})[D2]
    raw = batch.frames()[0]
    assert raw["request_id_derived"].to_list() == [True, False]
    assert raw["request_id"][0].startswith("sha256:")
    assert raw["timestamp_derived"].to_list() == [False, True]
    assert raw["timestamp"][1] == datetime(2026, 11, 2, 12, tzinfo=UTC)  # the file's modification time
    assert batch.counts["duplicates"] == 1  # the identical line without an id has the same content hash


def test_bad_lines_are_quarantined_with_file_line_reason_and_exact_bytes(tmp_path: Path):
    bad_utf8 = _rec("u").replace(b"Where", b"\xff\xfeWhere")
    _write(tmp_path, "x.jsonl", [_rec("r1"), b"{oops", bad_utf8, b"", _rec("r2", workload_id=7)])
    batch = collect(list_landing(tmp_path), {D2})[D2]
    q = batch.frames()[1]
    assert q.select("source_file", "source_line", "reason_code").rows() == [
        ("x.jsonl", 2, "invalid_json"),
        ("x.jsonl", 3, "invalid_utf8"),
        ("x.jsonl", 4, "empty_line"),
        ("x.jsonl", 5, "wrong_type"),
    ]
    assert q["raw_line"][1] == bad_utf8
    assert q.schema["raw_line"] == pl.Binary
    _balanced({D2: batch})


def test_a_run_of_empty_lines_is_one_quarantine_row_that_counts_them_all(tmp_path: Path):
    lines = [_rec("r1"), *[b""] * 200_000, _rec("r2"), b"", b"  ", _rec("r3")]
    _write(tmp_path, "x.jsonl", lines)
    batch = collect(list_landing(tmp_path), {D2})[D2]
    q = batch.frames()[1]
    assert q.select("source_line", "reason_code", "lines").rows() == [(2, "empty_line", 200_000),
                                                                      (200_003, "empty_line", 2)]  # fmt: skip
    assert q["reason"][0] == "200,000 empty lines (lines 2 to 200,001)"
    assert batch.counts == {"lines_read": 200_005, "accepted": 3, "duplicates": 0, "quarantined": 200_002, "erased": 0}
    _balanced({D2: batch})


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path):
    path = _write(tmp_path, "t.jsonl.gz", [_rec(f"r{i}") for i in range(200)])
    path.write_bytes(path.read_bytes()[:-30])  # cut off the end of the stream
    batch = collect(list_landing(tmp_path), {D2})[D2]
    q = batch.frames()[1]
    assert q["reason_code"].to_list() == ["unreadable_file"]
    assert q["source_line"].to_list() == [None]
    assert "truncated" in q["reason"][0]
    assert 0 < batch.counts["accepted"] < 200
    _balanced({D2: batch})


def test_a_file_that_is_not_gzip_is_quarantined_without_quoting_it(tmp_path: Path):
    _write(tmp_path, "fake.jsonl", [_rec("r1")])
    (tmp_path / "fake.jsonl").rename(tmp_path / "fake.jsonl.gz")
    batch = collect(list_landing(tmp_path), {D3})[D3]  # no line could be dated: the file's day
    q = batch.frames()[1]
    assert q.select("source_file", "reason_code").rows() == [("fake.jsonl.gz", "unreadable_file")]
    assert q["reason"][0].endswith("not a gzip file")
    assert "request_id" not in q["reason"][0]
    _balanced({D3: batch})


def test_landing_listing_is_recursive_and_ignores_other_files(tmp_path: Path):
    _write(tmp_path, "2026/11/b.jsonl", [_rec("r1")])
    _write(tmp_path, "a.jsonl.gz", [_rec("r2")])
    (tmp_path / "notes.txt").write_text("not a log")
    assert [f.name for f in list_landing(tmp_path)] == ["2026/11/b.jsonl", "a.jsonl.gz"]


def test_a_line_over_the_limit_is_quarantined_with_its_length_and_never_held_whole(tmp_path: Path, monkeypatch):
    import tracemalloc

    monkeypatch.setenv("FLYWHEEL_MAX_LINE_BYTES", "1000")
    _write(tmp_path, "a.jsonl", [_rec("r1"), b'{"x": "' + b"a" * 5000 + b'"}', _rec("r2")])
    zeros = tmp_path / "b.jsonl.gz"  # 64 MiB of zeros and no line end: 65 KB on disk
    with gzip.open(zeros, "wb") as f:
        for _ in range(64):
            f.write(b"0" * 2**20)
    stamp = datetime(2026, 11, 3, 12, tzinfo=UTC).timestamp()
    os.utime(zeros, (stamp, stamp))
    tracemalloc.start()
    batches = collect(list_landing(tmp_path), {D2, D3})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 16 * 2**20  # the 64 MiB line was never in memory
    assert list(batches[D2].accepted) == ["r1", "r2"]
    quarantined = [q for b in batches.values() for q in b.quarantined]
    assert sorted((q[1], q[2], q[3], q[4], q[5]) for q in quarantined) == [
        ("a.jsonl", 2, "line_too_long", "line too long: 5,009 bytes (the limit is FLYWHEEL_MAX_LINE_BYTES)", None),
        ("b.jsonl.gz", 1, "line_too_long",
         f"line too long: {64 * 2**20:,} bytes (the limit is FLYWHEEL_MAX_LINE_BYTES)", None),
    ]  # fmt: skip
    _balanced(batches)
