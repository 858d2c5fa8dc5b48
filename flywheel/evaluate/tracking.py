"""MLflow for evaluations: each evaluation is a run nested under the run that trained the adapter
(same experiment), with every score, speed and cost as a metric, the gate's decision as tags and
the bar chart as an artifact; the scores also go onto the registered model version as tags. Only
numbers, ids and paths, never text from the traces."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flywheel.evaluate.promote import training_run
from flywheel.train.tracking import registered_name


def _metrics(report: dict) -> dict[str, float]:
    out = {}
    for variant, summary in report["scores"].items():
        out.update({f"{variant}.{k}": v for k, v in summary["metrics"].items() if v is not None})
        out[f"{variant}.seconds_per_call"] = summary["seconds_per_call"]
        out[f"{variant}.tokens_per_second"] = summary["tokens_per_second"]
    for key in ("llm_per_1000", "slm_per_1000"):
        if report["costs"].get(key) is not None:
            out[f"usd_{key}"] = report["costs"][key]
    if report.get("champion_score") is not None:
        out["champion_score"] = report["champion_score"]
    return out


def log_evaluation(uri: str, report: dict, png: bytes, params: dict) -> str:
    """Log one evaluation report as a nested run of the adapter's training run; returns its id."""
    import mlflow
    from mlflow import MlflowClient

    task, version = report["task_id"], report["model_version"]
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    parent = training_run(uri, task, version)
    experiment = client.get_run(parent).info.experiment_id
    mlflow.set_tracking_uri(uri)
    tags = {"task_id": task, "model_version": version, "dataset_version": report["dataset_version"],
            "metric": report["metric"], "promoted": str(report["promoted"]).lower(),
            "regression": str(report["regression"]).lower(), "training_run_id": parent,
            "decision": "; ".join(report["reasons"])}  # fmt: skip
    with mlflow.start_run(experiment_id=experiment, run_name=f"{task} v{version} evaluation",
                          parent_run_id=parent) as run:  # fmt: skip
        mlflow.set_tags(tags)
        mlflow.log_params({k: str(v) for k, v in params.items()})
        mlflow.log_metrics(_metrics(report))
        with tempfile.TemporaryDirectory() as tmp:
            chart = Path(tmp) / "scores.png"
            chart.write_bytes(png)
            mlflow.log_artifact(str(chart))
    name = registered_name(task)
    for key, value in report["scores"]["fine_tuned"]["metrics"].items():
        if value is not None:
            client.set_model_version_tag(name, version, f"eval.{key}", str(value))
    client.set_model_version_tag(name, version, "eval.run_id", run.info.run_id)
    return run.info.run_id
