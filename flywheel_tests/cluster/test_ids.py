import numpy as np

from flywheel.cluster.ids import NOISE, Registry, match


def _prev(sizes: dict[str, int]) -> tuple[dict[str, str], list[str]]:
    prev, rids = {}, []
    for key, n in sizes.items():
        for i in range(n):
            prev[f"{key}-{i}"] = key
            rids.append(f"{key}-{i}")
    return prev, rids


def test_ids_follow_their_traces_and_new_tasks_get_new_ids():
    registry = Registry(next_number=3, status={"task-001": "active", "task-002": "active"})
    prev, rids = _prev({"task-001": 50, "task-002": 30})
    # the new clustering numbers the tasks the other way round, and finds a third task in new traffic
    labels = [1] * 50 + [0] * 30 + [2] * 20
    m = match(prev, rids + [f"new-{i}" for i in range(20)], np.array(labels), 3, registry)
    assert m.ids == ["task-002", "task-001", "task-003"]
    assert registry.status == {"task-001": "active", "task-002": "active", "task-003": "active"}
    assert [e["event"] for e in m.events].count("kept") == 2


def test_vanished_task_is_retired_and_its_id_never_reused():
    registry = Registry(next_number=3, status={"task-001": "active", "task-002": "active"})
    prev, rids = _prev({"task-001": 50, "task-002": 30})
    labels = np.array([0] * 50 + [-1] * 30)  # task-002's traffic is now noise
    m = match(prev, rids, labels, 1, registry)
    assert m.ids == ["task-001"] and registry.status["task-002"] == "retired"
    m2 = match({**prev, **{r: NOISE for r in rids[50:]}}, rids, np.array([0] * 50 + [1] * 30), 2, registry)
    assert m2.ids == ["task-001", "task-003"]  # the same traffic back again gets a fresh id


def test_splits_and_merges_are_recorded():
    registry = Registry(next_number=3, status={"task-001": "active", "task-002": "active"})
    prev, rids = _prev({"task-001": 60, "task-002": 40})
    split = match(prev, rids, np.array([0] * 35 + [1] * 25 + [2] * 40), 3, registry)
    assert {"event": "split", "cluster_id": "task-001", "detail": "into task-001, task-003"} in split.events
    registry = Registry(next_number=3, status={"task-001": "active", "task-002": "active"})
    merged = match(prev, rids, np.zeros(100, dtype=int), 1, registry)
    assert merged.ids == ["task-001"]
    assert {"event": "merge", "cluster_id": "task-001", "detail": "of task-001, task-002"} in merged.events
    assert registry.status["task-002"] == "retired"


def test_an_id_whose_traces_left_the_lake_is_retired():
    registry = Registry(next_number=3, status={"task-001": "active", "task-002": "active"})
    prev, rids = _prev({"task-001": 50})  # task-002's days were deleted
    m = match(prev, rids, np.zeros(50, dtype=int), 1, registry)
    assert m.ids == ["task-001"] and registry.status["task-002"] == "retired"
    assert {"event": "retired", "cluster_id": "task-002", "detail": "none of its traces are left"} in m.events
