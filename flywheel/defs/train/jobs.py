"""The fine-tuning job: one task's dataset, base model choice, adapter and its evaluation, in that order."""

import dagster as dg

from flywheel import settings
from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.evaluate.report import REPORTS
from flywheel.select.pipeline import SELECTION
from flywheel.train.adapters import ADAPTERS

fine_tune_job = dg.define_asset_job(
    "fine_tune",
    selection=dg.AssetSelection.assets(DATASETS, SELECTION, ADAPTERS, REPORTS),
    partitions_def=task_cluster,
    description="Build one task's dataset, choose its base SLM, fine-tune a LoRA adapter on it, evaluate it and "
    "promote it if it passes the gate. Requested by the task_grew sensor; training and evaluation queue on the "
    "`gpu` pool.",
    # on Kubernetes (FLYWHEEL_K8S_GPU=1): each run's pod asks for a GPU on a GPU node
    tags={"dagster-k8s/config": settings.k8s_training_config()} if settings.k8s_training_config() else None,
)
