"""Collect: turn landing files into per-day accepted rows, quarantined lines and duplicates.

Every line read lands in exactly one of four places, so that for each day
`accepted + duplicates + quarantined + erased == lines read` (a quarantine row says how many lines
it stands for: one, or a run of empty lines; `erased` counts the lines of clients erased on request,
see `erased.py`, which are read and dropped).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import polars as pl

from flywheel.ingest import schema
from flywheel.ingest.contract import Rejected, decode_record
from flywheel.ingest.erased import ErasedClients
from flywheel.ingest.landing_index import DayTally, Span, home_day
from flywheel.ingest.sources import LandingFile
from flywheel.ingest.timestamps import parse_timestamp


@dataclass
class DayBatch:
    """What one day partition receives."""

    day: date
    accepted: dict[str, tuple] = field(default_factory=dict)  # request_id -> raw_logs row
    quarantined: list[tuple] = field(default_factory=list)
    duplicates: list[tuple] = field(default_factory=list)
    lines_read: Counter[str] = field(default_factory=Counter)  # per source file
    erased: int = 0  # lines of erased clients, dropped

    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """(raw_logs, quarantine, duplicates) as DataFrames with the fixed schemas."""
        return (
            schema.frame(list(self.accepted.values()), schema.RAW_LOGS),
            schema.frame(self.quarantined, schema.QUARANTINE),
            schema.frame(self.duplicates, schema.DUPLICATES),
        )

    @property
    def counts(self) -> dict[str, int]:
        return {
            "lines_read": sum(self.lines_read.values()),
            "accepted": len(self.accepted),
            "duplicates": len(self.duplicates),
            "quarantined": sum(row[-1] for row in self.quarantined),
            "erased": self.erased,
        }


class Collector:
    """Feeds files into day batches for a set of days, deduplicating on `request_id`.

    `seen` maps request ids already stored in earlier partitions to where they were kept;
    those are duplicates here. Within the days collected, the copy on the earliest day wins,
    then the first one read (files in name order, lines in order).
    """

    def __init__(self, days: set[date], seen: dict[str, str] | None = None, span: Span | None = None,
                 erased: ErasedClients | None = None) -> None:  # fmt: skip
        self.span, self.erased = span, erased
        self.batches = {d: DayBatch(d) for d in sorted(days)}
        self.seen: dict[str, tuple[date | None, str]] = {rid: (None, where) for rid, where in (seen or {}).items()}
        self.scanned: dict[str, dict[str, int]] = {}  # file name -> lines per day, as the landing index holds it

    def add_file(self, file: LandingFile) -> None:
        """Every line of `file`, read as a stream (one line and the undated lines waiting for a
        date in memory at a time, see `dated`)."""
        tally = DayTally(file)
        for line_no, (line, too_long, day) in enumerate(tally, start=1):
            batch = self.batches.get(home_day(day, file, self.span))
            if batch is None:
                continue
            batch.lines_read[file.name] += 1
            if self.erased and self.erased.in_line(line):
                batch.erased += 1
            elif batch.day != day:  # dated outside the partitions: accounted for, and quarantined, here
                assert self.span is not None
                edge = f"before the first partition ({self.span[0]})" if day < self.span[0] else \
                    f"after the last partition ({self.span[1]})"  # fmt: skip
                reason = f"outside the partitions: its timestamp is {edge}"
                batch.quarantined.append((batch.day, file.name, line_no, "outside_partitions", reason, line, 1))
            elif too_long is not None:
                reason = f"line too long: {too_long:,} bytes (the limit is FLYWHEEL_MAX_LINE_BYTES)"
                batch.quarantined.append((batch.day, file.name, line_no, "line_too_long", reason, None, 1))
            else:
                self._add_line(batch, file, line_no, line)
        self.scanned[file.name] = tally.days()  # what `scan_file` finds
        if tally.error is not None:
            # The unreadable rest of the file counts as one quarantined entry, on the day reading stopped.
            batch = self.batches.get(tally.last)
            if batch is not None:
                batch.lines_read[file.name] += 1
                batch.quarantined.append((tally.last, file.name, None, "unreadable_file", tally.error, None, 1))

    def _add_line(self, batch: DayBatch, file: LandingFile, line_no: int, line: bytes) -> None:
        try:
            record = decode_record(line)
            if record.timestamp is None:
                ts, ts_derived = datetime.fromtimestamp(file.mtime_ns / 1e9, UTC), True
            else:
                ts, ts_derived = parse_timestamp(record.timestamp), False
            rid = record.request_id or "sha256:" + hashlib.sha256(line).hexdigest()[:32]
            row = schema.raw_row(record, rid, ts, ts_derived, file.name, line_no)
        except Rejected as rej:
            if rej.code == "empty_line" and _extends_empty_run(batch, file.name, line_no):
                return
            batch.quarantined.append((batch.day, file.name, line_no, rej.code, rej.reason, line, 1))
            return
        except Exception as exc:  # noqa: BLE001 - one record never stops the others; its content is not quoted
            reason = f"record could not be read ({type(exc).__name__})"
            batch.quarantined.append((batch.day, file.name, line_no, "unreadable_record", reason, line, 1))
            return
        where = f"{file.name}:{line_no}"
        kept = self.seen.get(rid)
        if kept is None:
            self.seen[rid] = (batch.day, where)
            batch.accepted[rid] = row
            return
        kept_day, kept_where = kept
        if kept_day is not None and kept_day > batch.day:
            # An earlier day's copy arrived after a later day's: the earlier one wins.
            later = self.batches[kept_day]
            old = later.accepted.pop(rid)
            later.duplicates.append((kept_day, rid, old[-2], old[-1], where))
            self.seen[rid] = (batch.day, where)
            batch.accepted[rid] = row
            return
        batch.duplicates.append((batch.day, rid, file.name, line_no, kept_where))


def _extends_empty_run(batch: DayBatch, file: str, line_no: int) -> bool:
    """Count an empty line into the row of the empty lines just before it in the same file, if
    there is one: a file of 20 million empty lines is one quarantine row, not 20 million."""
    if not batch.quarantined:
        return False
    day, name, first, code, _, raw, lines = batch.quarantined[-1]
    if name != file or code != "empty_line" or first + lines != line_no:
        return False
    reason = f"{lines + 1:,} empty lines (lines {first:,} to {line_no:,})"
    batch.quarantined[-1] = (day, name, first, code, reason, raw, lines + 1)
    return True


def collect(files: list[LandingFile], days: set[date], seen: dict[str, str] | None = None,
            span: Span | None = None, erased: ErasedClients | None = None) -> dict[date, DayBatch]:  # fmt: skip
    """Collect the given days from the given files. See `Collector`."""
    collector = Collector(days, seen, span, erased)
    for file in files:
        collector.add_file(file)
    return collector.batches
