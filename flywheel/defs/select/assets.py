"""S4 asset `slm_selection`: the base SLM each task is fine-tuned from, with every candidate's reason."""

import dagster as dg
import polars as pl
from pydantic import Field

from flywheel import settings
from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.metadata import as_table
from flywheel.defs.resources import LakeResource
from flywheel.select.catalog import CATALOG
from flywheel.select.pipeline import SELECTION, select_model


class SelectionSettings(dg.Config):
    """Where candidates come from and how they are compared."""

    catalog: str = str(CATALOG)
    models_dir: str = Field(default_factory=settings.models_dir, description="Where base models are made once.")
    include_test_models: bool = False
    allow_downloads: bool = False  # fetch hub models not in the local cache (off: nothing downloads at run time)
    score_examples: int = 8  # validation examples for the zero-shot comparison (0: the smallest that fits wins)


@dg.asset(
    name=SELECTION,
    partitions_def=task_cluster,
    deps=[DATASETS],
    group_name="select",
    kinds={"transformers", "yaml"},
    description="The base SLM each task is fine-tuned from: of the catalog's models that load here, fit the "
    "machine's memory and the task's prompt lengths, the best zero-shot on a few validation examples, weighed "
    "against size. Every candidate's reason is in the metadata.",
)
def slm_selection(
    context: dg.AssetExecutionContext, config: SelectionSettings, lake: LakeResource
) -> dg.MaterializeResult:
    c = config
    choice, dataset = select_model(lake.lake(), context.partition_key, c.models_dir, c.catalog,
                                   c.include_test_models, c.allow_downloads, c.score_examples)  # fmt: skip
    reasons = pl.DataFrame(choice.reasons, schema={"model": pl.String, "params_m": pl.Float64, "verdict": pl.String,
                                                   "reason": pl.String, "score": pl.Float64})  # fmt: skip
    if choice.model_id is None:
        raise dg.Failure(
            description=f"{context.partition_key}: no catalog model can be fine-tuned here (each one's reason is in "
            "the table); add a `path` entry to the catalog or allow downloads",
            metadata={"candidates": as_table(reasons)},
        )
    context.log.info(f"{context.partition_key}: {choice.model_id}")
    return dg.MaterializeResult(
        metadata={
            "model": choice.model_id,
            "dataset_version": dataset["version"],
            "candidates": as_table(reasons),
            "model_dir": dg.MetadataValue.path(choice.model_dir),
        },
        data_version=dg.DataVersion(f"{choice.model_id}@{dataset['version']}"),
    )
