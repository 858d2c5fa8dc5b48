"""Which days each landing file touches, cached by the file's size and modification time.

The sensor uses it to request the partitions that new files touch; `raw_logs` uses it to read
only the files that hold lines of the day it builds. A file is scanned again only when it changes.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from flywheel.ingest.sources import LandingFile, read_lines
from flywheel.ingest.timestamps import assign_days

Index = dict[str, dict]  # file name -> {"signature": str, "days": {"YYYY-MM-DD": line count}}


def scan_file(file: LandingFile) -> dict[str, int]:
    """Lines per day in one file; an unreadable remainder counts as one line on its day."""
    read = read_lines(file.path)
    days = assign_days(read.lines, file.day)
    counts = Counter(d.isoformat() for d in days)
    if read.error is not None:
        counts[(days[-1] if days else file.day).isoformat()] += 1
    return dict(counts)


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


def files_touching(files: list[LandingFile], index: Index, days: set[date]) -> list[LandingFile]:
    wanted = {d.isoformat() for d in days}
    return [f for f in files if wanted & index[f.name]["days"].keys()]
