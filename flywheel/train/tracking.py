"""MLflow for fine-tuning: one run per training (parameters, loss curve, speed, memory, base
model, dataset version, Dagster run id), the adapter as its artifact, and a new version of the
task's registered model once the adapter is complete. Only numbers and ids go to MLflow, never
text from the traces."""

from __future__ import annotations

from pathlib import Path

EXPERIMENT = "flywheel-fine-tuning"


def registered_name(task_id: str) -> str:
    return f"flywheel-{task_id}"


def _experiment(mlflow, uri: str) -> str:
    """The experiment's id; with a local SQLite store its artifacts sit beside the database."""
    found = mlflow.get_experiment_by_name(EXPERIMENT)
    if found is not None:
        return found.experiment_id
    location = None
    if uri.startswith("sqlite:///"):
        location = (Path(uri.removeprefix("sqlite:///")).parent / "artifacts").resolve().as_uri()
    return mlflow.create_experiment(EXPERIMENT, artifact_location=location)


def start_run(uri: str, task_id: str, params: dict, tags: dict) -> str:
    """Open the training's MLflow run (it stays open until `finish_run`); returns its id."""
    import mlflow

    mlflow.set_tracking_uri(uri)
    name = f"{task_id} {tags.get('dataset_version', '')}"
    run = mlflow.start_run(experiment_id=_experiment(mlflow, uri), run_name=name)
    mlflow.set_tags({"task_id": task_id, **{k: str(v) for k, v in tags.items()}})
    mlflow.log_params({k: str(v) for k, v in params.items()})
    return run.info.run_id


def finish_run(task_id: str, metrics: dict, losses: list[tuple[int, float]], adapter: Path) -> tuple[str, str]:
    """Log the metrics and the adapter, close the run and register the adapter as a new version
    of the task's model; returns (run id, model version)."""
    import mlflow
    from mlflow import MlflowClient

    for step, loss in losses:
        mlflow.log_metric("train_loss", loss, step=step)
    mlflow.log_metrics({k: float(v) for k, v in metrics.items() if v is not None})
    mlflow.log_artifacts(str(adapter), artifact_path="adapter")
    run = mlflow.active_run()
    source = f"{run.info.artifact_uri}/adapter"
    mlflow.end_run()
    client = MlflowClient()
    name = registered_name(task_id)
    if not _exists(client, name):
        client.create_registered_model(name, description=f"LoRA adapters of task {task_id}, newest last")
    version = client.create_model_version(name, source=source, run_id=run.info.run_id,
                                          tags={"task_id": task_id})  # fmt: skip
    return run.info.run_id, str(version.version)


def fail_run() -> None:
    """Close the open run as failed (the training raised): nothing is registered."""
    import mlflow

    if mlflow.active_run() is not None:
        mlflow.end_run(status="FAILED")


def _exists(client, name: str) -> bool:
    from mlflow.exceptions import MlflowException

    try:
        client.get_registered_model(name)
        return True
    except MlflowException:
        return False
