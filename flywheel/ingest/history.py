"""Where a user's history starts: the first day their logs hold, so that the day partitions in the
Dagster UI begin there and not years before it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flywheel.ingest.landing_index import INDEX_NAME, stored_index
from flywheel.ingest.sources import LineStream, list_landing
from flywheel.ingest.timestamps import own_day
from flywheel.lake import Lake


def first_log_day(landing: str | Path, lake_root: str | Path) -> date | None:
    """The earliest day in the landing index (every file collected so far, all its lines) and on the
    first line of each landing file not indexed yet (a log is written in time order); None when
    there are no logs. Cheap: it reads one line per new file."""
    stored = Lake(lake_root).read_json(INDEX_NAME, {})
    days = [date.fromisoformat(d) for entry in stored.values() for d in entry.get("days", ())]  # type: ignore[union-attr]
    files = list_landing(landing) if Path(landing).is_dir() else []
    indexed = stored_index(stored, files)  # type: ignore[arg-type]
    for f in files:
        if f.name in indexed and indexed[f.name]["signature"] == f.signature:
            continue
        lines = iter(LineStream(f))
        first = next(lines, None)
        lines.close()  # type: ignore[attr-defined]
        day = own_day(first[0], f.day) if first else None
        if day:
            days.append(day)
    return min(days, default=None)
