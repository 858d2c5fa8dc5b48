"""`flywheel generate-sample`: days of agent traffic in the landing folder, plus ground truth.

One file per day (`traffic-YYYY-MM-DD.jsonl`, every other day gzipped), its modification time at
the day's end as a rotated log's would be. Besides good records the files hold late arrivals
(yesterday's records at the top of today's file), re-sent duplicates, records without
`request_id` or `timestamp`, and bad lines of every defect kind. The ground truth (one row per
line with its expected partition and outcome, one row per planted personal value with where it
sits) goes to a separate folder that the pipeline never reads.
"""

from __future__ import annotations

import gzip
import os
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import msgspec
import polars as pl

from flywheel.sample.defects import DEFECTS, corrupt
from flywheel.sample.records import locate_pii, records_for
from flywheel.sample.tasks import TASKS

DEFAULT_START = date(2026, 11, 1)


@dataclass(eq=False)
class Line:
    data: bytes
    day: date  # the partition the pipeline must put it in
    outcome: str  # accepted | duplicate | quarantined
    task: str
    request_id: str | None = None
    defect: str | None = None
    derived: str | None = None  # "request_id" or "timestamp" when the source omits it
    record: dict | None = None


@dataclass
class Truth:
    lines: list[dict] = field(default_factory=list)
    pii: list[dict] = field(default_factory=list)


def _conversations(rng: random.Random, day: date, n: int, truth: Truth, names: list[str]) -> list[Line]:
    """About `n` good records of one day (tasks among `names`), in time order, with their PII recorded."""
    weights = [TASKS[t][1] for t in names]
    out: list[Line] = []
    start = datetime.combine(day, time(), UTC)
    while len(out) < n:
        task = rng.choices(names, weights)[0]
        turn = TASKS[task][0](rng)
        ts = start + timedelta(seconds=rng.uniform(0, 86390))
        for rec in records_for(rng, turn, ts):
            if rec["timestamp"][:10] != day.isoformat():
                continue  # a follow-up that crossed midnight: keep the day's file clean
            for entity, value, path in locate_pii(rec, turn.pii):
                truth.pii.append(
                    {
                        "request_id": rec["request_id"],
                        "entity": entity,
                        "value": value,
                        "path": path,
                    }
                )
            out.append(Line(b"", day, "accepted", task, rec["request_id"], record=rec))
    out.sort(key=lambda line: line.record["timestamp"])
    return out


def _encode(rng: random.Random, line: Line) -> None:
    rec = line.record
    roll = rng.random()
    if roll < 0.01:
        del rec["request_id"]
        line.derived, line.request_id = "request_id", None
    elif roll < 0.015:
        del rec["timestamp"]
        line.derived = "timestamp"
    line.data = msgspec.json.encode(rec)


def _day_lines(rng: random.Random, day: date, n: int, truth: Truth, bad: float, dup: float,
               names: list[str]) -> list[Line]:  # fmt: skip
    good = _conversations(rng, day, max(1, round(n * (1 - bad - dup))), truth, names)
    for line in good:
        _encode(rng, line)
    lines = list(good)
    for _ in range(round(n * dup)):  # a re-sent line, later in the same file
        i = rng.randrange(len(lines))
        src = lines[i]
        if src.outcome != "accepted" or src.request_id is None:
            continue
        copy_ = Line(src.data, day, "duplicate", src.task, src.request_id)
        lines.insert(rng.randint(i + 1, len(lines)), copy_)
    spare = _conversations(rng, day, round(n * bad), Truth(), names)
    for k, line in enumerate(spare):
        defect = DEFECTS[k % len(DEFECTS)]
        data = corrupt(rng, line.record, defect)
        lines.insert(rng.randint(1, len(lines)), Line(data, day, "quarantined", line.task, None, defect))
    return lines


def generate(out: str | Path, truth_dir: str | Path | None = None, records: int = 5000, days: int = 7,
             seed: int = 0, start: date = DEFAULT_START, bad_share: float = 0.025,
             dup_share: float = 0.01, late_share: float = 0.01,
             task_from: dict[str, int] | None = None) -> dict:  # fmt: skip
    """Write `records` lines of traffic over `days` days into `out`; return a summary. `task_from`
    holds tasks back until a day (0-based), as when an agent gains a new skill."""
    task_from = task_from or {}
    unknown = set(task_from) - set(TASKS)
    if unknown:
        raise ValueError(f"unknown tasks in task_from: {sorted(unknown)}; the tasks are {sorted(TASKS)}")
    rng = random.Random(seed)
    out = Path(out)
    truth_dir = Path(truth_dir) if truth_dir else out.parent / f"{out.name}-truth"
    out.mkdir(parents=True, exist_ok=True)
    truth = Truth()
    per_day = [records // days + (1 if i < records % days else 0) for i in range(days)]
    late: list[Line] = []
    for i, n in enumerate(per_day):
        day = start + timedelta(days=i)
        names = [t for t in TASKS if task_from.get(t, 0) <= i]
        lines = late + _day_lines(rng, day, n - len(late), truth, bad_share, dup_share, names)
        late = []
        if i + 1 < days:  # some of the evening's records are only delivered with tomorrow's file
            resent = {line.request_id for line in lines if line.outcome == "duplicate"}
            for _ in range(round(n * late_share)):
                src = lines[rng.randrange(len(lines) * 9 // 10, len(lines))]
                if src.outcome != "accepted" or src.request_id is None or src.day != day:
                    continue
                if rng.random() < 0.3:
                    late.append(Line(src.data, day, "duplicate", src.task, src.request_id))  # re-delivery
                elif src.derived is None and src.request_id not in resent:
                    lines.remove(src)
                    late.append(src)
                resent.add(src.request_id)
        _write_day(out, day, i, lines, truth)
    return _write_truth(truth_dir, truth)


def _write_day(out: Path, day: date, i: int, lines: list[Line], truth: Truth) -> None:
    name = f"traffic-{day.isoformat()}.jsonl" + (".gz" if i % 2 else "")
    payload = b"\n".join(line.data for line in lines) + b"\n"
    path = out / name
    if i % 2:
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write(payload)
    else:
        path.write_bytes(payload)
    end = datetime.combine(day, time(23, 59, 59), UTC).timestamp()
    os.utime(path, (end, end))
    for n, line in enumerate(lines, start=1):
        truth.lines.append({"source_file": name, "source_line": n, "day": line.day, "outcome": line.outcome,
                            "task": line.task, "request_id": line.request_id, "defect": line.defect,
                            "derived": line.derived})  # fmt: skip


def _write_truth(truth_dir: Path, truth: Truth) -> dict:
    truth_dir.mkdir(parents=True, exist_ok=True)
    lines = pl.DataFrame(truth.lines, schema_overrides={"day": pl.Date, "request_id": pl.String,
                                                         "defect": pl.String, "derived": pl.String})  # fmt: skip
    accepted = lines.filter(pl.col("outcome") == "accepted")["request_id"].drop_nulls()
    pii = pl.DataFrame(truth.pii, schema={"request_id": pl.String, "entity": pl.String,
                                          "value": pl.String, "path": pl.String})  # fmt: skip
    lines.write_parquet(truth_dir / "lines.parquet")
    pii.filter(pl.col("request_id").is_in(accepted.implode())).write_parquet(truth_dir / "pii.parquet")
    summary = {"lines": lines.height, **dict(lines.group_by("outcome").len().iter_rows()),
               "truth_dir": str(truth_dir)}  # fmt: skip
    return summary
