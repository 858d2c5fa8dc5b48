"""Running a step's heavy work (training, evaluation) in its own process through Dagster Pipes:
a subprocess here, a Kubernetes job in deployment. A crash or kill fails the task with its cause."""

import sys

import dagster as dg
from dagster._core.errors import DagsterPipesExecutionError

from flywheel.defs.recovery import record_worker
from flywheel.defs.resources import CHILD_ENV


def run_in_child(client: dg.PipesSubprocessClient, context: dg.AssetExecutionContext, module: str, extras: dict,
                 what: str, aftermath: str) -> dg.MaterializeResult:  # fmt: skip
    """`python -m module` with `extras`; its reported materialisation, or a Failure that says what
    happened (killed: most often out of memory) and `aftermath` (what was and was not kept)."""
    record_worker(context)  # the step holds a `gpu` pool slot: a killed run must give it back
    try:
        return client.run(command=[sys.executable, "-m", module], context=context, extras=extras,
                          env=CHILD_ENV).get_materialize_result()  # fmt: skip
    except DagsterPipesExecutionError as exc:
        killed = " -9" in str(exc) or "code 137" in str(exc)
        hint = ("it was killed, most often for running out of memory: lower batch_size or max_length"
                if killed else "its error is in the run's log above")  # fmt: skip
        raise dg.Failure(description=f"{context.partition_key}: the {what} process failed ({exc}); {hint}. "
                         f"{aftermath}", allow_retries=False) from exc  # fmt: skip
