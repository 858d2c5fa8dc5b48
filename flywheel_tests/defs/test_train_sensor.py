"""`task_grew` with Dagster's sensor test context over a lake whose clustering is laid out by hand:
a ready task without an adapter is trained, a grown one retrained, a retired one never."""

import json
from datetime import date
from pathlib import Path

import dagster as dg
import polars as pl

from flywheel.cluster.pipeline import ASSIGNED, CLUSTERS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.resources import LakeResource
from flywheel.defs.train.sensors import task_grew
from flywheel.lake import Lake
from flywheel.train.adapters import record


def clustering(lake: Lake, traces: dict[str, int], retired: tuple[str, ...] = ()) -> None:
    """A live clustering `v0001` whose tasks hold `traces` traces each."""
    rows = [(f"{task}-r{i}", date(2026, 11, 1), task, 1.0, "fit") for task, n in traces.items() for i in range(n)]
    folder = lake.root / CLUSTERS / "v0001"
    folder.mkdir(parents=True, exist_ok=True)
    pl.DataFrame(rows, schema=ASSIGNED, orient="row").write_parquet(folder / "assignments.parquet")
    (folder / "fit.json").write_text(json.dumps({"version": "v0001", "days": ["2026-11-01"], "task_ids": list(traces)}))
    lake.write_json(f"{CLUSTERS}/current.json", {"version": "v0001"})
    status = {t: "active" for t in traces} | {t: "retired" for t in retired}
    lake.write_json(f"{CLUSTERS}/registry.json", {"next_number": 9, "status": status})


def adapter(lake: Lake, task: str, traces: int) -> None:
    card = lake.root / "task_datasets" / task / "v1" / "card.json"
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(json.dumps({"traces": traces}))
    record(lake, task, {"adapter": "x", "dataset_version": "v1", "examples": traces})


def tick(lake: Lake, instance, cursor: str | None = None) -> dg.SensorResult:
    resources = {"lake": LakeResource(root=str(lake.root))}
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources=resources)
    return task_grew(context)


def test_ready_and_grown_tasks_are_trained_once_each(tmp_path: Path):
    lake = Lake(tmp_path)
    clustering(lake, {"task-001": 80, "task-002": 30, "task-003": 130, "task-004": 110}, retired=("task-005",))
    adapter(lake, "task-003", 100)  # grew 30%: retrain
    adapter(lake, "task-004", 100)  # grew 10%: not yet
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(task_cluster.name, ["task-001", "task-002", "task-003", "task-004", "task-005"])
        first = tick(lake, instance)
        assert sorted(r.partition_key for r in first.run_requests) == ["task-001", "task-003"]
        assert {r.job_name for r in first.run_requests} == {"fine_tune"}
        again = tick(lake, instance, first.cursor)  # same state: nothing new
        assert not again.run_requests
        reason = again.skip_reason.skip_message
        assert "task-002: no adapter yet; 30 traces, 20 more to reach 50" in reason
        assert "task-004: adapter trained on 100 traces; 110 traces, 11 more to reach 121" in reason
        assert "task-005: retired: not retrained" in reason
        assert "task-001: no adapter yet; 80 traces, already requested at 80" in reason
        clustering(lake, {"task-001": 80, "task-002": 60, "task-003": 130, "task-004": 125}, retired=("task-005",))
        later = tick(lake, instance, again.cursor)
        assert sorted(r.partition_key for r in later.run_requests) == ["task-002", "task-004"]


def test_without_tasks_the_sensor_says_to_cluster_first(tmp_path: Path):
    with dg.instance_for_test() as instance:
        result = tick(Lake(tmp_path), instance)
    assert result.skip_reason.skip_message == "no tasks yet: cluster the traffic first"
