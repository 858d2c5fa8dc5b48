"""The training process: what Dagster Pipes launches for `lora_adapters` (a subprocess here, a
Kubernetes job in deployment). It reads its orders from the Pipes extras, streams progress into
the Dagster run's log, trains, tracks in MLflow, registers the adapter and reports the
materialisation. Also runnable by hand: `python -m flywheel.train.entry --help`."""

from __future__ import annotations

import sys

from flywheel.lake import Lake
from flywheel.pipes_child import child_main
from flywheel.train.lora import TrainConfig, train
from flywheel.train.tracking import fail_run, finish_run, start_run


def run(extras: dict, log, on_step=None, dagster_run_id: str = "") -> dict:
    """Train and register one adapter; returns the materialisation's metadata."""
    config = TrainConfig(**extras["config"])
    task = extras["task_id"]
    tags = {"dataset_version": extras["dataset_version"], "base_model": extras["base_model"],
            "dagster_run_id": dagster_run_id}  # fmt: skip
    if extras.get("lake_root"):  # a lake on an object store: the dataset into the working copy, the adapter back
        Lake(extras["lake_root"], extras.get("working_copy")).fetch(extras["dataset_dir"])
    run_id = start_run(extras["mlflow_uri"], task, {**config.as_dict(), **tags}, tags)
    try:
        result = train(extras["model_dir"], extras["dataset_dir"], extras["out_dir"], config, log, on_step)
    except BaseException:
        fail_run()
        raise
    metrics = {"tokens_per_second": round(result.tokens_per_second, 1), "peak_memory_mb": round(result.peak_memory_mb),
               "eval_loss_before": _round(result.eval_loss_before), "eval_loss_after": _round(result.eval_loss_after),
               "train_seconds": round(result.seconds, 1), "steps": result.steps,
               "train_examples": result.train_examples, "too_long": result.too_long}  # fmt: skip
    run_id, version = finish_run(task, metrics, result.losses, result.adapter)
    log(f"registered {task} adapter as version {version} (MLflow run {run_id})")
    return {**metrics, "method": result.method, "device": result.device, "why": result.why,
            "mlflow_run_id": run_id, "model_version": version, "adapter": str(result.adapter),
            "base_model": extras["base_model"], "dataset_version": extras["dataset_version"]}  # fmt: skip


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def main() -> int:
    return child_main(__doc__, lambda extras, log, run_id: run(extras, log, dagster_run_id=run_id),
                      lambda extras, meta: f"{extras['dataset_version']}-{meta['model_version']}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
