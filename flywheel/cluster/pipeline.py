"""The S3 lake layout and its three operations: embed a day, re-cluster everything, assign a day.

- `trace_embeddings/day=D/embeddings.parquet`: per trace its signature and its vector.
- `task_clusters/vNNNN/`: one clustering (model, per-trace ids, the task table, id events, the
  scatter PNG, fit.json), `task_clusters/current.json` naming the live one, and
  `task_clusters/registry.json` with every id ever given and its status.
- `task_assignments/day=D/assignments.parquet`: the task id of each of the day's traces under the
  current clustering (as fitted, or predicted for a day that came after the fit).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import joblib
import polars as pl

from flywheel.bulk import paused_gc
from flywheel.cluster.describe import describe
from flywheel.cluster.embed import DIM, EmbeddingCache, trace_vectors
from flywheel.cluster.fit import FitParams, TaskModel, fit, predict
from flywheel.cluster.ids import NOISE, Registry, match
from flywheel.cluster.scatter import scatter_png
from flywheel.cluster.signature import signature
from flywheel.lake import Lake, write_folder
from flywheel.scrub.pipeline import SCRUBBED, is_published, read_scrubbed

EMBEDDINGS, CLUSTERS, ASSIGNMENTS = "trace_embeddings", "task_clusters", "task_assignments"
VECTOR = pl.Array(pl.Float32, 2 * DIM)
ASSIGNED = pl.Schema({"request_id": pl.String, "day": pl.Date, "cluster_id": pl.String, "strength": pl.Float32,
                      "source": pl.String})  # fmt: skip


def embed_day(lake: Lake, day: date | str, cache: EmbeddingCache) -> pl.DataFrame:
    """Write the day's `trace_embeddings` partition; only texts never seen before are embedded."""
    traces = read_scrubbed(lake, day, ["request_id", "day", "workload_id", "messages", "response_message"])
    with paused_gc():
        sigs = [
            signature(m, r, w) for m, r, w in traces.select("messages", "response_message", "workload_id").iter_rows()
        ]
    before = cache.embedded
    vectors = trace_vectors(cache, [s.request for s in sigs], [s.tool_use for s in sigs])
    out = traces.select("request_id", "day", "workload_id").with_columns(
        key=pl.Series([s.key for s in sigs], dtype=pl.String),
        request=pl.Series([s.request for s in sigs], dtype=pl.String),
        tool_use=pl.Series([s.tool_use for s in sigs], dtype=pl.String),
        tools=pl.Series([s.tools for s in sigs], dtype=pl.List(pl.String)),
        example=pl.Series([s.example for s in sigs], dtype=pl.String),
        vector=pl.Series(vectors, dtype=VECTOR),
    )
    manifest = {"traces": out.height, "embedded_texts": cache.embedded - before,
                "distinct_signatures": out["key"].n_unique()}  # fmt: skip
    lake.write_partition(EMBEDDINGS, day, {"embeddings": out}, manifest)
    return out


def current(lake: Lake) -> dict | None:
    """fit.json of the live clustering, or None before the first one."""
    pointer = lake.read_json(f"{CLUSTERS}/current.json")
    return lake.read_json(f"{CLUSTERS}/{pointer['version']}/fit.json") if pointer else None


def load_model(lake: Lake, version: str) -> TaskModel:
    return joblib.load(lake.fetch(lake.root / CLUSTERS / version) / "model.joblib")


def scrubbed_total(lake: Lake, days: list[date] | None = None) -> int:
    """Scrubbed traces in the lake (or on `days`), from the manifests of the published partitions."""
    days = lake.days(SCRUBBED) if days is None else days
    return sum((lake.manifest(SCRUBBED, d) or {}).get("traces", 0) for d in days if is_published(lake, d))


def members(lake: Lake) -> pl.DataFrame:
    """The task id of every trace: the live clustering's own, plus the days assigned after it."""
    fit_info = current(lake)
    if fit_info is None:
        return pl.DataFrame(schema=ASSIGNED)
    frames = [pl.read_parquet(lake.fetch(lake.root / CLUSTERS / fit_info["version"]) / "assignments.parquet")]
    fitted = set(fit_info["days"])
    for d in lake.days(ASSIGNMENTS):
        info = lake.manifest(ASSIGNMENTS, d) or {}
        if d.isoformat() not in fitted and info.get("version") == fit_info["version"]:
            frames.append(lake.read(ASSIGNMENTS, d, "assignments"))
    return pl.concat(frames)


@dataclass
class Reclustering:
    version: str
    tasks: pl.DataFrame  # one row per id: active ones with their description, retired ones
    events: pl.DataFrame
    metrics: dict
    scatter: bytes
    active: list[str]
    retired: list[str]


def recluster(lake: Lake, params: FitParams | None = None) -> Reclustering:
    """Fit a new clustering on every embedded trace and carry the ids over from the live one."""
    params = params or FitParams()
    days = [d for d in lake.days(EMBEDDINGS) if is_published(lake, d)]  # a day blocked since is left out
    if not days:
        raise ValueError("no trace_embeddings yet: materialize trace_embeddings for some days first")
    data = pl.concat([lake.read(EMBEDDINGS, d, "embeddings") for d in days])
    vectors = data["vector"].to_numpy()
    before = members(lake)
    previous = dict(zip(before["request_id"].to_list(), before["cluster_id"].fill_null(NOISE).to_list(), strict=True))
    prior = [None if previous.get(r, NOISE) == NOISE else previous[r] for r in data["request_id"].to_list()]
    result = fit(vectors, data["key"].to_list(), params, prior if before.height else None)
    table, metrics = describe(result, data["request"].to_list(), data["tools"].to_list(), data["example"].to_list())
    registry = Registry.from_dict(lake.read_json(f"{CLUSTERS}/registry.json"))
    matching = match(previous, data["request_id"].to_list(), result.labels, result.model.n_tasks, registry)
    ids = [matching.ids[t] if t >= 0 else NOISE for t in result.labels.tolist()]
    assignments = data.select("request_id", "day").with_columns(
        cluster_id=pl.Series(ids, dtype=pl.String), strength=pl.Series(result.strengths), source=pl.lit("fit")
    )
    # of the traces that had a task before, the share still in it (noise getting a task is no change of id)
    had = before.filter(pl.col("cluster_id").is_not_null() & (pl.col("cluster_id") != NOISE))
    kept = had.join(assignments.select("request_id", new_id="cluster_id"), on="request_id")
    metrics["kept_id_share"] = float((kept["cluster_id"] == kept["new_id"]).mean()) if kept.height else None
    table = table.with_columns(cluster_id=pl.Series(matching.ids, dtype=pl.String), status=pl.lit("active"))
    retired = sorted(k for k, s in registry.status.items() if s == "retired")
    if retired:
        table = pl.concat([table, pl.DataFrame({"cluster_id": retired, "status": ["retired"] * len(retired)})],
                          how="diagonal_relaxed")  # fmt: skip
    table = table.select("cluster_id", "status", pl.exclude("cluster_id", "status", "task")).sort("cluster_id")
    events = pl.DataFrame(matching.events, schema={"event": pl.String, "cluster_id": pl.String, "detail": pl.String})
    names = dict(zip(table["cluster_id"].to_list(), table["label"].to_list(), strict=True))
    png = scatter_png(vectors, ids, names, params.seed)
    info = {"days": [d.isoformat() for d in days], "traces": assignments.height, "task_ids": matching.ids,
            "metrics": metrics, "params": params.as_dict(),
            "scrubbed_traces_at_fit": scrubbed_total(lake, days)}  # fmt: skip
    version = _write_version(lake, result.model, assignments, table, events, png, info, registry)
    return Reclustering(version, table, events, metrics, png, matching.ids, retired)


def _write_version(lake: Lake, model: TaskModel, assignments: pl.DataFrame, table: pl.DataFrame,
                   events: pl.DataFrame, png: bytes, info: dict, registry: Registry) -> str:  # fmt: skip
    base = lake.root / CLUSTERS
    number = 1 + max((int(name[1:]) for name in lake.names(base, "v[0-9]*")), default=0)
    version = f"v{number:04d}"
    info = {**info, "version": version, "fitted_at": datetime.now(UTC).isoformat(timespec="seconds")}

    def fill(staging: Path) -> None:
        joblib.dump(model, staging / "model.joblib")
        assignments.write_parquet(staging / "assignments.parquet")
        table.write_parquet(staging / "clusters.parquet")
        events.write_parquet(staging / "events.parquet")
        (staging / "scatter.png").write_bytes(png)
        (staging / "fit.json").write_text(json.dumps(info, indent=1))

    write_folder(base / version, fill)
    lake.write_json(f"{CLUSTERS}/registry.json", registry.as_dict())
    lake.write_json(f"{CLUSTERS}/current.json", {"version": version})
    return version


def assign_day(lake: Lake, day: date | str) -> pl.DataFrame:
    """Write the day's `task_assignments` partition under the live clustering: the fitted ids for a
    day it was fitted on, the fitted model's prediction (no refit) for a later day, and no id
    (source "unclustered") before the first clustering."""
    day = date.fromisoformat(str(day))
    data = lake.read(EMBEDDINGS, day, "embeddings", ["request_id", "day", "key", "vector"])
    fit_info = current(lake)
    if fit_info is None:
        out = data.select("request_id", "day").with_columns(
            cluster_id=pl.lit(None, pl.String), strength=pl.lit(None, pl.Float32), source=pl.lit("unclustered")
        )
        version = None
    elif day.isoformat() in fit_info["days"]:
        version = fit_info["version"]
        out = (
            pl.scan_parquet(lake.fetch(lake.root / CLUSTERS / version) / "assignments.parquet")
            .filter(pl.col("day") == day)
            .collect()
        )
    else:
        version = fit_info["version"]
        model = load_model(lake, version)
        labels, strengths = predict(model, data["vector"].to_numpy(), data["key"].to_list())
        by_task = fit_info["task_ids"]
        out = data.select("request_id", "day").with_columns(
            cluster_id=pl.Series([by_task[t] if t >= 0 else NOISE for t in labels.tolist()], dtype=pl.String),
            strength=pl.Series(strengths, dtype=pl.Float32),
            source=pl.lit("predicted"),
        )
    out = out.select(ASSIGNED.names()).cast(dict(ASSIGNED))
    noise = int((out["cluster_id"] == NOISE).sum())
    manifest = {"version": version, "traces": out.height, "noise": noise,
                "per_cluster": dict(out.group_by("cluster_id").len().drop_nulls().iter_rows())}  # fmt: skip
    lake.write_partition(ASSIGNMENTS, day, {"assignments": out}, manifest)
    return out
