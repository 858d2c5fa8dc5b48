"""Stable task ids across re-clusterings.

A re-clustering numbers its tasks afresh; this module gives each one the id of the earlier task
whose traces it took over (the overlap of members, maximised by Hungarian assignment). Only a
task that matches no earlier one gets a new id, and ids are never reused: an earlier task that
matches nothing is retired, and its id stays retired. Splits (an earlier task whose traces went
to two tasks or more) and merges (a task built from two earlier ones or more) are recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

NOISE = "noise"
KEEP_SHARE = 0.5  # an id passes on when over half of its traces (still present) go to the task
PART_SHARE = 0.2  # a share of members this large counts as part of a split or a merge


def cluster_key(n: int) -> str:
    """The id (and Dagster partition key) of the n-th task ever found."""
    return f"task-{n:03d}"


@dataclass
class Registry:
    """Every id handed out, with its status; persisted with the clustering."""

    next_number: int = 1
    status: dict[str, str] = field(default_factory=dict)  # id -> active | retired

    def new_id(self) -> str:
        key = cluster_key(self.next_number)
        self.next_number += 1
        self.status[key] = "active"
        return key

    def as_dict(self) -> dict:
        return {"next_number": self.next_number, "status": dict(sorted(self.status.items()))}

    @classmethod
    def from_dict(cls, value: dict | None) -> Registry:
        return cls(value["next_number"], dict(value["status"])) if value else cls()


@dataclass
class Matching:
    ids: list[str]  # the id of each new task index
    events: list[dict]  # {"event": kept|new|retired|split|merge, "cluster_id", "detail"}


def match(previous: dict[str, str], request_ids: Sequence[str], labels: np.ndarray, n_tasks: int,
          registry: Registry) -> Matching:  # fmt: skip
    """Give each new task (0..n_tasks-1; `labels` per request id, -1 noise) a stable id, given
    the previous clustering's id per request id (noise and retired ids left out)."""
    old_ids = sorted({v for v in previous.values() if v != NOISE})
    col = {c: j for j, c in enumerate(old_ids)}
    overlap = np.zeros((n_tasks, len(old_ids)), dtype=np.int64)
    for rid, label in zip(request_ids, labels.tolist(), strict=True):
        old = previous.get(rid)
        if label >= 0 and old in col:
            overlap[label, col[old]] += 1
    old_sizes = overlap.sum(axis=0)
    new_sizes = overlap.sum(axis=1)
    ids: list[str | None] = [None] * n_tasks
    events: list[dict] = []
    if overlap.size:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(overlap, maximize=True)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if overlap[r, c] > KEEP_SHARE * old_sizes[c]:
                ids[r] = old_ids[c]
                events.append(
                    {
                        "event": "kept",
                        "cluster_id": old_ids[c],
                        "detail": f"{overlap[r, c] / old_sizes[c]:.0%} of its earlier traces stayed",
                    }
                )
    for r in range(n_tasks):
        if ids[r] is None:
            ids[r] = registry.new_id()
            events.append({"event": "new", "cluster_id": ids[r], "detail": "a task not seen before"})
    for c, old in enumerate(old_ids):
        parts = [ids[r] for r in range(n_tasks) if old_sizes[c] and overlap[r, c] >= PART_SHARE * old_sizes[c]]
        if len(parts) > 1:
            events.append({"event": "split", "cluster_id": old, "detail": "into " + ", ".join(parts)})
        if old not in ids:
            registry.status[old] = "retired"
            events.append({"event": "retired", "cluster_id": old, "detail": "no task took over its traces"})
    for r in range(n_tasks):
        parts = [old_ids[c] for c in range(len(old_ids)) if new_sizes[r] and overlap[r, c] >= PART_SHARE * new_sizes[r]]
        if len(parts) > 1:
            events.append({"event": "merge", "cluster_id": ids[r], "detail": "of " + ", ".join(parts)})
    for key, status in sorted(registry.status.items()):
        if status == "active" and key not in ids and key not in col:  # its traces are gone from the lake
            registry.status[key] = "retired"
            events.append({"event": "retired", "cluster_id": key, "detail": "none of its traces are left"})
    for key in ids:
        registry.status[key] = "active"
    return Matching([str(k) for k in ids], events)
