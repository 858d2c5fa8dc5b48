"""Ingest the generated sample day by day and compare every line with the generator's ground truth."""

from datetime import date
from pathlib import Path

import polars as pl

from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake
from flywheel_tests.ingest.test_collect import D1, D2, D3, _rec, _write


def test_every_line_lands_where_the_ground_truth_says(sample, tmp_path: Path):
    lake = Lake(tmp_path / "lake")
    for day in sample.days:
        ingest_days(lake, sample.landing, {date.fromisoformat(day)})
    truth = sample.lines
    raw = pl.concat([lake.read("raw_logs", d, "records") for d in sample.days])
    dups = pl.concat([lake.read("raw_logs", d, "duplicates") for d in sample.days])
    quarantine = pl.concat([lake.read("quarantine", d, "lines") for d in sample.days])

    def located(df: pl.DataFrame) -> set[tuple]:
        return set(df.select("source_file", "source_line", "day").iter_rows())

    assert located(raw) == located(truth.filter(pl.col("outcome") == "accepted"))
    assert located(dups) == located(truth.filter(pl.col("outcome") == "duplicate"))
    bad = truth.filter(pl.col("outcome") == "quarantined")
    assert located(quarantine) == located(bad)
    got = dict(quarantine.select(pl.concat_str("source_file", "source_line"), "reason_code").iter_rows())
    want = dict(bad.select(pl.concat_str("source_file", "source_line"), "defect").iter_rows())
    assert got == want
    assert raw.height + dups.height + quarantine.height == truth.height
    assert raw["request_id"].is_unique().all()
    # ids the source omitted were derived, the rest kept as logged
    kept = truth.filter(pl.col("outcome") == "accepted", pl.col("request_id").is_not_null())["request_id"]
    assert set(kept) <= set(raw["request_id"])
    assert (
        raw.filter(pl.col("request_id_derived")).height
        == truth.filter(pl.col("outcome") == "accepted", pl.col("derived") == "request_id").height
    )


def test_a_request_is_kept_on_its_earliest_day_whatever_order_the_days_are_built_in(tmp_path: Path):
    landing = tmp_path / "landing"
    _write(landing, "a.jsonl", [_rec("r1", "2026-11-03T09:00:00Z"), _rec("r2", "2026-11-03T10:00:00Z")])
    _write(landing, "b.jsonl", [_rec("r1", "2026-11-02T09:00:00Z"), _rec("r3", "2026-11-01T09:00:00Z")])
    forward, backward = Lake(tmp_path / "forward"), Lake(tmp_path / "backward")
    for day in (D1, D2, D3):
        assert len(ingest_days(forward, landing, {day})) == 1
    rebuilt = []
    for day in (D3, D2, D1):
        rebuilt += [(day, r.day, r.rebuilt) for r in ingest_days(backward, landing, {day})[1:]]
    assert rebuilt == [(D2, D3, True)]  # building 11-02 took r1 from 11-03, which was built again

    def kept(lake: Lake) -> dict:
        return {d: sorted(lake.read("raw_logs", d, "records")["request_id"]) for d in (D1, D2, D3)}

    assert kept(backward) == kept(forward) == {D1: ["r3"], D2: ["r1"], D3: ["r2"]}
    assert backward.read("raw_logs", D3, "duplicates")["request_id"].to_list() == ["r1"]


def test_each_landing_file_is_read_once_per_run_and_the_index_kept(tmp_path: Path, monkeypatch):
    from collections import Counter

    from flywheel.ingest import sources
    from flywheel.ingest.landing_index import scan_file
    from flywheel.ingest.pipeline import INDEX_NAME
    from flywheel.ingest.sources import file_key, list_landing

    landing = tmp_path / "landing"
    _write(landing, "a.jsonl", [_rec("a1", "2026-11-01T10:00:00Z"), _rec("a2", "2026-11-02T10:00:00Z")])
    _write(landing, "b.jsonl.gz", [_rec("b1", "2026-11-02T11:00:00Z"), b"{broken"])
    _write(landing, "c.jsonl", [_rec("c1", "2026-11-03T09:00:00Z")])
    reads: Counter = Counter()
    iterate = sources.LineStream.__iter__

    def counted(self):
        reads[self.path.name] += 1
        return iterate(self)

    monkeypatch.setattr(sources.LineStream, "__iter__", counted)
    lake = Lake(tmp_path / "lake")
    ingest_days(lake, landing, {D1})  # nothing indexed yet: every file is read, once
    assert reads == {"a.jsonl": 1, "b.jsonl.gz": 1, "c.jsonl": 1}
    assert lake.read("raw_logs", D1, "records")["request_id"].to_list() == ["a1"]
    reads.clear()
    ingest_days(lake, landing, {D2})  # indexed: only the files with lines of 11-02
    assert reads == {"a.jsonl": 1, "b.jsonl.gz": 1}
    assert sorted(lake.read("raw_logs", D2, "records")["request_id"]) == ["a2", "b1"]
    monkeypatch.setattr(sources.LineStream, "__iter__", iterate)
    index = lake.read_json(INDEX_NAME)  # keyed by a hash of the name: a file name may name a person
    assert {f.name: index[file_key(f.name)]["days"] for f in list_landing(landing)} == {
        f.name: scan_file(f) for f in list_landing(landing)
    }  # what the collector counted is what a scan finds
    assert not {f.name for f in list_landing(landing)} & set(index)
