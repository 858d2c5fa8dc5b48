"""The evaluation process: what Dagster Pipes launches for `eval_reports` (beside training, since
it loads the model too). It evaluates the task's newest adapter against its base model and the
champion, applies the promotion gate, logs to MLflow and reports the materialisation's numbers.
Also runnable by hand: `python -m flywheel.evaluate.entry --help`."""

from __future__ import annotations

import sys

from flywheel.evaluate.chart import scores_png
from flywheel.evaluate.promote import Gate
from flywheel.evaluate.report import EvalConfig, evaluate_task
from flywheel.evaluate.tracking import log_evaluation
from flywheel.lake import Lake
from flywheel.pipes_child import child_main

GATE_KEYS = ("min_name_args", "min_rouge_l", "tolerance", "min_other_kind")


def config_of(settings: dict) -> EvalConfig:
    gate = Gate(**{k: settings[k] for k in GATE_KEYS if k in settings})
    rest = {k: v for k, v in settings.items() if k not in GATE_KEYS}
    return EvalConfig(gate=gate, **rest)


def run(extras: dict, log) -> dict:
    """Evaluate, decide and log one task; returns the materialisation's metadata (numbers and ids)."""
    config = config_of(extras["config"])
    report = evaluate_task(Lake(extras["lake_root"], extras.get("working_copy")), extras["task_id"], config, log)
    scores = {variant: summary["metrics"] for variant, summary in report["scores"].items()}
    params = {"shots": config.shots, "max_new_tokens": config.max_new_tokens, "limit": config.limit,
              "batch_size": config.batch_size,
              "test_examples": report["test_examples"], **{k: getattr(config.gate, k) for k in GATE_KEYS}}  # fmt: skip
    run_id = log_evaluation(config.mlflow_uri, report, scores_png(report["task_id"], scores), params)
    log(f"{report['task_id']} v{report['model_version']}: {'promoted' if report['promoted'] else 'not promoted'} "
        f"({'; '.join(report['reasons'])})")  # fmt: skip
    tuned = report["scores"]["fine_tuned"]
    return {"model_version": report["model_version"], "metric": report["metric"],
            "fine_tuned_score": tuned["metrics"][report["metric"]], "promoted": report["promoted"],
            "regression": report["regression"], "mlflow_run_id": run_id, "test_examples": report["test_examples"],
            "seconds_per_call": tuned["seconds_per_call"]}  # fmt: skip


def main() -> int:
    return child_main(__doc__, lambda extras, log, _run_id: run(extras, log))


if __name__ == "__main__":
    sys.exit(main())
