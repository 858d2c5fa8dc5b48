"""Write the held-out agent's traffic into a landing folder as gateway logs, one file per day,
with its ground truth (each call's task) in a separate folder the pipeline never reads."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import polars as pl

from flywheel.heldout_agent.tasks import TASKS, Exchange
from flywheel.heldout_agent.tools import MODELS, TOOLS, WORKLOADS
from flywheel.sample.records import gateway_record

START = date(2026, 9, 14)


def conversation(rng: random.Random, ex: Exchange, ts: datetime, follow_up: float = 0.6) -> list[dict]:
    """The logged calls of one exchange: the call that makes the tool calls (or answers) and, often,
    the follow-up that answers from the tools' results."""
    spec = WORKLOADS[ex.workload]
    tools = [TOOLS[name] for name in spec["tools"]]
    client, model = rng.choice(spec["clients"]), rng.choice(MODELS)
    system = spec["system"].format(today=f"{ts.strftime('%A')} {ts.date().isoformat()}")
    messages = [{"role": "system", "content": system}, {"role": "user", "content": ex.user}]

    def record(at: datetime, convo: list[dict], reply: dict) -> dict:
        return gateway_record(rng, at, ex.workload, tools, client, model, convo, reply)

    if not ex.calls:
        return [record(ts, messages, {"role": "assistant", "content": ex.answer})]
    calls = [{"id": f"call_{rng.getrandbits(40):010x}", "type": "function",
              "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)}}
             for name, args in ex.calls]  # fmt: skip
    reply = {"role": "assistant", "content": None, "tool_calls": calls}
    out = [record(ts, messages, reply)]
    if rng.random() < follow_up:
        results = [{"role": "tool", "tool_call_id": c["id"], "content": json.dumps(r, ensure_ascii=False)}
                   for c, r in zip(calls, ex.results, strict=True)]  # fmt: skip
        later = ts + timedelta(milliseconds=rng.randint(700, 5000))
        out.append(record(later, [*messages, reply, *results], {"role": "assistant", "content": ex.answer}))
    return out


def generate(out: str | Path, truth_dir: str | Path, records: int = 3000, days: int = 5, seed: int = 0,
             start: date = START) -> dict:  # fmt: skip
    """About `records` logged calls over `days` days into `out` (`kestrel-YYYY-MM-DD.jsonl`);
    `truth_dir/calls.parquet` says each call's task and kind of reply. Returns counts per task."""
    rng, out, truth_dir = random.Random(seed), Path(out), Path(truth_dir)
    out.mkdir(parents=True, exist_ok=True)
    names, weights = list(TASKS), [w for _, w in TASKS.values()]
    truth = []
    for i in range(days):
        day = start + timedelta(days=i)
        lines: list[tuple[str, dict]] = []
        while len(lines) < records // days:
            task = rng.choices(names, weights)[0]
            ts = datetime.combine(day, time(7), UTC) + timedelta(seconds=rng.uniform(0, 12 * 3600))
            for rec in conversation(rng, TASKS[task][0](rng, day), ts):
                lines.append((task, rec))
        lines.sort(key=lambda pair: pair[1]["timestamp"])
        with open(out / f"kestrel-{day.isoformat()}.jsonl", "w") as f:
            for task, rec in lines:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                kind = "tool_call" if "tool_calls" in rec["response"]["choices"][0]["message"] else "text"
                truth.append({"request_id": rec["request_id"], "day": day, "task": task, "kind": kind})
    frame = pl.DataFrame(truth)
    truth_dir.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(truth_dir / "calls.parquet")
    return dict(frame.group_by("task").len().sort("task").iter_rows())
