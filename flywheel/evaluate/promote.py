"""The promotion gate and the MLflow aliases that carry its decisions.

Each task's adapters are versions of the registered model `flywheel-<task>`. The alias `champion`
names the version that serves the task (what `flywheel predict` loads); when a new version takes
over, the one it replaces gets the alias `previous`, and `rollback` gives `champion` back to it.
A version that was rolled back is tagged `rolled_back` so the record says why it lost the alias.
"""

from __future__ import annotations

from dataclasses import dataclass

from flywheel.train.tracking import registered_name

CHAMPION, PREVIOUS = "champion", "previous"


@dataclass(frozen=True)
class Gate:
    """An adapter is promoted when its task metric passes the threshold and is no worse than the
    champion's on the same test split, and the task's other kind of reply passes its own threshold
    where at least `min_other_kind` of them are evaluated (see `judge_other_kind`)."""

    min_name_args: float = 0.9
    min_rouge_l: float = 0.5
    tolerance: float = 0.0  # how much below the champion still counts as "no worse"
    min_other_kind: int = 2  # a task's other kind of reply must pass too where this many are evaluated

    def threshold(self, metric: str) -> float:
        return self.min_rouge_l if metric == "rouge_l" else self.min_name_args


KINDS = {"name_args": "tool calls", "rouge_l": "text replies"}


def judge_other_kind(metric: str, scores: dict, counts: dict[str, int], gate: Gate) -> tuple[bool, str | None]:
    """A task is judged on its main kind of reply (`metric`); its other kind must pass its own
    threshold too where the evaluated examples hold at least `gate.min_other_kind` of them: a task
    answered mostly in text must still call its tool with the right arguments. (passes?, the reason
    or None where there are too few to judge)."""
    other = "name_args" if metric == "rouge_l" else "rouge_l"
    count, value, need = counts.get(other, 0), scores.get(other), gate.threshold(other)
    if count < gate.min_other_kind or value is None or value != value:
        return True, None
    if value >= need:
        return True, f"its {count} {KINDS[other]} pass too ({other} {value:.3f}, threshold {need:.3f})"
    return False, f"its {count} {KINDS[other]} do not pass ({other} {value:.3f} is below the threshold {need:.3f})"


def decide(metric: str, candidate: float | None, champion: float | None, gate: Gate) -> tuple[bool, list[str]]:
    """(promote?, the reasons, each a sentence a data team can read)."""
    reasons, ok = [], True
    need = gate.threshold(metric)
    if candidate is None or candidate != candidate:  # no test example the metric applies to
        return False, [f"no test example to measure {metric} on"]
    if candidate >= need:
        reasons.append(f"{metric} {candidate:.3f} passes the threshold {need:.3f}")
    else:
        ok = False
        reasons.append(f"{metric} {candidate:.3f} is below the threshold {need:.3f}")
    if champion is None:
        reasons.append("the task has no champion yet")
    elif candidate + gate.tolerance >= champion:
        reasons.append(f"no worse than the champion's {champion:.3f} on the same test split")
    else:
        ok = False
        reasons.append(f"worse than the champion's {champion:.3f} on the same test split (a regression)")
    return ok, reasons


def _client(uri: str):
    from mlflow import MlflowClient

    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def alias(uri: str, task_id: str, name: str = CHAMPION) -> str | None:
    """The model version holding alias `name` for the task, or None."""
    from mlflow.exceptions import MlflowException

    try:
        return str(_client(uri).get_model_version_by_alias(registered_name(task_id), name).version)
    except MlflowException:
        return None


def promote(uri: str, task_id: str, version: str, reasons: list[str]) -> str | None:
    """Make `version` the champion; the version it replaces becomes `previous` (returned)."""
    client, model = _client(uri), registered_name(task_id)
    old = alias(uri, task_id)
    if old == version:
        return None
    if old is not None:
        client.set_registered_model_alias(model, PREVIOUS, old)
    client.set_registered_model_alias(model, CHAMPION, version)
    client.set_model_version_tag(model, version, "promotion", "; ".join(reasons))
    return old


def rollback(uri: str, task_id: str) -> tuple[str, str]:
    """Give `champion` back to the `previous` version; returns (demoted, restored)."""
    client, model = _client(uri), registered_name(task_id)
    current, previous = alias(uri, task_id), alias(uri, task_id, PREVIOUS)
    if previous is None:
        raise ValueError(f"{task_id} has no previous champion to roll back to"
                         + ("" if current else " (and no champion)"))  # fmt: skip
    client.set_registered_model_alias(model, CHAMPION, previous)
    client.delete_registered_model_alias(model, PREVIOUS)
    if current is not None:
        client.set_model_version_tag(model, current, "rolled_back", "true")
    return current or "", previous


def training_run(uri: str, task_id: str, version: str) -> str | None:
    """The MLflow run that trained a version (its adapter is that run's artifact)."""
    return _client(uri).get_model_version(registered_name(task_id), version).run_id
