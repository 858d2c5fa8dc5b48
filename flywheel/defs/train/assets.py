"""S5 asset `lora_adapters`: a LoRA adapter per task, trained in its own process through Dagster
Pipes, tracked and registered in MLflow."""

import dagster as dg
from pydantic import Field

from flywheel import settings
from flywheel.datasets.build import DATASETS, current_dataset, dataset_dir
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.pipes import run_in_child
from flywheel.defs.resources import LakeResource
from flywheel.select.pipeline import SELECTION, selected
from flywheel.train.adapters import ADAPTERS, adapter_dir, record
from flywheel.train.lora import TrainConfig

_DEFAULTS = TrainConfig()


class TrainSettings(dg.Config):
    """LoRA and training knobs (the reference system's defaults) and where MLflow is."""

    rank: int = _DEFAULTS.rank
    alpha: int = _DEFAULTS.alpha
    dropout: float = _DEFAULTS.dropout
    target_modules: str = _DEFAULTS.target_modules
    epochs: float = _DEFAULTS.epochs
    learning_rate: float = _DEFAULTS.learning_rate
    schedule: str = _DEFAULTS.schedule
    max_length: int = _DEFAULTS.max_length
    batch_size: int = _DEFAULTS.batch_size
    gradient_accumulation: int = _DEFAULTS.gradient_accumulation
    max_steps: int = _DEFAULTS.max_steps
    steps_at_most: int = _DEFAULTS.steps_at_most
    stop_at_loss: float = Field(default=_DEFAULTS.stop_at_loss, description="Stop once the mean training loss of "
                                "the last stop_patience steps is below this (0: train every step).")  # fmt: skip
    stop_patience: int = _DEFAULTS.stop_patience
    seed: int = _DEFAULTS.seed
    quantize: str = _DEFAULTS.quantize
    shared_prefix: bool = _DEFAULTS.shared_prefix
    precision: str = _DEFAULTS.precision
    gradient_checkpointing: bool = _DEFAULTS.gradient_checkpointing
    mlflow_uri: str = Field(default_factory=settings.mlflow_uri, description="MLflow tracking URI.")

    def train_config(self) -> dict:
        return {k: getattr(self, k) for k in TrainConfig.__dataclass_fields__}


@dg.asset(
    name=ADAPTERS,
    partitions_def=task_cluster,
    deps=[DATASETS, SELECTION],
    pool="gpu",
    group_name="fine_tune",
    kinds={"pytorch", "mlflow"},
    description="A LoRA adapter per task (QLoRA on a GPU), trained with TRL's SFTTrainer on the task's train split, "
    "loss on the LLM's replies only, in its own process through Dagster Pipes; each training is an MLflow run and "
    "each adapter a new version of the task's registered model. Training runs queue on the `gpu` pool.",
)
def lora_adapters(
    context: dg.AssetExecutionContext,
    config: TrainSettings,
    lake: LakeResource,
    pipes_client: dg.ResourceParam[dg.PipesClient],
) -> dg.MaterializeResult:
    task, the_lake = context.partition_key, lake.lake()
    dataset = current_dataset(the_lake, task)
    if not dataset or not dataset["ready"]:
        have = (dataset or {}).get("examples", 0)
        raise dg.Failure(description=f"{task} is not ready to train: {have} clean examples, fewer than the minimum "
                         "(see task_datasets); its traffic stays with the LLM", allow_retries=False)  # fmt: skip
    choice = selected(the_lake, task)
    if not choice or not choice.get("model_id"):
        raise dg.Failure(description=f"{task} has no base model: materialize slm_selection for it first",
                         allow_retries=False)  # fmt: skip
    out = adapter_dir(the_lake, task, dataset["version"], choice["model_id"], context.run_id)
    extras = {
        "task_id": task, "model_dir": choice["model_dir"], "base_model": choice["model_id"],
        "dataset_dir": str(dataset_dir(the_lake, task, dataset["version"])),
        "dataset_version": dataset["version"], "out_dir": str(out), "config": config.train_config(),
        "mlflow_uri": config.mlflow_uri, "lake_root": the_lake.url, "working_copy": str(the_lake.root),
    }  # fmt: skip
    context.log.info(f"{task}: training {choice['model_id']} on dataset {dataset['version']} in a child process")
    kept = "Nothing was registered and no adapter was kept; a rerun starts clean."
    result = run_in_child(pipes_client, context, "flywheel.train.entry", extras, "training", kept, the_lake.url)
    version = (result.metadata or {})["model_version"]
    record(the_lake, task, {"adapter": the_lake.stored(out), "dataset_version": dataset["version"],
                            "examples": dataset["examples"], "base_model": choice["model_id"],
                            "model_dir": choice["model_dir"],
                            "model_version": str(getattr(version, "value", version))})  # fmt: skip
    return result
