"""Build a `scrubbed_traces` day partition from the `raw_logs` partition of the same day."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import polars as pl

from flywheel.bulk import paused_gc
from flywheel.ingest.pipeline import RAW_LOGS
from flywheel.lake import Lake
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.traces import texts_of
from flywheel.scrub.verify import Verifier

if TYPE_CHECKING:  # Presidio and spaCy load in seconds: readers of scrubbed traces (datasets, evaluation) skip them
    from flywheel.scrub.engine import Scrubber

SCRUBBED = "scrubbed_traces"
# raw_logs columns carried over unchanged: none of them holds free text
CARRIED = ["request_id", "timestamp", "day", "workload_id", "client_id", "model", "tools", "tool_choice",
           "finish_reason", "tools_offered", "tools_called", "n_messages", "prompt_tokens", "completion_tokens",
           "total_tokens", "latency_ms"]  # fmt: skip
FAILURES = pl.Schema({"request_id": pl.String, "reason": pl.String, "kinds": pl.String})
BLOCKED = "_blocked.json"
MAX_TEXT = 1_000_000  # characters: spaCy refuses longer texts (E088); such a call is left out


class UnpublishedPartition(RuntimeError):
    """A scrubbed day that failed verification: nothing downstream may read it."""


@dataclass
class ScrubDayResult:
    day: date
    traces: pl.DataFrame
    failures: pl.DataFrame
    replaced: Counter  # (entity, operator) -> values replaced
    touched: int  # traces with at least one replacement
    withheld: Counter  # kind -> calls withheld because the second detector found that kind
    withheld_calls: int  # calls the second detector withheld (the failures that name kinds)
    published: bool  # False when the share withheld passed the policy's limit


def scrub_day(lake: Lake, day: date | str, scrubber: Scrubber, workers: int = 1,
              verifier: Verifier | None = None) -> ScrubDayResult:  # fmt: skip
    """Scrub every call of the day, then check each row about to be written with the second
    detector (`verify.Verifier`). A call that cannot be scrubbed, or in which the second detector
    still finds a personal value, is listed in `failures` with the kinds (never a value) and left
    out: it is never passed through. When the share withheld passes the policy's
    `max_withheld_share`, the day is written but not published: downstream steps refuse it."""
    raw = lake.read(RAW_LOGS, day, "records")
    verifier = verifier or Verifier(scrubber.policy.allow_list)
    ids = Pseudonyms(lake_salt(lake, scrubber.policy.salt_env), scrubber.policy.identifiers)
    with paused_gc():
        parsed, failures = [], []
        for rid, messages, response in raw.select("request_id", "messages", "response_message").iter_rows():
            try:
                messages, response = json.loads(messages), json.loads(response)
            except (TypeError, ValueError, RecursionError) as exc:
                failures.append((ids("request_id", rid), f"unreadable messages: {type(exc).__name__}", ""))
                continue
            texts = texts_of([*messages, response])
            longest = max(map(len, texts), default=0)
            if longest > MAX_TEXT:
                reason = f"too long to scrub: a text of {longest:,} characters (the limit is {MAX_TEXT:,})"
                failures.append((ids("request_id", rid), reason, ""))
                continue
            parsed.append((rid, messages, response, texts))
        scrubber.detect((t for *_, texts in parsed for t in texts), workers=workers)
        carried = {row["request_id"]: row for row in raw.select(CARRIED).iter_rows(named=True)}
        rows, counts = [], {}
        replaced: Counter = Counter()
        for rid, messages, response, _ in parsed:
            try:
                result = scrubber.scrub_trace(messages, response)
            except Exception as exc:  # noqa: BLE001 - any failure quarantines the call, never passes it
                failures.append((ids("request_id", rid), f"scrub failed: {type(exc).__name__}", ""))
                continue
            [response_out] = ids.messages([result.response])
            row = {**carried[rid], "request_id": ids("request_id", rid),
                   "client_id": ids("client_id", carried[rid]["client_id"]),
                   "messages": json.dumps(ids.messages(result.messages), ensure_ascii=False),
                   "response_message": json.dumps(response_out, ensure_ascii=False)}  # fmt: skip
            rows.append(row)
            counts[row["request_id"]] = result.replaced
        withheld: Counter = Counter()
        kept = []
        for row, found in zip(rows, verifier.check(rows, workers=workers), strict=True):
            if found:
                kinds = ",".join(sorted(found))
                failures.append((row["request_id"], f"withheld: the second detector found {kinds}", kinds))
                withheld.update(found.keys())
            else:
                kept.append(row)
                replaced.update(counts[row["request_id"]])
    traces = (
        pl.DataFrame(kept, schema={**raw.select(CARRIED).schema, "messages": pl.String, "response_message": pl.String})
        .with_columns(
            pii_replaced=pl.Series([sum(counts[r["request_id"]].values()) for r in kept], dtype=pl.Int32),
            policy_version=pl.lit(scrubber.policy.version),
        )
        .select([*CARRIED[:6], "messages", "response_message", *CARRIED[6:], "pii_replaced", "policy_version"])
    )
    failed = pl.DataFrame(failures, schema=FAILURES, orient="row")
    withheld_calls = sum(1 for f in failures if f[2])
    share = withheld_calls / max(1, raw.height)
    published = share <= scrubber.policy.max_withheld_share
    manifest = {"policy_version": scrubber.policy.version, "traces": traces.height, "failures": failed.height,
                "withheld": dict(sorted(withheld.items())), "withheld_calls": withheld_calls,
                "withheld_share": round(share, 4), "published": published,
                "replaced": {f"{e}/{o}": n for (e, o), n in sorted(replaced.items())}}  # fmt: skip
    lake.write_partition(SCRUBBED, day, {"traces": traces, "failures": failed}, manifest)
    touched = sum(1 for r in kept if counts[r["request_id"]])
    return ScrubDayResult(date.fromisoformat(str(day)), traces, failed, replaced, touched, withheld, withheld_calls,
                          published)  # fmt: skip


def is_published(lake: Lake, day: date | str) -> bool:
    """A scrubbed day downstream steps may read: written, under the withheld limit, and not
    blocked by a failed `residual_pii` check."""
    manifest = lake.manifest(SCRUBBED, day)
    blocked = (lake.partition_dir(SCRUBBED, day) / BLOCKED).exists()
    return bool(manifest) and manifest.get("published", True) and not blocked


def read_scrubbed(lake: Lake, day: date | str, columns: list[str] | None = None) -> pl.DataFrame:
    """The day's scrubbed calls, for the steps after scrubbing; refuses a day that is not published."""
    if not is_published(lake, day):
        raise UnpublishedPartition(
            f"scrubbed_traces for {day} is not published: it failed verification (see the residual_pii check "
            "and the partition's failures table). Fix the policy and re-scrub the day."
        )
    return lake.read(SCRUBBED, day, "traces", columns)


def block(lake: Lake, day: date | str, reason: dict) -> None:
    """Mark a written day as failed, so every downstream step refuses it until it is re-scrubbed: a
    new version of the partition, its files and the mark."""
    lake.rewrite(lake.partition_dir(SCRUBBED, day), {BLOCKED: json.dumps(reason, sort_keys=True).encode()})


def residual_report(traces: pl.DataFrame, verifier: Verifier) -> tuple[Counter, list[str]]:
    """What the second detector finds in a written table, over every column: counts per kind,
    and the request ids of the calls that hold them."""
    kinds: Counter = Counter()
    where: list[str] = []
    rows = list(traces.iter_rows(named=True))
    for row, found in zip(rows, verifier.check(rows), strict=True):
        if found:
            kinds.update(found)
            where.append(row["request_id"])
    return kinds, where
