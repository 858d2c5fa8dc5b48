"""The model commands of `flywheel`: `fine-tune` (dataset, base model, adapter, evaluation and
promotion of one task), `rollback` (give a task's champion alias back to the one it replaced) and
`predict` (answer an OpenAI chat-completions request with its task's champion)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flywheel import settings


def use_project_instance() -> None:
    """Use the project's dagster.yaml (SQLite under ./.flywheel) unless DAGSTER_HOME says otherwise."""
    if not os.environ.get("DAGSTER_HOME"):
        if Path("dagster.yaml").is_file():
            os.environ["DAGSTER_HOME"] = str(Path.cwd())
        else:
            home = Path(settings.HOME_DIR, "dagster_home").resolve()
            home.mkdir(parents=True, exist_ok=True)
            os.environ["DAGSTER_HOME"] = str(home)


@dataclass(frozen=True)
class Session:
    """The runs a command starts in its own process, on one instance, with the session's tags."""

    instance: Any  # a DagsterInstance
    tags: dict[str, str]

    def run(self, job, **kwargs: Any):  # noqa: ANN001, ANN201 (a Dagster job; its ExecuteInProcessResult)
        """Run `job` here (failures come back in the result, not raised); the command ends with
        status 130 when SIGTERM or Ctrl-C stopped it (see `stop_if_interrupted`)."""
        return stop_if_interrupted(
            job.execute_in_process(instance=self.instance, raise_on_error=False, tags=self.tags, **kwargs)
        )


@contextmanager
def session(instance) -> Iterator[Session]:  # noqa: ANN001 (a DagsterInstance)
    """Around the runs this process starts: first fail the runs whose process was killed and free
    their pool slots (saying so), then let SIGTERM and Ctrl-C stop a run that waits for a slot.
    Yields the `Session` that starts those runs."""
    from flywheel.defs.recovery import fail_dead_runs, interruptible

    for line in fail_dead_runs(instance):
        print(f"Recovered {line}")
    with interruptible(instance) as tags:
        yield Session(instance, tags)


def stop_if_interrupted(result):  # noqa: ANN001, ANN201 (a Dagster ExecuteInProcessResult, returned as is)
    """End the command (status 130) when the run ended because of SIGTERM or Ctrl-C: Dagster fails
    the running step and returns, and the command would go on to its next run."""
    for event in result.all_events:
        error = getattr(event.event_specific_data, "error", None) if event.is_step_failure else None
        if error is not None and error.cls_name == "DagsterExecutionInterruptedError":
            print(f"Stopped by SIGTERM or Ctrl-C: run {result.run_id} failed at step {event.step_key}.",
                  file=sys.stderr)  # fmt: skip
            sys.exit(130)
    return result


def recover(args: argparse.Namespace) -> int:
    """`flywheel recover`: the same, on its own."""
    use_project_instance()
    import dagster as dg

    from flywheel.defs.recovery import fail_dead_runs

    with dg.DagsterInstance.get() as instance:
        done = fail_dead_runs(instance)
    print("\n".join(f"Recovered {line}" for line in done) or "No run lost its process: nothing to recover.")
    return 0


def add_model_commands(sub) -> None:
    tune = sub.add_parser("fine-tune", help="build a task's dataset, choose its base model, train, evaluate, promote")
    tune.add_argument("task", nargs="?", help="a task id (task-001, ...); without one, the tasks are listed")
    tune.add_argument("--epochs", type=float, default=None, help="training epochs (default: the asset's, 2)")
    tune.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (a quick try)")
    tune.add_argument("--eval-limit", type=int, default=None, help="evaluate on at most this many test examples")
    tune.set_defaults(func=fine_tune)

    back = sub.add_parser("rollback", help="give a task's champion alias back to the adapter it replaced")
    back.add_argument("task", help="a task id (task-001, ...)")
    back.set_defaults(func=rollback)

    ask = sub.add_parser("predict", help="answer an OpenAI chat-completions request with its task's champion SLM")
    ask.add_argument("file", nargs="?", type=Path, help="the request as JSON (or JSONL, one per line); default stdin")
    ask.add_argument("--max-new-tokens", type=int, default=256)
    ask.set_defaults(func=predict)

    rec = sub.add_parser("recover", help="fail runs whose process was killed and free the pool slots they hold")
    rec.set_defaults(func=recover)


def run_config(quiet: dict, catalog: str | None = None, max_steps: int | None = None, epochs: float | None = None,
               eval_limit: int | None = None, max_length: int | None = None,
               learning_rate: float | None = None, steps_at_most: int | None = None,
               schedule: str | None = None, stop_at_loss: float | None = None) -> dict:  # fmt: skip
    """The `fine_tune` job's run config for what was given on the command line (the rest: the assets' defaults)."""
    ops: dict = {}
    if catalog:
        ops["slm_selection"] = {"config": {"catalog": catalog}}
    train = {k: v for k, v in {"max_steps": max_steps, "epochs": epochs, "max_length": max_length,
                               "learning_rate": learning_rate, "steps_at_most": steps_at_most,
                               "schedule": schedule, "stop_at_loss": stop_at_loss}.items()
             if v is not None}  # fmt: skip
    if train:
        ops["lora_adapters"] = {"config": train}
    if eval_limit:
        ops["eval_reports"] = {"config": {"limit": eval_limit}}
    return {**quiet, "ops": ops}


def failure_reasons(result) -> list[str]:
    """What failed in an in-process run, as the Failure's description or the error's message."""
    found = [e.step_failure_data.user_failure_data or e.step_failure_data.error
             for e in result.get_step_failure_events()]  # fmt: skip
    return [str(getattr(f, "description", None) or getattr(f, "message", f)) for f in found]


def fine_tune(args: argparse.Namespace) -> int:
    """Run the `fine_tune` job for one task in this process; the training's progress lines
    show in the terminal, and the run is in the Dagster instance like any other."""
    use_project_instance()
    import dagster as dg

    from flywheel.cluster.pipeline import current
    from flywheel.definitions import defs
    from flywheel.evaluate.report import current_report
    from flywheel.lake import Lake
    from flywheel.train.adapters import current_adapter

    lake = Lake(settings.lake_root())
    info = current(lake)
    if info is None:
        print("No tasks yet: run `flywheel demo` (or cluster your traffic) first.")
        return 1
    if args.task not in info["task_ids"]:
        print(("Unknown task " + repr(args.task) + ". " if args.task else "") + "Tasks: " + ", ".join(info["task_ids"]))
        return 1 if args.task else 0
    quiet = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}  # failures are printed below, plainly
    config = run_config(quiet, max_steps=args.max_steps, epochs=args.epochs, eval_limit=args.eval_limit)
    with dg.DagsterInstance.get() as instance, session(instance) as runs:
        result = runs.run(defs().resolve_job_def("fine_tune"), partition_key=args.task, run_config=config)
    adapter = current_adapter(lake, args.task) or {}
    report = current_report(lake, args.task) or {}
    if adapter:
        print(f"{args.task}: adapter {adapter.get('adapter')} (base {adapter.get('base_model')}, registered version "
              f"{adapter.get('model_version')} of flywheel-{args.task} in MLflow)")  # fmt: skip
    if report and report.get("model_version") == adapter.get("model_version"):
        metric, scores = report["metric"], report["scores"]
        shown = "  ".join(f"{v}={(scores[v]['metrics'][metric] or 0):.3f}"
                          for v in ("base", "in_context", "fine_tuned"))  # fmt: skip
        evaluated = scores["fine_tuned"]["examples"]
        print(f"{args.task}: {metric} on {evaluated} of {report['test_examples']} test examples: {shown}")
        print(f"{args.task}: {'PROMOTED to champion' if report['promoted'] else 'not promoted'}: "
              + "; ".join(report["reasons"]))  # fmt: skip
    for failure in failure_reasons(result):
        print(f"FAILED: {failure}")
    return 0 if result.success else 1


def rollback(args: argparse.Namespace) -> int:
    from flywheel.evaluate import promote

    try:
        demoted, restored = promote.rollback(settings.mlflow_uri(), args.task)
    except ValueError as exc:
        print(f"Cannot roll back: {exc}.")
        return 1
    back = f" (version {demoted} rolled back)" if demoted else ""
    print(f"{args.task}: champion is version {restored} again{back}")
    return 0


def predict(args: argparse.Namespace) -> int:
    """Each request in, one JSON response out per line; a malformed request gets an error line
    (exit status 2) that names its line, not its content."""
    from flywheel.lake import Lake
    from flywheel.predict import BadRequest, Router

    text = args.file.read_text() if args.file else sys.stdin.read()
    try:
        requests = [json.loads(text)]
    except ValueError:
        requests = None
    if requests is None or not isinstance(requests[0], dict):
        lines = [line for line in text.splitlines() if line.strip()]
        requests = []
        for n, line in enumerate(lines, 1):
            try:
                requests.append(json.loads(line))
            except ValueError:
                requests.append(BadRequest(f"line {n} is not JSON"))
        if not lines:
            requests = [BadRequest("no request given: pass a file or a request on standard input")]
    router = Router(Lake(settings.lake_root()), settings.mlflow_uri(), os.environ.get("FLYWHEEL_LLM_URL"),
                    args.max_new_tokens)  # fmt: skip
    status = 0
    for n, request in enumerate(requests, 1):
        try:
            if isinstance(request, BadRequest):
                raise request
            print(json.dumps(router.answer(request), ensure_ascii=False))
        except BadRequest as exc:
            where = f"request {n}: " if len(requests) > 1 else ""
            print(json.dumps({"error": {"message": f"malformed request: {where}{exc}", "type": "invalid_request"}}))
            status = 2
    return status
