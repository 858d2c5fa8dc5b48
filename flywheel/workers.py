"""Which process runs a pipeline run, and whether it still does.

A run's worker is written down as `host|boot|pid|started` (the machine's name and boot id, the
process id, the process's start time), so that a later look on the same machine can tell a
living worker from one that was killed, even when its process id has since been reused. From
another machine (a daemon in its own container) nothing can be told: `state` says so.
"""

from __future__ import annotations

import socket
from pathlib import Path

import psutil

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def _machine() -> str:
    boot = _BOOT_ID.read_text().strip() if _BOOT_ID.exists() else str(int(psutil.boot_time()))
    return f"{socket.gethostname()}|{boot}"


def describe(pid: int) -> str:
    """The worker `pid` of this machine, as written in a run's tag."""
    return f"{_machine()}|{pid}|{psutil.Process(pid).create_time():.2f}"


def state(worker: str) -> str:
    """"alive", "gone" (the process ended: killed, crashed, or the machine restarted) or
    "elsewhere" (another machine's worker, or a tag this cannot read)."""
    parts = worker.split("|")
    if len(parts) != 4 or not parts[2].isdigit():
        return "elsewhere"
    host, boot, pid, started = parts
    if host != socket.gethostname():
        return "elsewhere"
    if f"{host}|{boot}" != _machine():
        return "gone"  # the machine restarted since
    try:
        return "alive" if f"{psutil.Process(int(pid)).create_time():.2f}" == started else "gone"
    except psutil.NoSuchProcess:
        return "gone"
