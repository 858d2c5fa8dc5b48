"""Runs whose process was killed: found, failed and their pool slots freed.

Dagster's default run launcher cannot check a run's process, so a run killed with `kill -9` (or
an out-of-memory kill, or a machine restart) stays STARTED and keeps its pool slot: every later
`ingest` or training run would wait for it forever. Each step that holds a pool writes down its
run's worker process (`flywheel/worker` tag); `fail_dead_runs` fails the runs whose worker is
gone and frees their slots. It runs in the `dead_runs` sensor every minute, before `flywheel
demo` and `flywheel fine-tune` start their runs, and as `flywheel recover`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._utils.interrupts import check_captured_interrupt

from flywheel import settings
from flywheel.workers import describe, state

WORKER_TAG = "flywheel/worker"
SESSION_TAG = "flywheel/session"
_ACTIVE = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.CANCELING]


def stop_if_terminated(context: dg.AssetExecutionContext) -> None:
    """End the step as interrupted when the run has been asked to terminate (the UI's Terminate).
    Dagster interrupts a step by raising from a signal handler, and Python drops an exception
    raised inside an object's finaliser: a Terminate that landed in regex's `__del__` during
    garbage collection was lost, and the run went on to SUCCESS. Each step of the daily job
    asks the run's status before it writes, so the run ends CANCELED with nothing half-written."""
    run = context.instance.get_run_by_id(context.run.run_id)
    if run is not None and run.status == dg.DagsterRunStatus.CANCELING:
        raise dg.DagsterExecutionInterruptedError("the run was asked to terminate")


def record_worker(context: dg.AssetExecutionContext) -> None:
    """Tag the run with its worker process (the process that started the run, which a step of
    the multiprocess executor is a child of). A retried run starts with its parent's tags, the
    dead parent's worker among them: that tag is replaced."""
    run = context.instance.get_run_by_id(context.run_id)
    if run is None:
        return
    pid = _start_pid(context.instance, context.run_id) or os.getpid()
    if _tagged_pid(run) != pid:
        context.instance.add_run_tags(context.run_id, {WORKER_TAG: describe(pid)})


def _start_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The pid of the process that started the run (its RUN_START event), if it has started."""
    starts = instance.get_records_for_run(run_id, of_type=DagsterEventType.RUN_START, limit=1)
    event = starts.records[0].event_log_entry.dagster_event if starts.records else None
    return event.pid if event is not None and event.pid else None


def _tagged_pid(run: dg.DagsterRun) -> int | None:
    worker = run.tags.get(WORKER_TAG, "")
    parts = worker.split("|")
    return int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None


def fail_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail every active run whose worker on this machine is gone and free its pool slots; a line
    per run, saying what was done."""
    done = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=_ACTIVE)):
        worker = run.tags.get(WORKER_TAG)
        if worker is None or state(worker) != "gone":
            continue
        if run.tags.get("dagster/parent_run_id") and _start_pid(instance, run.run_id) != _tagged_pid(run):
            continue  # a retry still carrying its dead parent's worker: its own is not recorded yet
        pid = _tagged_pid(run)
        message = (f"The run's process (pid {pid}) is gone: killed or crashed while the run was {run.status.value}. "
                   "Flywheel marked the run failed and freed its pool slots; run it again.")  # fmt: skip
        instance.report_run_failed(run, message)
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        done.append(f"run {run.run_id} ({run.job_name}{_partition(run)}): process {pid} gone; failed, slots freed")
    return done


def _partition(run: dg.DagsterRun) -> str:
    key = run.tags.get("dagster/partition")
    return f", {key}" if key else ""


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def dead_runs(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    """Every minute: fail the runs whose process was killed and free their pool slots, so the
    next `ingest` or training run does not wait for them."""
    done = fail_dead_runs(context.instance)
    for line in done:
        context.log.warning(line)
    return dg.SkipReason("; ".join(done) if done else "no run lost its process")


@contextmanager
def interruptible(instance: dg.DagsterInstance, grace: float = 3.0,
                  max_wait: float | None = None) -> Iterator[dict[str, str]]:  # fmt: skip
    """Run tags for `execute_in_process` runs started inside, which make SIGTERM and Ctrl-C stop
    them even while they wait for a pool slot. Dagster's in-process executor notes an interrupt
    and acts on it only when a step starts or ends; a run waiting for a slot held by another run
    would ignore it for as long as it waits. When an interrupt stays unhandled for `grace`
    seconds, this session's active runs are marked canceled, their slot claims withdrawn, and
    the process exits with status 130. A run that has waited `max_wait` seconds for a slot
    (FLYWHEEL_MAX_POOL_WAIT, default an hour) is given up the same way, with status 1 and a
    message naming the pool and the run that holds it."""
    tags, done = {SESSION_TAG: uuid.uuid4().hex}, threading.Event()
    limit = max_wait if max_wait is not None else settings.max_pool_wait()

    def watch() -> None:
        waited, tick = 0.0, 0
        while not done.wait(0.25):
            waited = waited + 0.25 if check_captured_interrupt() else 0.0
            if waited >= grace:
                _stop(instance, tags[SESSION_TAG], "Stopped by SIGTERM or Ctrl-C while it waited for a slot.", 130)
            tick += 1
            if tick % 8 == 0 and (why := _waited_too_long(instance, tags[SESSION_TAG], limit)):
                _stop(instance, tags[SESSION_TAG], why, 1)

    watcher = threading.Thread(target=watch, name="flywheel-interrupts", daemon=True)
    watcher.start()
    try:
        yield tags
    finally:
        done.set()
        watcher.join()


def _stop(instance: dg.DagsterInstance, session: str, why: str, status: int) -> None:
    """Cancel the session's active runs, withdraw their claims and end the process, even where the
    instance cannot be written to (`flywheel recover` or the `dead_runs` sensor then fails them)."""
    try:
        for run in instance.get_runs(filters=dg.RunsFilter(statuses=_ACTIVE, tags={SESSION_TAG: session})):
            instance.report_run_canceled(run, why)
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            print(f"Stopped run {run.run_id} ({run.job_name}{_partition(run)}): {why}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - the process must stop either way
        print(f"Stopping: the runs could not be marked ({type(exc).__name__}): {why}", file=sys.stderr)
    os._exit(status)


def _waited_too_long(instance: dg.DagsterInstance, session: str, limit: float) -> str | None:
    """Why this session's run gives up waiting for a pool slot, or None while it may wait on (or
    while the instance cannot be read: a locked SQLite file is tried again two seconds later)."""
    try:
        return _too_long(instance, session, limit)
    except Exception:  # noqa: BLE001
        return None


def _too_long(instance: dg.DagsterInstance, session: str, limit: float) -> str | None:
    runs = {r.run_id for r in instance.get_runs(filters=dg.RunsFilter(statuses=_ACTIVE, tags={SESSION_TAG: session}))}
    if not runs:
        return None
    storage = instance.event_log_storage
    for pool in storage.get_concurrency_keys():
        info = storage.get_concurrency_info(pool)
        for step in info.pending_steps:
            queued = step.enqueued_timestamp
            waited = time.time() - (queued if queued.tzinfo else queued.replace(tzinfo=UTC)).timestamp()
            if step.run_id in runs and step.assigned_timestamp is None and waited > limit:
                holders = ", ".join(sorted(info.active_run_ids)) or "no run (the slots were removed)"
                return (f"Gave up after waiting {waited:.0f} s for a slot of pool {pool!r}, held by {holders} "
                        f"(FLYWHEEL_MAX_POOL_WAIT={limit:.0f}). If that run is stuck, terminate it in the UI; if "
                        "its process is gone, `flywheel recover` frees the slot.")  # fmt: skip
    return None
