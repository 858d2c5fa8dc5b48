"""The promotion gate on constructed scores, and the champion / previous aliases with rollback in
a real MLflow registry."""

from pathlib import Path

import mlflow
import pytest
from mlflow import MlflowClient

from flywheel.evaluate import promote
from flywheel.evaluate.promote import Gate, decide, judge_other_kind
from flywheel.train import tracking

TASK = "task-007"


def test_the_gate_needs_the_threshold_and_no_regression():
    gate = Gate(min_name_args=0.9, min_rouge_l=0.5)
    assert decide("name_args", 0.95, None, gate) == (True, ["name_args 0.950 passes the threshold 0.900",
                                                           "the task has no champion yet"])  # fmt: skip
    ok, reasons = decide("name_args", 0.85, None, gate)
    assert not ok and "below the threshold 0.900" in reasons[0]
    ok, reasons = decide("name_args", 0.93, 0.96, gate)
    assert not ok and "regression" in reasons[1]
    assert decide("name_args", 0.96, 0.96, gate)[0]  # equal is no worse
    assert decide("name_args", 0.95, 0.96, Gate(tolerance=0.02))[0]
    assert decide("rouge_l", 0.6, None, gate)[0] and not decide("rouge_l", 0.4, None, gate)[0]
    ok, reasons = decide("name_args", None, None, gate)
    assert not ok and reasons == ["no test example to measure name_args on"]


@pytest.fixture
def registry(tmp_path: Path) -> str:
    """Three registered versions of the task's model, as training leaves them."""
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text("{}")
    for _ in range(3):
        tracking.start_run(uri, TASK, {}, {"dataset_version": "v1"})
        tracking.finish_run(TASK, {}, [], adapter)
    return uri


def test_promotion_keeps_the_replaced_champion_for_rollback(registry: str):
    assert promote.alias(registry, TASK) is None
    assert promote.promote(registry, TASK, "1", ["first"]) is None
    assert promote.promote(registry, TASK, "2", ["better"]) == "1"
    assert (promote.alias(registry, TASK), promote.alias(registry, TASK, "previous")) == ("2", "1")
    assert promote.promote(registry, TASK, "2", ["again"]) is None  # already the champion: nothing moves
    assert promote.alias(registry, TASK, "previous") == "1"
    tags = MlflowClient(tracking_uri=registry, registry_uri=registry).get_model_version(f"flywheel-{TASK}", "2").tags
    assert tags["promotion"] == "better"


def test_rollback_gives_the_alias_back_and_marks_the_demoted_version(registry: str):
    promote.promote(registry, TASK, "1", ["first"])
    promote.promote(registry, TASK, "3", ["newer"])
    assert promote.rollback(registry, TASK) == ("3", "1")
    assert (promote.alias(registry, TASK), promote.alias(registry, TASK, "previous")) == ("1", None)
    client = MlflowClient(tracking_uri=registry, registry_uri=registry)
    assert client.get_model_version(f"flywheel-{TASK}", "3").tags["rolled_back"] == "true"
    with pytest.raises(ValueError, match="no previous champion to roll back to"):
        promote.rollback(registry, TASK)
    mlflow.set_tracking_uri(registry)
    assert promote.training_run(registry, TASK, "1") == client.get_model_version(f"flywheel-{TASK}", "1").run_id


def test_a_task_judged_on_text_must_still_make_its_tool_calls_right():
    gate = Gate()
    scores = {"rouge_l": 1.0, "name_args": 0.0}  # the demo's order task: text replies exact, both calls wrong
    assert judge_other_kind("rouge_l", scores, {"rouge_l": 13, "name_args": 2}, gate) == (
        False,
        "its 2 tool calls do not pass (name_args 0.000 is below the threshold 0.900)",
    )
    assert judge_other_kind("rouge_l", {**scores, "name_args": 1.0}, {"rouge_l": 13, "name_args": 2}, gate) == (
        True,
        "its 2 tool calls pass too (name_args 1.000, threshold 0.900)",
    )
    assert judge_other_kind("rouge_l", scores, {"rouge_l": 13, "name_args": 1}, gate) == (True, None)  # too few
    assert (
        judge_other_kind("name_args", {"name_args": 1.0, "rouge_l": 0.2}, {"name_args": 10, "rouge_l": 6}, gate)[0]
        is False
    )  # a tool task's text replies after the tool result count too
    assert judge_other_kind("name_args", {"name_args": 1.0, "rouge_l": float("nan")}, {"name_args": 10}, gate) == (
        True,
        None,
    )
