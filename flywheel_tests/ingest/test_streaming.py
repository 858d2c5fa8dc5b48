"""A landing file is read as a stream: collecting it and scanning it for the landing index hold
one line (and the undated lines waiting for a date) at a time, so memory stays flat as the file
grows (issue 10: a 19 KB gzip of 20 million empty lines took 5.3 GB)."""

import gzip
import json
import os
import tracemalloc
from datetime import UTC, date, datetime

from flywheel.ingest import timestamps
from flywheel.ingest.collect import collect
from flywheel.ingest.landing_index import scan_file
from flywheel.ingest.sources import list_landing
from flywheel_tests.conftest import make_record

DAY = date(2026, 11, 2)


def _file(folder, empty_lines: int):
    """A gzip of one dated record, `empty_lines` empty lines and another record."""
    folder.mkdir()
    record = json.dumps(make_record(request_id="r-1", timestamp="2026-11-02T10:00:00Z")).encode()
    last = json.dumps(make_record(request_id="r-2", timestamp="2026-11-02T11:00:00Z")).encode()
    with gzip.open(folder / "flood.jsonl.gz", "wb") as f:
        f.write(record + b"\n")
        block = b"\n" * 50_000
        for _ in range(empty_lines // 50_000):
            f.write(block)
        f.write(last + b"\n")
    os.utime(folder / "flood.jsonl.gz", (datetime(2026, 11, 2, 12, tzinfo=UTC).timestamp(),) * 2)
    return list_landing(folder)[0]


def _peak(fn, arg) -> int:
    tracemalloc.start()
    try:
        fn(arg)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_a_file_of_empty_lines_grows(tmp_path):
    small, large = _file(tmp_path / "small", 50_000), _file(tmp_path / "large", 200_000)
    batches = collect([large], {DAY})
    batch = batches[DAY]
    assert sorted(batch.accepted) == ["r-1", "r-2"]
    assert [(row[3], row[6]) for row in batch.quarantined] == [("empty_line", 200_000)]  # one row for the run
    assert batch.lines_read[large.name] == 200_002
    assert scan_file(large) == {DAY.isoformat(): 200_002}
    for fn in (lambda f: collect([f], {DAY}), scan_file):
        peak_small, peak_large = _peak(fn, small), _peak(fn, large)
        # four times the lines: held whole, their list alone would take 1.2 MB more here
        assert peak_large < 1.2 * peak_small + 2**19, (peak_small, peak_large)


def test_undated_lines_wait_for_the_next_date_only_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(timestamps, "MAX_PENDING_LINES", 3)
    dated = json.dumps(make_record(timestamp="2026-11-05T10:00:00Z")).encode()
    lines = [(b"garbage", None)] * 2 + [(dated, None)] + [(b"x", None)] * 4 + [(dated, None)]
    days = [day for _, _, day in timestamps.dated(lines, DAY)]
    nov5 = date(2026, 11, 5)
    # the first two wait for the dated line; of the four after it, three fill the limit and go
    # with the line before them, as does the fourth
    assert days == [nov5] * 8
    lines = [(b"garbage", None)] * 4 + [(dated, None)]
    assert [day for _, _, day in timestamps.dated(lines, DAY)] == [DAY, DAY, DAY, nov5, nov5]
