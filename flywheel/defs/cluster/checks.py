"""Checks on the clustering a data team would otherwise eyeball: coverage and id stability."""

import dagster as dg

from flywheel.cluster.pipeline import CLUSTERS, current
from flywheel.defs.resources import LakeResource

MAX_NOISE = 0.05
MIN_KEPT = 0.95


@dg.asset_check(asset=CLUSTERS)
def tasks_cover_the_traffic(lake: LakeResource) -> dg.AssetCheckResult:
    """At least 95% of the traces fall in a task. More noise means traffic the SLMs will not take
    over: look at the scatter, or lower `min_cluster_share`."""
    info = current(lake.lake()) or {"metrics": {"noise_share": 1.0, "tasks": 0}}
    share = info["metrics"]["noise_share"]
    return dg.AssetCheckResult(
        passed=share <= MAX_NOISE,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"noise_share": round(share, 4), "limit": MAX_NOISE, "tasks": info["metrics"]["tasks"]},
    )


@dg.asset_check(asset=CLUSTERS)
def task_ids_stable(lake: LakeResource) -> dg.AssetCheckResult:
    """At least 95% of the traces that had a task id before this re-clustering keep it, so the
    per-task datasets and adapters downstream keep meaning the same task."""
    info = current(lake.lake()) or {"metrics": {}}
    kept = info["metrics"].get("kept_id_share")
    return dg.AssetCheckResult(
        passed=kept is None or kept >= MIN_KEPT,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "kept_id_share": -1.0 if kept is None else round(kept, 4),
            "limit": MIN_KEPT,
            "first_clustering": kept is None,
        },  # fmt: skip
    )
