"""Checks on a task's dataset: the test split is never trained on, and the task has enough data."""

import dagster as dg

from flywheel.datasets.build import DATASETS, current_dataset, test_leaks
from flywheel.defs.resources import LakeResource


@dg.asset_check(asset=DATASETS, blocking=True)
def no_test_example_trained_on(context: dg.AssetCheckExecutionContext, lake: LakeResource) -> dg.AssetCheckResult:
    """No conversation sits in two splits, and none that was ever in the task's test split (in any
    stored version) is in its train split now: evaluations stay honest as the task grows."""
    task = context.partition_key if context.has_partition_key else None
    crossed, leaked = test_leaks(lake.lake(), task) if task else (0, 0)
    return dg.AssetCheckResult(
        passed=crossed == 0 and leaked == 0,
        metadata={"conversations_in_two_splits": crossed, "former_test_conversations_in_train": leaked},
    )


@dg.asset_check(asset=DATASETS)
def enough_examples(context: dg.AssetCheckExecutionContext, lake: LakeResource) -> dg.AssetCheckResult:
    """The task has at least `min_examples` clean examples and every split has some; until then
    it is not trained and its traffic stays with the LLM."""
    info = current_dataset(lake.lake(), context.partition_key) if context.has_partition_key else None
    return dg.AssetCheckResult(
        passed=bool(info and info["ready"]),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "version": (info or {}).get("version", "none"),
            "examples": (info or {}).get("examples", 0),
            "ready": bool(info and info["ready"]),
        },  # fmt: skip
    )
