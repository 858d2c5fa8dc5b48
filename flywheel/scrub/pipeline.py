"""Build a `scrubbed_traces` day partition from the `raw_logs` partition of the same day."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date

import polars as pl

from flywheel.bulk import paused_gc
from flywheel.ingest.pipeline import RAW_LOGS
from flywheel.lake import Lake
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.residual import find_residual
from flywheel.scrub.traces import texts_of

SCRUBBED = "scrubbed_traces"
# raw_logs columns carried over unchanged: none of them holds free text
CARRIED = ["request_id", "timestamp", "day", "workload_id", "client_id", "model", "tools", "tool_choice",
           "finish_reason", "tools_offered", "tools_called", "n_messages", "prompt_tokens", "completion_tokens",
           "total_tokens", "latency_ms"]  # fmt: skip
FAILURES = pl.Schema({"request_id": pl.String, "reason": pl.String})


@dataclass
class ScrubDayResult:
    day: date
    traces: pl.DataFrame
    failures: pl.DataFrame
    replaced: Counter  # (entity, operator) -> values replaced
    touched: int  # traces with at least one replacement


def scrub_day(lake: Lake, day: date | str, scrubber: Scrubber, workers: int = 1) -> ScrubDayResult:
    """Scrub every call of the day. A call that cannot be scrubbed is listed with the kind of its
    error in `failures` and left out: it is never passed through unscrubbed."""
    raw = lake.read(RAW_LOGS, day, "records")
    with paused_gc():
        parsed, failures = [], []
        for rid, messages, response in raw.select("request_id", "messages", "response_message").iter_rows():
            try:
                parsed.append((rid, json.loads(messages), json.loads(response)))
            except (TypeError, ValueError) as exc:
                failures.append((rid, f"unreadable messages: {type(exc).__name__}"))
        scrubber.detect((t for _, m, r in parsed for t in texts_of([*m, r])), workers=workers)
        out_messages, out_response, counts, kept_ids = [], [], [], []
        replaced: Counter = Counter()
        for rid, messages, response in parsed:
            try:
                result = scrubber.scrub_trace(messages, response)
            except Exception as exc:  # noqa: BLE001 - any failure quarantines the call, never passes it
                failures.append((rid, f"scrub failed: {type(exc).__name__}"))
                continue
            kept_ids.append(rid)
            out_messages.append(json.dumps(result.messages, ensure_ascii=False))
            out_response.append(json.dumps(result.response, ensure_ascii=False))
            counts.append(sum(result.replaced.values()))
            replaced.update(result.replaced)
    traces = (
        pl.DataFrame(
            {
                "request_id": kept_ids,
                "messages": out_messages,
                "response_message": out_response,
                "pii_replaced": pl.Series(counts, dtype=pl.Int32),
            }
        )
        .join(raw.select(CARRIED), on="request_id", how="left")
        .with_columns(policy_version=pl.lit(scrubber.policy.version))
        .select([*CARRIED[:6], "messages", "response_message", *CARRIED[6:], "pii_replaced", "policy_version"])
    )
    failed = pl.DataFrame(failures, schema=FAILURES, orient="row")
    manifest = {"policy_version": scrubber.policy.version, "traces": traces.height, "failures": failed.height,
                "replaced": {f"{e}/{o}": n for (e, o), n in sorted(replaced.items())}}  # fmt: skip
    lake.write_partition(SCRUBBED, day, {"traces": traces, "failures": failed}, manifest)
    touched = sum(1 for c in counts if c)
    return ScrubDayResult(date.fromisoformat(str(day)), traces, failed, replaced, touched)


def residual_report(traces: pl.DataFrame) -> tuple[Counter, list[str]]:
    """Structured personal values the strict second pass still finds: counts per kind, and the
    request ids of the calls that hold them."""
    kinds: Counter = Counter()
    where: list[str] = []
    for rid, messages, response in traces.select("request_id", "messages", "response_message").iter_rows():
        found = [k for t in texts_of([*json.loads(messages), json.loads(response)]) for k in find_residual(t)]
        if found:
            kinds.update(found)
            where.append(rid)
    return kinds, where
