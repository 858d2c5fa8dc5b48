"""Build `raw_logs` and `quarantine` day partitions in the lake from the landing folder."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.bulk import paused_gc
from flywheel.ingest.collect import Collector, DayBatch
from flywheel.ingest.erased import ErasedClients
from flywheel.ingest.landing_index import (
    INDEX_NAME,
    Index,
    Span,
    files_touching,
    stored_index,
    to_store,
    update_index,
)
from flywheel.ingest.sources import LandingFile, list_landing
from flywheel.lake import Lake

RAW_LOGS, QUARANTINE = "raw_logs", "quarantine"
COLLECTED = "collect_logs"  # the group both assets' day partitions are published in together


@dataclass
class DayResult:
    day: date
    counts: dict[str, int]
    lines_per_file: dict[str, int]
    raw: pl.DataFrame
    quarantine: pl.DataFrame
    duplicates: pl.DataFrame
    rebuilt: bool = False  # a later day built again because a request it kept belongs to an earlier one


def refresh_index(lake: Lake, files: list[LandingFile]) -> Index:
    """The landing index for `files` (see `list_landing`), rescanning only new or changed ones."""
    stored = lake.read_json(INDEX_NAME, {})
    index = update_index(files, stored_index(stored, files))  # type: ignore[arg-type]
    _save_index(lake, index, stored)  # type: ignore[arg-type]
    return index


def _save_index(lake: Lake, index: Index, stored: dict) -> dict:
    """Write `index` as the lake keeps it (see `to_store`) unless `stored`, what the lake holds,
    is that already; return what the lake holds now."""
    new = to_store(index)
    if new != stored:
        lake.write_json(INDEX_NAME, new)
    return new


def earlier_request_ids(lake: Lake, day: date) -> dict[str, str]:
    """Request ids already kept in `raw_logs` partitions before `day`, with where they were kept."""
    seen: dict[str, str] = {}
    for d in lake.days(RAW_LOGS):
        if d < day:
            where = f"raw_logs day={d}"
            for rid in lake.read(RAW_LOGS, d, "records", columns=["request_id"])["request_id"]:
                seen[rid] = where
    return seen


def ingest_days(lake: Lake, landing: str | Path, days: set[date], span: Span | None = None) -> list[DayResult]:
    """Collect `days` from the landing folder and write both assets' partitions for each. With
    `span` (first and last partition day), lines dated outside it are quarantined on the day of
    their file (brought into the span) instead of waiting for a partition that never comes.

    A request id is kept on the earliest day that has it, whatever order the days are built in:
    a later day built before, which kept a copy of a request now kept here, is built again (its
    result follows the requested days', with `rebuilt` set)."""
    with paused_gc():
        files = list_landing(landing)
        results, stored = _ingest(lake, files, lake.read_json(INDEX_NAME, {}), days, span)  # type: ignore[arg-type]
        kept = {rid for r in results for rid in r.raw["request_id"]}
        for later in [d for d in lake.days(RAW_LOGS) if d > min(days) and d not in days]:
            if not kept.isdisjoint(lake.read(RAW_LOGS, later, "records", columns=["request_id"])["request_id"]):
                rebuilt, stored = _ingest(lake, files, stored, {later}, span)
                results += [replace(r, rebuilt=True) for r in rebuilt]
        return results


def _ingest(
    lake: Lake, files: list[LandingFile], stored: dict, days: set[date], span: Span | None
) -> tuple[list[DayResult], dict]:
    """Collect and write `days`, reading each file once: the indexed files that touch the days,
    and every file the index (`stored`, as the lake holds it) does not know yet (new or changed),
    whose lines per day the collector counts on the way. Returns the results and the index as
    saved."""
    cached = stored_index(stored, files)
    fresh = {f.name for f in files if f.name in cached and cached[f.name]["signature"] == f.signature}
    unknown = [f for f in files if f.name not in fresh]
    touching = files_touching([f for f in files if f.name in fresh], cached, days, span)
    collector = Collector(days, earlier_request_ids(lake, min(days)), span, ErasedClients.of(lake))
    for file in sorted([*touching, *unknown], key=lambda f: f.name):  # name order: the first copy read wins
        collector.add_file(file)
    scanned = {f.name: {"signature": f.signature, "days": collector.scanned[f.name]} for f in unknown}
    index = {f.name: cached[f.name] if f.name in fresh else scanned[f.name] for f in files}
    return [_write(lake, batch) for batch in collector.batches.values()], _save_index(lake, index, stored)


def _write(lake: Lake, batch: DayBatch) -> DayResult:
    raw, quarantine, duplicates = batch.frames()
    manifest = {"counts": batch.counts, "lines_per_file": dict(batch.lines_read)}
    tables = {RAW_LOGS: {"records": raw, "duplicates": duplicates}, QUARANTINE: {"lines": quarantine}}
    lake.write_together(COLLECTED, batch.day, tables, manifest)
    return DayResult(batch.day, batch.counts, dict(batch.lines_read), raw, quarantine, duplicates)
