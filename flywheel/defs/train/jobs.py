"""The fine-tuning job: one task's dataset, base model choice and adapter, in that order."""

import dagster as dg

from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.select.pipeline import SELECTION
from flywheel.train.adapters import ADAPTERS

fine_tune_job = dg.define_asset_job(
    "fine_tune",
    selection=dg.AssetSelection.assets(DATASETS, SELECTION, ADAPTERS),
    partitions_def=task_cluster,
    description="Build one task's dataset, choose its base SLM and fine-tune a LoRA adapter on it. Requested by "
    "the task_grew sensor; training steps queue on the `gpu` pool.",
)
