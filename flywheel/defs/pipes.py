"""Running a step's heavy work (training, evaluation) in its own process through Dagster Pipes:
a subprocess here, a pod of its own on Kubernetes (k8s.py). A crash or kill fails the task with its cause."""

import re
import sys

import dagster as dg
from dagster._core.errors import DagsterPipesExecutionError

from flywheel import settings
from flywheel.defs.k8s import child_pod_spec
from flywheel.defs.recovery import record_worker
from flywheel.defs.resources import CHILD_ENV
from flywheel.pipes_child import OUT_OF_MEMORY_EXIT

# what a failed task's description tells the user to do
KILLED = "it was killed, most often for running out of memory: lower batch_size or max_length"
OUT_OF_MEMORY = "lower batch_size or max_length, or give it more memory"
ERROR = "its error is in the run's log above"


def run_in_child(client: dg.PipesClient, context: dg.AssetExecutionContext, module: str, extras: dict,
                 what: str, aftermath: str, lake_root: str) -> dg.MaterializeResult:  # fmt: skip
    """`python -m module` with `extras` (a subprocess, or a pod of its own with a Kubernetes client,
    see k8s.py); its reported materialisation, or a Failure that says what happened (killed: most
    often out of memory) and `aftermath` (what was and was not kept)."""
    record_worker(context)  # the step holds a `gpu` pool slot: a killed run must give it back
    if isinstance(client, dg.PipesSubprocessClient):
        try:
            return client.run(command=[sys.executable, "-m", module], context=context, extras=extras,
                              env=CHILD_ENV).get_materialize_result()  # fmt: skip
        except DagsterPipesExecutionError as exc:
            killed = " -9" in str(exc) or "code 137" in str(exc)
            if re.search(rf"code {OUT_OF_MEMORY_EXIT}\b", str(exc)):  # not 120-129
                raise _failure(context, f"{what} process", _out_of_memory(), OUT_OF_MEMORY, aftermath) from exc
            raise _failure(context, f"{what} process", str(exc), KILLED if killed else ERROR, aftermath) from exc
    try:
        return client.run(context=context, image=settings.k8s_child_image(), command=["python", "-m", module],
                          extras=extras, env=CHILD_ENV, base_pod_spec=child_pod_spec(lake_root),
                          ).get_materialize_result()  # fmt: skip
    except Exception as exc:  # the Kubernetes API's and dagster-k8s's errors: a pod that failed or never ran
        if isinstance(exc, dg.Failure | dg.DagsterExecutionInterruptedError):
            raise
        cause = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0]}"
        raise _failure(context, f"{what} pod", cause, KILLED if "OOMKilled" in str(exc) else ERROR, aftermath) from exc


def _out_of_memory() -> str:
    limit = settings.child_memory_mb()
    return f"it ran out of memory (its limit FLYWHEEL_CHILD_MEMORY_MB={limit})" if limit else "it ran out of memory"


def _failure(context: dg.AssetExecutionContext, what: str, cause: str, hint: str, aftermath: str) -> dg.Failure:
    return dg.Failure(description=f"{context.partition_key}: the {what} failed ({cause}); {hint}. {aftermath}",
                      allow_retries=False)  # fmt: skip
