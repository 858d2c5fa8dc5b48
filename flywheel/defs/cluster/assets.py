"""S3 assets: `trace_embeddings` (daily), `task_clusters` (global, versioned), `task_assignments` (daily)."""

import base64
from datetime import date

import dagster as dg
import polars as pl

from flywheel.cluster.embed import MODEL_NAME, EmbeddingCache, cache_location
from flywheel.cluster.fit import FitParams
from flywheel.cluster.pipeline import ASSIGNMENTS, CLUSTERS, EMBEDDINGS, assign_day, embed_day, recluster
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.metadata import as_table
from flywheel.defs.partitions import daily
from flywheel.defs.recovery import stop_if_terminated
from flywheel.defs.resources import LakeResource
from flywheel.scrub.pipeline import SCRUBBED

_DEFAULTS = FitParams()


class ClusterConfig(dg.Config):
    """Knobs of a re-clustering (the defaults suit most agents)."""

    n_neighbors: int = _DEFAULTS.n_neighbors
    min_cluster_share: float = _DEFAULTS.min_cluster_share
    min_samples: int = _DEFAULTS.min_samples
    merge_distance: float = _DEFAULTS.merge_distance
    seed: int = _DEFAULTS.seed

    def params(self) -> FitParams:
        return FitParams(n_neighbors=self.n_neighbors, min_cluster_share=self.min_cluster_share,
                         min_samples=self.min_samples, merge_distance=self.merge_distance, seed=self.seed)  # fmt: skip


@dg.asset(
    name=EMBEDDINGS,
    deps=[SCRUBBED],
    partitions_def=daily,
    group_name="cluster",
    kinds={"sentence-transformers", "parquet"},
    code_version="signature-v2",
    description=f"One vector per scrubbed trace: {MODEL_NAME} over its task signature (the conversation's first "
    "request without personal placeholders, and the tools it called). Each distinct text is embedded once, ever.",
)
def trace_embeddings(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
    stop_if_terminated(context)
    cache = EmbeddingCache(cache_location(lake.root, lake.embedding_cache))
    out = embed_day(lake.lake(), context.partition_key, cache)
    context.log.info(f"{out.height} traces, {cache.embedded} texts embedded, the rest from the cache")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": out.height,
            "texts_embedded": cache.embedded,
            "distinct_signatures": out["key"].n_unique(),
            "model": MODEL_NAME,
        }
    )


@dg.asset(
    name=CLUSTERS,
    deps=[EMBEDDINGS],
    group_name="cluster",
    kinds={"umap", "hdbscan", "parquet"},
    description="The agent's recurring tasks: UMAP + HDBSCAN over every trace embedding, near-identical clusters "
    "merged, each task keeping its id across re-clusterings. Noise traces stay with the LLM. Each task becomes a "
    "`task_cluster` partition.",
)
def task_clusters(context: dg.AssetExecutionContext, config: ClusterConfig, lake: LakeResource) -> dg.MaterializeResult:
    result = recluster(lake.lake(), config.params())
    known = set(context.instance.get_dynamic_partitions(task_cluster.name))
    added = [k for k in result.active if k not in known]
    if added:
        context.instance.add_dynamic_partitions(task_cluster.name, added)
    m = result.metrics
    active = result.tasks.filter(pl.col("status") == "active").sort("traces", descending=True)
    table = active.select("cluster_id", "label", "dominant_tools", "traces",
                          pl.col("share_of_traffic").round(3), pl.col("persistence").round(3),
                          pl.col("silhouette").round(3), pl.col("examples").list.head(2))  # fmt: skip
    png = base64.b64encode(result.scatter).decode()
    context.log.info(f"clustering {result.version}: {m['tasks']} tasks, noise {m['noise_share']:.1%}, "
                     f"new partitions {added or 'none'}, retired {result.retired or 'none'}")  # fmt: skip
    stability = (
        {} if m["kept_id_share"] is None else {"kept_id_share": dg.MetadataValue.float(round(m["kept_id_share"], 4))}
    )
    return dg.MaterializeResult(
        metadata={
            **stability,
            "version": result.version,
            "dagster/row_count": m["traces"],
            "tasks": m["tasks"],
            "noise_share": dg.MetadataValue.float(round(m["noise_share"], 4)),
            "silhouette": dg.MetadataValue.float(round(m["silhouette"], 4)),
            "dbcv": dg.MetadataValue.float(round(m["dbcv"], 4)),
            "clusters": as_table(table, max_rows=50),
            "retired": ", ".join(result.retired) or "none",
            "id_events": as_table(result.events.filter(pl.col("event") != "kept"), max_rows=50),
            "scatter": dg.MetadataValue.md(f"![tasks, UMAP 2-D](data:image/png;base64,{png})"),
            "path": dg.MetadataValue.path((the := lake.lake()).where(the.root / CLUSTERS / result.version)),
        }
    )


@dg.asset(
    name=ASSIGNMENTS,
    deps=[EMBEDDINGS, CLUSTERS],
    partitions_def=daily,
    group_name="cluster",
    kinds={"hdbscan", "parquet"},
    description="The task id of each of the day's traces under the live clustering: as fitted, or predicted "
    "with the fitted UMAP transform and HDBSCAN's approximate_predict (no refit) for days after it.",
)
def task_assignments(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
    stop_if_terminated(context)
    out = assign_day(lake.lake(), date.fromisoformat(context.partition_key))
    info = lake.lake().manifest(ASSIGNMENTS, context.partition_key) or {}
    per = out.group_by("cluster_id").len("traces").sort("traces", descending=True)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": out.height,
            "clustering_version": info.get("version") or "none yet",
            "source": ", ".join(sorted(set(out["source"].to_list()))),
            "noise_share": dg.MetadataValue.float(round(info.get("noise", 0) / max(1, out.height), 4)),
            "traces_per_task": as_table(per.with_columns(pl.col("cluster_id").fill_null("(unclustered)"))),
        }
    )
