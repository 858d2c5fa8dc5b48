"""Erase one client on request (`flywheel erase --client-id ID`, a data subject's or a customer's
right to erasure): its calls leave every store of the lake, the affected tasks' adapters are
marked for retraining, the collect step skips the client's lines from then on, and an audit entry
records what was done without any personal data.

What it removes, each store rewritten whole: the client's records, duplicate copies and
quarantined lines (raw zone; counted as `erased`, so every line stays accounted for); its
scrubbed traces and withheld calls, embeddings, task assignments (each day), its vectors in the
embedding cache that no other trace shares, its requests in every clustering and their examples
in the task tables, and its examples in every version of every task's dataset.

What it cannot remove, said in the report: the landing folder is the gateway's, not Flywheel's
(the lines there are skipped, and the report counts them for deletion at the source); adapters
already trained on the client's examples (and their copies in MLflow) are replaced by
retraining, which `task_grew` requests. Dagster's storage is the Dagster side's
(`defs/erasure.py`): the runs whose metadata showed the client's scrubbed examples are deleted;
ids never reach it.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from flywheel.cluster.embed import EmbeddingCache, cache_location
from flywheel.cluster.pipeline import ASSIGNMENTS, EMBEDDINGS
from flywheel.erasure import stores
from flywheel.ingest.erased import ErasedClients
from flywheel.ingest.sources import LineStream, list_landing
from flywheel.lake import Lake
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.pipeline import SCRUBBED
from flywheel.scrub.policy import Policy
from flywheel.train.adapters import current_adapter

AUDIT, RETRAIN = "_erasure/audit.jsonl", "_erasure/retrain.json"


@dataclass
class Erasure:
    erasure_id: str
    subject: str  # the client's key on the erased list (a keyed hash, not the id)
    at: str
    removed: dict[str, int] = field(default_factory=dict)  # store -> rows (lines for the raw zone)
    datasets_changed: dict[str, list[str]] = field(default_factory=dict)  # task -> versions
    tasks_to_retrain: list[str] = field(default_factory=list)
    landing_files_left: int = 0  # landing files still holding the client's lines (skipped by collect)
    landing_lines_left: int = 0
    runs_deleted: int = 0  # Dagster runs whose metadata showed the client's examples (see defs/erasure.py)
    assets_without_history: list[str] = field(default_factory=list)  # no materialization left in Dagster
    # the client's scrubbed examples no other trace has, as task tables and dataset cards showed them:
    # what the Dagster side looks for in the metadata of earlier runs (never written to the audit)
    shown: set[str] = field(default_factory=set, repr=False)


def erase_client(lake: Lake, client_id: str, policy: Policy, landing: str | Path | None = None) -> Erasure:
    erased = ErasedClients.of(lake)
    key = erased.add(lake, client_id)  # first: a collect running meanwhile already skips the client
    out = Erasure(uuid.uuid4().hex[:12], key, datetime.now(UTC).isoformat(timespec="seconds"))
    raw_ids, out.removed["raw_lines"] = stores.raw_days(lake, client_id, erased)
    ids = Pseudonyms(lake_salt(lake, policy.salt_env), policy.identifiers)
    client, requests = ids("client_id", client_id), {ids("request_id", r) for r in raw_ids}
    scrubbed = stores.rewrite_days(lake, SCRUBBED, {
        "traces": lambda df: ~((df["client_id"] == client) | df["request_id"].is_in(list(requests))).fill_null(False),
        "failures": lambda df: ~df["request_id"].is_in(list(requests)),
    })  # fmt: skip
    if "traces" in scrubbed:
        requests |= set(scrubbed["traces"]["request_id"])
    out.removed["scrubbed_traces"] = scrubbed["traces"].height if "traces" in scrubbed else 0
    out.removed["withheld_calls"] = scrubbed["failures"].height if "failures" in scrubbed else 0
    def not_theirs(df: pl.DataFrame) -> pl.Series:
        return ~df["request_id"].is_in(list(requests))

    embedded = stores.rewrite_days(lake, EMBEDDINGS, {"embeddings": not_theirs}).get("embeddings")
    out.removed["trace_embeddings"] = 0 if embedded is None else embedded.height
    texts = set() if embedded is None else set(embedded["request"]) | set(embedded["tool_use"])
    examples = set() if embedded is None else set(embedded["example"])
    still_texts, still_examples = stores.remaining_texts(lake)
    out.removed["cached_vectors"] = EmbeddingCache(cache_location(lake.url)).forget(texts - still_texts)
    out.shown = examples - still_examples
    assigned = stores.rewrite_days(lake, ASSIGNMENTS, {"assignments": not_theirs}).get("assignments")
    out.removed["task_assignments"] = 0 if assigned is None else assigned.height
    out.removed["clustering_assignments"] = stores.cluster_versions(lake, requests, out.shown)
    out.datasets_changed = stores.datasets(lake, requests)
    out.removed["dataset_versions"] = sum(map(len, out.datasets_changed.values()))
    out.tasks_to_retrain = _mark_for_retraining(lake, out.datasets_changed, out.erasure_id)
    if landing is not None:
        out.landing_files_left, out.landing_lines_left = _left_in_landing(landing, erased, key)
    return out


def write_audit(lake: Lake, erasure: Erasure) -> None:
    """Append the erasure's audit entry: counts, task ids and the client's key, no personal data."""
    entry = {k: v for k, v in asdict(erasure).items() if k != "shown"}
    path = lake.fetch(lake.root / AUDIT)  # on an object store: its entries so far, to append to
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as audit:
        audit.write(json.dumps(entry, sort_keys=True) + "\n")
    lake.put(path)


def _mark_for_retraining(lake: Lake, changed: dict[str, list[str]], erasure_id: str) -> list[str]:
    """Tasks whose current adapter was trained on a dataset version that held the client's examples."""
    marks = dict(lake.read_json(RETRAIN, {}) or {})  # type: ignore[call-overload]
    for task, touched in changed.items():
        adapter = current_adapter(lake, task)
        if adapter and adapter.get("dataset_version") in touched:
            marks[task] = {"adapter": adapter, "erasure_id": erasure_id}
    lake.write_json(RETRAIN, marks)
    return sorted(t for t in changed if t in marks and marks[t]["erasure_id"] == erasure_id)


def must_retrain(lake: Lake, task: str) -> str | None:
    """The erasure that requires retraining `task` while its adapter is still the one marked."""
    mark = (lake.read_json(RETRAIN, {}) or {}).get(task)  # type: ignore[union-attr]
    return mark["erasure_id"] if mark and current_adapter(lake, task) == mark["adapter"] else None


def _left_in_landing(landing: str | Path, erased: ErasedClients, key: str) -> tuple[int, int]:
    only = ErasedClients(erased.salt, {key})
    files = lines = 0
    for file in list_landing(landing):
        found = sum(1 for line, _ in LineStream(file) if only.in_line(line))
        files, lines = files + bool(found), lines + found
    return files, lines
