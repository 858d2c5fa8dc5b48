"""The regression check: a newly trained adapter that scores below the task's champion on the same
test split fails it (blocking), and the UI shows by how much."""

import dagster as dg

from flywheel.defs.resources import LakeResource
from flywheel.evaluate.report import REPORTS, current_report


@dg.asset_check(asset=REPORTS, blocking=True)
def no_regression_against_champion(context: dg.AssetCheckExecutionContext,
                                   lake: LakeResource) -> dg.AssetCheckResult:  # fmt: skip
    """The newest adapter is no worse than the champion it would replace, on the same test split
    (a task without a champion passes). A failure keeps the champion serving and stops the run."""
    report = current_report(lake.lake(), context.partition_key) if context.has_partition_key else None
    if report is None:
        return dg.AssetCheckResult(passed=True, metadata={"evaluated": False})
    score = report["scores"]["fine_tuned"]["metrics"][report["metric"]]
    champion = report["champion_score"]
    return dg.AssetCheckResult(
        passed=not report["regression"],
        metadata={
            "model_version": report["model_version"],
            "metric": report["metric"],
            "score": score if score is not None else float("nan"),
            "champion": report["champion_before"] or "none",
            "champion_score": champion if champion is not None else float("nan"),
            "change": (score or 0.0) - champion if champion is not None else 0.0,
        },  # fmt: skip
        description="; ".join(report["reasons"]),
    )
