"""The Dagster side of `flywheel erase --client-id`: refused while runs are queued or in progress
(a run that read the client's calls before the erasure could write them again after it); after the
lake is erased, the runs whose recorded metadata shows one of the client's scrubbed examples (the
task table of `task_clusters`, the card of `task_datasets`) are deleted with their event logs, so
the instance's storage keeps nothing of the client. Client and request ids never reach it (the
collect step shows their pseudonyms)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import dagster as dg

# Dagster's storage internals, for the one repair deleting a run does not make (see _refresh_latest)
from dagster._core.storage.event_log import SqlEventLogStorage, SqliteEventLogStorage
from dagster._core.storage.event_log.schema import AssetKeyTable
from dagster._serdes import serialize_value

from flywheel.cluster.pipeline import CLUSTERS
from flywheel.datasets.build import DATASETS
from flywheel.erasure import Erasure, erase_client, write_audit
from flywheel.lake import Lake
from flywheel.scrub.policy import Policy

SHOWING_EXAMPLES = (CLUSTERS, DATASETS)
BUSY = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]
NEEDLE = 60  # characters of an example searched for (a dataset card shows it inside JSON)


class RunsInProgress(RuntimeError):
    pass


def erase(instance: dg.DagsterInstance, lake: Lake, client_id: str, policy: Policy,
          landing: str | Path | None = None) -> Erasure:  # fmt: skip
    busy = instance.get_runs_count(dg.RunsFilter(statuses=BUSY))
    if busy:
        raise RunsInProgress(f"{busy} Dagster runs are queued or in progress: wait for them (or cancel them), "
                             "then erase again")  # fmt: skip
    done = erase_client(lake, client_id, policy, landing)
    shown = [a for a in SHOWING_EXAMPLES if instance.fetch_materializations(dg.AssetKey(a), limit=1).records]
    for run_id in sorted(runs_showing(instance, done.shown)):
        instance.delete_run(run_id)
        done.runs_deleted += 1
    if done.runs_deleted:
        done.assets_without_history = [a for a in shown if not _refresh_latest(instance, dg.AssetKey(a))]
        _vacuum(instance)
    write_audit(lake, done)
    return done


def _refresh_latest(instance: dg.DagsterInstance, key: dg.AssetKey) -> bool:
    """Dagster keeps each asset's latest materialization event, metadata and all, in its asset
    index (`asset_keys.last_materialization`), and deleting the run that made it does not update
    it (dagster 1.13): point it at the latest materialization left, as Dagster itself writes it.
    Returns whether one is left."""
    storage = instance.event_log_storage
    if not isinstance(storage, SqlEventLogStorage):
        return True
    latest = instance.fetch_materializations(key, limit=1).records
    values = {"last_materialization": serialize_value(latest[0]) if latest else None,
              "last_run_id": latest[0].run_id if latest else None}  # fmt: skip
    with storage.index_connection() as conn:
        conn.execute(AssetKeyTable.update().values(**values).where(AssetKeyTable.c.asset_key == key.to_string()))
    return bool(latest)


def _vacuum(instance: dg.DagsterInstance) -> None:
    """SQLite keeps deleted rows' bytes in free pages until the file is vacuumed; PostgreSQL's
    autovacuum reclaims them in the database (the deployment's storage)."""
    storage = instance.event_log_storage
    if isinstance(storage, SqliteEventLogStorage):
        with closing(sqlite3.connect(storage.path_for_shard("index"))) as conn:
            conn.execute("VACUUM")


def runs_showing(instance: dg.DagsterInstance, examples: set[str]) -> set[str]:
    """The runs whose materialisations of the assets that show examples hold one of `examples`."""
    heads = {e[:NEEDLE] for e in examples if e}
    needles = heads | {json.dumps(h, ensure_ascii=False)[1:-1] for h in heads}
    found: set[str] = set()
    if not needles:
        return found
    for asset in SHOWING_EXAMPLES:
        cursor = None
        while True:
            page = instance.fetch_materializations(dg.AssetKey(asset), limit=500, cursor=cursor)
            for record in page.records:
                metadata = record.asset_materialization.metadata if record.asset_materialization else {}
                if any(n in s for s in _strings(metadata) for n in needles):
                    found.add(record.run_id)
            if not page.has_more:
                break
            cursor = page.cursor
    return found


def _strings(value: object, depth: int = 0) -> Iterator[str]:
    """Every string inside a metadata value (tables, their records, markdown, text)."""
    if depth > 12:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v, depth + 1)
    elif hasattr(value, "_fields"):  # Dagster's records (tuples that refuse iteration)
        yield from _strings({f: getattr(value, f) for f in value._fields}, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _strings(v, depth + 1)
    elif hasattr(value, "__dict__"):
        yield from _strings(dict(vars(value)), depth + 1)
