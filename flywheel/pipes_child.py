"""The child side of Dagster Pipes for Flywheel's own processes (training, evaluation): read the
orders, do the work, report the materialisation's metadata (numbers and ids only)."""

from __future__ import annotations

import resource
import sys
from collections.abc import Callable

from dagster_pipes import open_dagster_pipes

from flywheel import settings

OUT_OF_MEMORY_EXIT = 12  # ENOMEM; the run's side (defs/pipes.py) reads it as "ran out of memory"


class OutOfMemory(Exception):
    """The work failed for want of memory (an allocation the process's limit or the machine refused)."""


def child_main(doc: str, work: Callable[[dict, Callable[[str], None], str], dict],
               data_version: Callable[[dict, dict], str] | None = None) -> int:  # fmt: skip
    """`work(extras, log, dagster_run_id)` returns the metadata; `--help` (any argument) prints `doc`.
    Exits with OUT_OF_MEMORY_EXIT when the work ran out of memory (FLYWHEEL_CHILD_MEMORY_MB or the machine's)."""
    if len(sys.argv) > 1:
        print(doc)
        return 0
    limit = settings.child_memory_mb()
    limit_memory(limit)
    try:
        with open_dagster_pipes() as pipes:
            extras = dict(pipes.extras)

            def log(message: str) -> None:  # to the run's log, and to whoever watches the process
                pipes.log.info(message)
                print(f"  {message}", file=sys.stderr, flush=True)

            try:
                meta = work(extras, log, pipes.run_id or "")
            except BaseException as exc:
                if not out_of_memory(exc):
                    raise
                where = f"its limit FLYWHEEL_CHILD_MEMORY_MB={limit}" if limit else "the machine's memory"
                pipes.log.error(f"out of memory ({type(exc).__name__}) within {where}: "
                                "lower batch_size or max_length, or give it more memory")  # fmt: skip
                raise OutOfMemory(type(exc).__name__) from exc
            version = data_version(extras, meta) if data_version else None
            pipes.report_asset_materialization(metadata={k: v for k, v in meta.items() if v is not None},
                                               data_version=version)  # fmt: skip
    except OutOfMemory:
        return OUT_OF_MEMORY_EXIT
    return 0


def limit_memory(mb: int) -> None:
    """Cap this process's data memory at `mb` MiB (0: leave it): an allocation past it fails in
    the process (MemoryError, or torch's "can't allocate memory") rather than the machine swapping
    or its out-of-memory killer choosing a victim."""
    if mb > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = mb * 2**20 if hard == resource.RLIM_INFINITY else min(mb * 2**20, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))


def out_of_memory(exc: BaseException | None) -> bool:
    """Whether `exc`, or an exception it was raised from, is an allocation that failed: Python's
    MemoryError, torch's OutOfMemoryError (CUDA) or its CPU allocator's refusal."""
    seen = 0
    while exc is not None and seen < 10:
        text = str(exc).lower()
        if (
            isinstance(exc, MemoryError)
            or type(exc).__name__ == "OutOfMemoryError"
            or (isinstance(exc, RuntimeError) and ("can't allocate memory" in text or "out of memory" in text))
        ):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False
