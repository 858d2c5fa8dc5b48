"""A run killed with SIGKILL while it holds the `ingest` pool's slot: found, failed, its slot
freed, and the next run completes (issue 10). Real processes on a real SQLite instance with the
project's dagster.yaml."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest

from flywheel.defs.recovery import WORKER_TAG, fail_dead_runs

ROOT = Path(__file__).resolve().parents[2]
# a run with one step in the `ingest` pool that writes down its worker, as collect_logs does
CHILD = """
import json, os, sys, time
from pathlib import Path
import dagster as dg
from flywheel.commands import stop_if_interrupted
from flywheel.defs.recovery import interruptible, record_worker

@dg.asset(pool="ingest")
def holds_the_slot(context):
    record_worker(context)
    Path(sys.argv[1]).write_text("holding")
    time.sleep(float(sys.argv[2]))

with dg.DagsterInstance.get() as instance, interruptible(instance) as tags:
    tags = {**tags, **json.loads(os.environ.get("EXTRA_TAGS", "{}"))}  # a retry's inherited tags
    result = stop_if_interrupted(dg.materialize([holds_the_slot], instance=instance, raise_on_error=False, tags=tags))
sys.exit(0 if result.success else 1)
"""


def _start(home: Path, marker: Path, seconds: float, **env: str) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home), **env}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(marker), str(seconds)], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip


def _holding(home: Path) -> subprocess.Popen:
    """A run that holds the `ingest` slot (for ten minutes), once it does."""
    first = _start(home, home / "holding", 600)
    deadline = time.monotonic() + 120
    while not (home / "holding").exists():
        if first.poll() is not None or time.monotonic() > deadline:
            first.kill()
            pytest.fail(f"the first run never reached its step: {first.stderr.read()}")
        time.sleep(0.2)
    return first


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "dagster.yaml", tmp_path / "dagster.yaml")  # storage paths are relative to it
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_killed_run_is_failed_its_slot_freed_and_the_next_run_completes(home: Path):
    first = _holding(home)
    first.send_signal(signal.SIGKILL)
    first.wait()
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.STARTED and WORKER_TAG in run.tags
        assert instance.event_log_storage.get_concurrency_info("ingest").active_run_ids == {run.run_id}

        done = fail_dead_runs(instance)

        assert len(done) == 1 and run.run_id in done[0] and "gone" in done[0]
        assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.FAILURE
        assert instance.event_log_storage.get_concurrency_info("ingest").active_run_ids == set()
        assert fail_dead_runs(instance) == []  # once only
    second = _start(home, home / "second", 0)
    try:
        assert second.wait(timeout=120) == 0, second.stderr.read()
    finally:
        second.kill()


@pytest.mark.parametrize("how", ["sigterm", "max_wait"])
def test_a_run_that_waits_for_the_slot_stops_on_sigterm_or_after_the_longest_wait(home: Path, how: str):
    """Dagster's in-process executor would note the signal and go on waiting for as long as the
    slot stays taken; `interruptible` cancels the waiting run and withdraws its claim, on SIGTERM
    or once it has waited FLYWHEEL_MAX_POOL_WAIT seconds."""
    first, second = _holding(home), None
    try:
        deadline = time.monotonic() + 120
        second = _start(home, home / "second", 0, FLYWHEEL_MAX_POOL_WAIT="4" if how == "max_wait" else "3600")
        with dg.DagsterInstance.get() as instance:
            while not instance.event_log_storage.get_concurrency_info("ingest").pending_run_ids:
                assert second.poll() is None and time.monotonic() < deadline, "the second run never queued"
                time.sleep(0.2)
            if how == "sigterm":
                second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=30) == (130 if how == "sigterm" else 1)
            if how == "max_wait":
                assert "Gave up after waiting" in second.stderr.read()
            statuses = {r.run_id: r.status for r in instance.get_runs()}
            info = instance.event_log_storage.get_concurrency_info("ingest")
            assert sorted(s.value for s in statuses.values()) == ["CANCELED", "STARTED"]
            assert info.pending_run_ids == set() and len(info.active_run_ids) == 1  # the first keeps its slot
    finally:
        for process in (first, second):
            if process is not None:
                process.kill()
                process.wait()


def test_sigterm_during_a_step_ends_the_command(home: Path):
    """Dagster fails the running step and returns; the command must stop, not start its next run."""
    first = _holding(home)
    first.send_signal(signal.SIGTERM)
    assert first.wait(timeout=60) == 130
    assert "Stopped by SIGTERM or Ctrl-C" in first.stderr.read()
    with dg.DagsterInstance.get() as instance:
        assert [r.status for r in instance.get_runs()] == [dg.DagsterRunStatus.FAILURE]
        assert instance.event_log_storage.get_concurrency_info("ingest").active_run_ids == set()


def test_a_living_run_is_left_alone(home: Path):
    first = _holding(home)
    try:
        with dg.DagsterInstance.get() as instance:
            assert fail_dead_runs(instance) == []
            assert instance.get_runs()[0].status == dg.DagsterRunStatus.STARTED
    finally:
        first.kill()
        first.wait()


def test_a_retry_carrying_its_dead_parents_worker_is_not_failed(home: Path):
    """A retried run starts with its parent's tags, the dead parent's worker among them, and may
    wait for the slot a while: it is not taken for dead, and records its own worker once it runs."""
    first = _holding(home)
    first.send_signal(signal.SIGKILL)
    first.wait()
    with dg.DagsterInstance.get() as instance:
        (parent,) = instance.get_runs()
        inherited = {WORKER_TAG: parent.tags[WORKER_TAG], "dagster/parent_run_id": parent.run_id}
        retry = _start(home, home / "retry", 0, EXTRA_TAGS=json.dumps(inherited))
        try:
            deadline = time.monotonic() + 120
            while not instance.event_log_storage.get_concurrency_info("ingest").pending_run_ids:
                assert retry.poll() is None and time.monotonic() < deadline, "the retry never queued"
                time.sleep(0.2)
            done = fail_dead_runs(instance)  # the parent is dead; the waiting retry is not
            assert len(done) == 1 and parent.run_id in done[0]
            assert retry.wait(timeout=120) == 0, retry.stderr.read()
        finally:
            retry.kill()
        run = next(r for r in instance.get_runs() if r.run_id != parent.run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS and run.tags[WORKER_TAG] != parent.tags[WORKER_TAG]


def test_a_terminate_whose_signal_was_lost_still_cancels_the_run_before_its_next_step(tmp_path: Path):
    """The UI's Terminate marks the run CANCELING and interrupts the step by a signal; here the
    signal is lost (as when it lands in a finaliser) while `scrubbed_traces` runs: the next step,
    `trace_embeddings`, sees the request, writes nothing, and the run ends CANCELED."""
    from flywheel.defs.cluster.assets import trace_embeddings
    from flywheel.defs.partitions import daily
    from flywheel.defs.resources import LakeResource

    @dg.asset(name="scrubbed_traces", partitions_def=daily)
    def terminated_while_scrubbing(context: dg.AssetExecutionContext) -> None:
        context.instance.report_run_canceling(context.instance.get_run_by_id(context.run.run_id))

    with dg.instance_for_test() as instance:
        result = dg.materialize([terminated_while_scrubbing, trace_embeddings], partition_key="2026-11-01",
                                instance=instance, resources={"lake": LakeResource(root=str(tmp_path / "lake"))},
                                raise_on_error=False)  # fmt: skip
        assert instance.get_run_by_id(result.run_id).status == dg.DagsterRunStatus.CANCELED
    [failed] = result.get_step_failure_events()
    assert failed.step_key == "trace_embeddings" and "asked to terminate" in str(failed.step_failure_data.error)
    assert not (tmp_path / "lake").exists() or not list((tmp_path / "lake").rglob("*.parquet"))
