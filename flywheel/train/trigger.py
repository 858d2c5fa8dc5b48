"""When a task is (re)trained: the decision behind the `task_grew` sensor.

A task with no adapter is trained once it has at least `min_examples` traces; a task with one is
retrained once its traces have grown by `growth` (a share) since the traces its adapter's dataset
came from. Retired tasks are never retrained. A request is made once per state: the next one for
a task waits until it grows past the threshold again from the count at the last request, so a
run that failed (say, too few clean examples after cleaning) is not requested on every tick.
A task whose adapter was trained on examples since erased (`flywheel erase`) is retrained whatever
its growth, until its adapter is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flywheel.cluster.pipeline import members
from flywheel.datasets.build import current_dataset, read_card, task_statuses
from flywheel.erasure import must_retrain
from flywheel.lake import Lake
from flywheel.train.adapters import current_adapter


@dataclass
class Retraining:
    requests: list[str]  # task ids to (re)train now
    reasons: dict[str, str]  # task id -> what was decided and why
    counts: dict[str, int] = field(default_factory=dict)  # task id -> traces now (for the cursor)


def decide(lake: Lake, tasks: list[str], last_requested: dict[str, int], growth: float = 0.2,
           min_examples: int = 50) -> Retraining:  # fmt: skip
    counts = dict(members(lake).group_by("cluster_id").len().drop_nulls().iter_rows()) if tasks else {}
    out = Retraining([], {}, {})
    statuses = task_statuses(lake)
    for task in tasks:
        traces = int(counts.get(task, 0))
        out.counts[task] = traces
        if statuses.get(task) != "active":
            out.reasons[task] = "retired: not retrained"
            continue
        adapter = current_adapter(lake, task)
        erasure = must_retrain(lake, task)
        if erasure is not None and traces >= min_examples:
            out.requests.append(task)
            out.reasons[task] = f"its adapter was trained on examples erased on request (erasure {erasure}): retrain"
            continue
        if adapter is None:
            base, what = 0, "no adapter yet"
            enough = traces >= min_examples
            target = min_examples
        else:
            dataset = current_dataset(lake, task) or {}
            base = (read_card(lake, task, adapter["dataset_version"]) or {}).get("traces") or dataset.get("examples", 0)
            target = int(base * (1 + growth)) + 1
            enough, what = traces >= target, f"adapter trained on {base} traces"
        requested = last_requested.get(task)
        if enough and requested is not None and traces < int(requested * (1 + growth)) + 1:
            out.reasons[task] = f"{what}; {traces} traces, already requested at {requested}"
        elif enough:
            out.requests.append(task)
            out.reasons[task] = f"{what}; {traces} traces reach {target}: train"
        else:
            out.reasons[task] = f"{what}; {traces} traces, {target - traces} more to reach {target}"
    return out
