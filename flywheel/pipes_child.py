"""The child side of Dagster Pipes for Flywheel's own processes (training, evaluation): read the
orders, do the work, report the materialisation's metadata (numbers and ids only)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from dagster_pipes import open_dagster_pipes


def child_main(doc: str, work: Callable[[dict, Callable[[str], None], str], dict],
               data_version: Callable[[dict, dict], str] | None = None) -> int:  # fmt: skip
    """`work(extras, log, dagster_run_id)` returns the metadata; `--help` (any argument) prints `doc`."""
    if len(sys.argv) > 1:
        print(doc)
        return 0
    with open_dagster_pipes() as pipes:
        extras = dict(pipes.extras)
        meta = work(extras, pipes.log.info, pipes.run_id or "")
        version = data_version(extras, meta) if data_version else None
        pipes.report_asset_materialization(metadata={k: v for k, v in meta.items() if v is not None},
                                           data_version=version)  # fmt: skip
    return 0
