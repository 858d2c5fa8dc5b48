"""Ingest the generated sample day by day and compare every line with the generator's ground truth."""

from datetime import date
from pathlib import Path

import polars as pl

from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake


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
