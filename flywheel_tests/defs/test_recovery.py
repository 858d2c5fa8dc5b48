"""A run killed with SIGKILL while it holds the `ingest` pool's slot: found, failed, its slot
freed, and the next run completes (issue 10). Real processes on a real SQLite instance with the
project's dagster.yaml."""

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
import sys, time
from pathlib import Path
import dagster as dg
from flywheel.defs.recovery import record_worker

@dg.asset(pool="ingest")
def holds_the_slot(context):
    record_worker(context)
    Path(sys.argv[1]).write_text("holding")
    time.sleep(float(sys.argv[2]))

with dg.DagsterInstance.get() as instance:
    sys.exit(0 if dg.materialize([holds_the_slot], instance=instance, raise_on_error=False).success else 1)
"""


def _start(home: Path, marker: Path, seconds: float) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(marker), str(seconds)], cwd=home, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "dagster.yaml", tmp_path / "dagster.yaml")  # storage paths are relative to it
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_killed_run_is_failed_its_slot_freed_and_the_next_run_completes(home: Path):
    marker = home / "holding"
    first = _start(home, marker, 600)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert first.poll() is None, first.stderr.read()
            assert time.monotonic() < deadline, "the first run never reached its step"
            time.sleep(0.2)
    finally:
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


def test_a_living_run_is_left_alone(home: Path):
    marker = home / "holding"
    first = _start(home, marker, 600)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert first.poll() is None, first.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.2)
        with dg.DagsterInstance.get() as instance:
            assert fail_dead_runs(instance) == []
            assert instance.get_runs()[0].status == dg.DagsterRunStatus.STARTED
    finally:
        first.kill()
        first.wait()
