"""Where a user's history starts: the first day their logs hold, so that the day partitions in the
Dagster UI begin there and not years before it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from flywheel.ingest.landing_index import INDEX_NAME
from flywheel.ingest.sources import LineStream, file_key, list_landing
from flywheel.ingest.timestamps import own_day


def first_log_day(landing: str | Path, lake_root: str | Path) -> date | None:
    """The earliest day in the landing index (every file collected so far, all its lines) and on the
    first line of each landing file not indexed yet (a log is written in time order); None when
    there are no logs. Cheap: it reads one line per new file."""
    path = Path(lake_root) / INDEX_NAME
    index = json.loads(path.read_text()) if path.is_file() else {}
    days = [date.fromisoformat(d) for entry in index.values() for d in entry.get("days", ())]
    for f in list_landing(landing) if Path(landing).is_dir() else []:
        if index.get(file_key(f.name), {}).get("signature") == f.signature:
            continue
        lines = iter(LineStream(f))
        first = next(lines, None)
        lines.close()  # type: ignore[attr-defined]
        day = own_day(first[0], f.day) if first else None
        if day:
            days.append(day)
    return min(days, default=None)
