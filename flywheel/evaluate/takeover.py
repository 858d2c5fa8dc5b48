"""`traffic_takeover`: over the last days of logged traffic, the share of calls whose task has a
champion (calls a small model would answer), and the LLM cost that saves per day at the
configured prices, net of what the small model costs to serve (its measured latency per call).
This is the paper's headline figure for this agent."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import members
from flywheel.evaluate import promote
from flywheel.evaluate.costs import Prices, llm_cost
from flywheel.evaluate.report import report_of
from flywheel.lake import Lake
from flywheel.scrub.pipeline import is_published, read_scrubbed

USAGE = ["request_id", "model", "prompt_tokens", "completion_tokens"]


@dataclass
class Takeover:
    by_day: pl.DataFrame  # day, calls, taken, share, llm_usd, saved_usd
    by_task: pl.DataFrame  # task_id, champion, calls, share_of_traffic, llm_usd_per_day, saved_usd_per_day
    share: float
    saved_per_day: float
    llm_per_day: float
    days: int


def champions(lake: Lake, uri: str, tasks: list[str]) -> dict[str, tuple[str, float]]:
    """Task -> (champion version, its serving seconds per call) for the tasks that have one."""
    out = {}
    for task in tasks:
        version = promote.alias(uri, task)
        if version is not None:
            stored = report_of(lake, task, version) or {}
            seconds = ((stored.get("scores") or {}).get("fine_tuned") or {}).get("seconds_per_call", 0.0)
            out[task] = (version, float(seconds))
    return out


def takeover(lake: Lake, uri: str, prices: Prices, last_days: int = 14) -> Takeover:
    """The takeover of the last `last_days` days that have clustered, published traffic."""
    tasks_of = members(lake)
    days = sorted({d for d in tasks_of["day"].unique().to_list() if is_published(lake, d)})[-last_days:]
    frames = []
    for day in days:
        usage = read_scrubbed(lake, day, USAGE)
        joined = usage.join(tasks_of.filter(pl.col("day") == day).select("request_id", "cluster_id"), on="request_id")
        frames.append(joined.with_columns(pl.lit(day).alias("day"), llm_cost(joined, prices)))
    calls = pl.concat(frames) if frames else pl.DataFrame(schema={"day": pl.Date, "cluster_id": pl.String,
                                                                  "llm_usd": pl.Float64})  # fmt: skip
    tasks = sorted(set(calls["cluster_id"].to_list()) - {NOISE})
    held = champions(lake, uri, tasks)
    slm_usd = {t: s * prices.slm_usd_per_hour / 3600 for t, (_, s) in held.items()}
    calls = calls.with_columns(
        pl.col("cluster_id").is_in(list(held)).alias("taken"),
        pl.col("cluster_id").replace_strict(slm_usd, default=0.0, return_dtype=pl.Float64).alias("slm_usd"),
    ).with_columns(pl.when("taken").then(pl.col("llm_usd") - pl.col("slm_usd")).otherwise(0.0).alias("saved_usd"))
    by_day = (
        calls.group_by("day")
        .agg(
            pl.len().alias("calls"), pl.col("taken").sum(), pl.col("llm_usd").sum(), pl.col("saved_usd").sum()
        )  # fmt: skip
        .with_columns((pl.col("taken") / pl.col("calls")).alias("share"))
        .sort("day")
    )
    n_days = max(1, by_day.height)
    by_task = (
        calls.group_by("cluster_id").agg(pl.len().alias("calls"), pl.col("llm_usd").sum(), pl.col("saved_usd").sum())
        .rename({"cluster_id": "task_id"})
        .with_columns(
            pl.col("task_id").replace_strict({t: v for t, (v, _) in held.items()}, default=None,
                                             return_dtype=pl.String).alias("champion"),  # fmt: skip
            (pl.col("calls") / max(1, calls.height)).alias("share_of_traffic"),
            (pl.col("llm_usd") / n_days).alias("llm_usd_per_day"),
            (pl.col("saved_usd") / n_days).alias("saved_usd_per_day"),
        )
        .select("task_id", "champion", "calls", "share_of_traffic", "llm_usd_per_day", "saved_usd_per_day")
        .sort("calls", descending=True)
    )  # fmt: skip
    share = float(calls["taken"].mean()) if calls.height else 0.0
    return Takeover(by_day, by_task, share, float(calls["saved_usd"].sum()) / n_days,
                    float(calls["llm_usd"].sum()) / n_days, by_day.height)  # fmt: skip
