"""Which days each landing file touches, cached by the file's size and modification time.

The sensor uses it to request the partitions that new files touch; `raw_logs` uses it to read
only the files that hold lines of the day it builds (and every file it does not know yet, which
the collector counts for it on the way, so that a run reads each file once). A file is scanned
again only when it changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from flywheel.ingest.sources import LandingFile, LineStream, file_key
from flywheel.ingest.timestamps import dated

INDEX_NAME = "_landing_index.json"  # in the lake's root
Index = dict[str, dict]  # file name -> {"signature": str, "days": {"YYYY-MM-DD": line count}}


class DayTally:
    """The lines of one file with their days (see `dated`), counted per day as they stream past,
    as the landing index holds them: an unreadable remainder counts as one line on its day."""

    def __init__(self, file: LandingFile) -> None:
        self.file, self.stream = file, LineStream(file)
        self.counts: Counter = Counter()
        self.last = file.day  # the day of the last line read: where an unreadable remainder goes

    def __iter__(self) -> Iterator[tuple[bytes, int | None, date]]:
        for line, too_long, day in dated(self.stream, self.file.day):
            self.counts[day] += 1
            self.last = day
            yield line, too_long, day

    @property
    def error(self) -> str | None:
        return self.stream.error

    def days(self) -> dict[str, int]:
        """Lines per day, once iterated."""
        counts = self.counts + Counter({self.last: 1}) if self.error is not None else self.counts
        return {d.isoformat(): n for d, n in counts.items()}


def scan_file(file: LandingFile) -> dict[str, int]:
    """Lines per day in one file, read as a stream; an unreadable remainder counts as one line on its day."""
    tally = DayTally(file)
    for _ in tally:
        pass
    return tally.days()


def stored_index(stored: dict, files: list[LandingFile]) -> Index:
    """The index as saved in the lake (keyed by `file_key`, so no file name, which may carry a
    person's name or e-mail address, is kept past the scrub zone) for `files`, keyed by their names."""
    return {f.name: stored[file_key(f.name)] for f in files if file_key(f.name) in stored}


def to_store(index: Index) -> dict:
    """The index as the lake keeps it: keyed by `file_key`."""
    return {file_key(name): entry for name, entry in sorted(index.items())}


def update_index(files: list[LandingFile], cached: Index | None) -> Index:
    """The index for `files`, rescanning only new or changed ones."""
    cached = cached or {}
    index: Index = {}
    for file in files:
        entry = cached.get(file.name)
        if entry is None or entry["signature"] != file.signature:
            entry = {"signature": file.signature, "days": scan_file(file)}
        index[file.name] = entry
    return index


Span = tuple[date, date]  # the first and last day a partition exists or will exist for


def clamp(day: date, span: Span) -> date:
    return min(max(day, span[0]), span[1])


def home_day(day: date, file: LandingFile, span: Span | None) -> date:
    """The partition that accounts for a line of `day`: its own, or for a line dated outside the
    partitions (1900, 9999) the file's own day brought into range, where it is quarantined."""
    if span is None or span[0] <= day <= span[1]:
        return day
    return clamp(file.day, span)


def files_touching(
    files: list[LandingFile], index: Index, days: set[date], span: Span | None = None
) -> list[LandingFile]:
    """The files with lines that `days` account for (see `home_day`)."""

    def homes(f: LandingFile) -> set[date]:
        return {home_day(date.fromisoformat(d), f, span) for d in index[f.name]["days"]}

    return [f for f in files if days & homes(f)]


def lines_accounted_to(index: Index, files: list[LandingFile], day: date, span: Span | None = None) -> int:
    """How many landing lines `day`'s partitions must account for (see `home_day`)."""
    return sum(n for f in files for d, n in index[f.name]["days"].items()
               if home_day(date.fromisoformat(d), f, span) == day)  # fmt: skip
