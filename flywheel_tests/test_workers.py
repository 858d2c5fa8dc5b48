"""Telling a living run worker from a dead one, and from another machine's."""

import os
import subprocess
import sys

from flywheel.workers import describe, state


def test_a_living_process_a_dead_one_a_reused_pid_and_another_machine():
    assert state(describe(os.getpid())) == "alive"
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    worker = describe(child.pid)
    child.kill()
    child.wait()
    assert state(worker) == "gone"
    host, boot, pid, started = describe(os.getpid()).split("|")
    assert state(f"{host}|{boot}|{pid}|{float(started) - 5:.2f}") == "gone"  # the pid now runs something else
    assert state(f"elsewhere.example|{boot}|{pid}|{started}") == "elsewhere"
    assert state(f"{host}|another-boot|{pid}|{started}") == "gone"  # the machine restarted since
    assert state("not a worker") == "elsewhere"
