"""Task discovery at scale: embedding throughput (cold and warm cache) beside sentence-transformers'
plain `encode`, the time of a re-clustering (UMAP + HDBSCAN + merge + id matching + description),
and the cost of a new day's incremental assignment under histories of different lengths.

The traces are generated with ground truth and "scrubbed" by replacing the planted personal
values with placeholders (the scrubber has its own benchmark), then written as `scrubbed_traces`
partitions, so everything after that runs the project's own code. Goal: 100,000 traces clustered
in under 5 minutes on 2 cores with cached embeddings.

    .venv/bin/python benchmarks/cluster_throughput.py --records 100000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from sklearn.metrics import adjusted_rand_score

from flywheel.cluster import pipeline as P
from flywheel.cluster.embed import Embedder, EmbeddingCache, cache_location
from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake
from flywheel.sample.generator import generate
from flywheel.scrub.pipeline import SCRUBBED

DATA = Path(__file__).parent / ".data"
START = date(2026, 11, 1)


CHATTER = ("Thanks!", "I'm in a hurry.", "This is the third time I ask.", "Sent from my phone.", "Cheers.",
           "Sorry for the typos.", "Please be quick.", "My manager is asking.", "Hope you can help.", "Kind regards.",
           "It's urgent.", "Not sure who else to ask.", "Appreciate it.", "Happy Friday!", "Long day here.",
           "Quick one.", "Following up.", "No rush.", "Much appreciated!", "Thanks in advance.")  # fmt: skip


def _chatter(messages: str, rng: random.Random) -> str:
    """The trace with two or three chatty sentences around its first user message, so almost
    every trace has a signature of its own, as in real traffic."""
    parsed = json.loads(messages)
    for m in parsed:
        if m.get("role") == "user" and isinstance(m.get("content"), str):
            before, after = rng.sample(CHATTER, 2)
            m["content"] = f"{before} {m['content']} {after} {rng.choice(CHATTER)} #{rng.randint(0, 99)}"
            break
    return json.dumps(parsed)


def scrubbed_lake(records: int, days: int, variety: bool) -> tuple[Path, pl.DataFrame]:
    """A lake with `days` scrubbed_traces partitions (cached under benchmarks/.data)."""
    root = DATA / f"cluster-{records}{'-varied' if variety else ''}"
    rng = random.Random(1)
    truth = pl.read_parquet(root / "truth" / "lines.parquet") if (root / "done").exists() else None
    if truth is None:
        shutil.rmtree(root, ignore_errors=True)
        generate(root / "landing", root / "truth", records=records, days=days, seed=5, start=START)
        lake = Lake(root / "lake")
        all_days = [START + timedelta(i) for i in range(days)]
        ingest_days(lake, root / "landing", set(all_days))
        pii = pl.read_parquet(root / "truth" / "pii.parquet").unique(["request_id", "value"])
        by_id: dict[str, list[tuple[str, str]]] = {}
        for rid, entity, value in pii.select("request_id", "entity", "value").iter_rows():
            by_id.setdefault(rid, []).append((entity, value))
        for d in all_days:
            raw = lake.read("raw_logs", d, "records")
            rows = []
            for rid, m, r in raw.select("request_id", "messages", "response_message").iter_rows():
                for k, (entity, value) in enumerate(by_id.get(rid, ()), start=1):
                    m, r = m.replace(value, f"<{entity}_{k}>"), r.replace(value, f"<{entity}_{k}>")
                rows.append((_chatter(m, rng) if variety else m, r))
            traces = raw.select("request_id", "day", "workload_id").with_columns(
                messages=pl.Series([a for a, _ in rows]), response_message=pl.Series([b for _, b in rows])
            )
            lake.write_partition(SCRUBBED, d, {"traces": traces}, {"traces": traces.height})
        (root / "done").touch()
        truth = pl.read_parquet(root / "truth" / "lines.parquet")
    return root, truth.filter(pl.col("outcome") == "accepted").select("request_id", "task")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=8)
    ap.add_argument("--baseline-sample", type=int, default=5000, help="texts plain encode is timed on")
    ap.add_argument(
        "--variety", action="store_true", help="chatter around each request: almost every signature distinct"
    )
    args = ap.parse_args()
    root, truth = scrubbed_lake(args.records, args.days, args.variety)
    lake = Lake(root / "lake")
    for name in (P.EMBEDDINGS, P.CLUSTERS, P.ASSIGNMENTS, "_embedding_cache"):
        shutil.rmtree(lake.root / name, ignore_errors=True)
    days = lake.days(SCRUBBED)
    history, new_day = days[:-1], days[-1]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}")
    embedder = Embedder()
    embedder.encode(["warm-up"])  # loading the model is not throughput

    t = time.perf_counter()
    cache = EmbeddingCache(cache_location(lake.root), embedder)
    n = sum(P.embed_day(lake, d, cache).height for d in history)
    cold = time.perf_counter() - t
    texts = 2 * n  # a request and a tool use per trace
    print(f"traces: {n:,} in {len(history)} days; distinct texts embedded: {cache.embedded:,}")
    print(f"flywheel embed, cold cache: {texts / cold:,.0f} texts/s ({cold:.1f} s)")
    t = time.perf_counter()
    warm_cache = EmbeddingCache(cache_location(lake.root), embedder)
    for d in history:
        P.embed_day(lake, d, warm_cache)
    warm = time.perf_counter() - t
    print(f"flywheel embed, warm cache: {texts / warm:,.0f} texts/s ({warm:.1f} s, {warm_cache.embedded} embedded)")
    sample = pl.concat([lake.read(P.EMBEDDINGS, d, "embeddings", ["request", "tool_use"]) for d in history])
    pool = sample["request"].to_list() + sample["tool_use"].to_list()
    picked = random.Random(0).sample(pool, min(args.baseline_sample, len(pool)))
    t = time.perf_counter()
    embedder._model.encode(picked, batch_size=64, show_progress_bar=False)
    base = time.perf_counter() - t
    print(f"sentence-transformers encode (same texts, sample of {len(picked):,}): {len(picked) / base:,.0f} texts/s")
    print(
        f"ratio cold/plain: {texts / cold / (len(picked) / base):.1f}x, warm/plain: "
        f"{texts / warm / (len(picked) / base):.1f}x"
    )

    t = time.perf_counter()
    first = P.recluster(lake)
    fit1 = time.perf_counter() - t
    t = time.perf_counter()
    second = P.recluster(lake)
    fit2 = time.perf_counter() - t
    m = P.members(lake).join(truth, on="request_id")
    ari = adjusted_rand_score(m["task"].to_list(), m["cluster_id"].to_list())
    print(
        f"clustering {n:,} traces: {fit1:.1f} s (first), {fit2:.1f} s (re-clustering with id matching); "
        f"goal < 300 s; {first.metrics['tasks']} tasks, noise {first.metrics['noise_share']:.1%}, ARI {ari:.3f}, "
        f"ids kept {second.metrics['kept_id_share']:.1%}"
    )

    P.embed_day(lake, new_day, warm_cache)
    P.assign_day(lake, new_day)  # the first call compiles UMAP's transform: not the day's cost
    t = time.perf_counter()
    out = P.assign_day(lake, new_day)
    long_assign = time.perf_counter() - t
    for d in [*history[1:], new_day]:  # the same new day under a model fitted on one day of history
        shutil.rmtree(lake.partition_dir(P.EMBEDDINGS, d))
    P.recluster(lake)
    P.embed_day(lake, new_day, warm_cache)
    P.assign_day(lake, new_day)
    t = time.perf_counter()
    P.assign_day(lake, new_day)
    short_assign = time.perf_counter() - t
    print(
        f"assigning a new day ({out.height:,} traces): {long_assign:.2f} s after {len(history)} days of history, "
        f"{short_assign:.2f} s after 1 day"
    )


if __name__ == "__main__":
    main()
