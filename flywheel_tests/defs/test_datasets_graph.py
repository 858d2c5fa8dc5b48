"""S4 datasets on a real Dagster instance: two days clustered, every task's dataset built and
checked; a third day grows the tasks, and no trace changes split between the two versions.

The lake is on an object store (moto's S3 server on this machine) and every run starts with an
empty working copy, as a run pod of its own would: each step reads only what the store holds."""

from dataclasses import dataclass, field

import dagster as dg
import pytest

from flywheel.cluster.pipeline import current
from flywheel.datasets.build import SPLITS, current_dataset, read_split
from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.datasets.assets import task_datasets
from flywheel.defs.datasets.checks import enough_examples, no_test_example_trained_on
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.lake import Lake
from flywheel_tests.conftest import s3_endpoint
from flywheel_tests.defs.tables import rows

DAILY = [collect_logs, scrubbed_traces, trace_embeddings, task_assignments]
DATASET_ASSETS = [task_datasets, no_test_example_trained_on, enough_examples]


@dataclass
class World:
    lake: Lake
    tasks: list[str]
    first: dict = field(default_factory=dict)  # task -> (result, splits by request id)
    second: dict = field(default_factory=dict)
    unknown: dg.ExecuteInProcessResult | None = None


def _splits(lake: Lake, task: str) -> dict[str, str]:
    version = current_dataset(lake, task)["version"]
    return {rid: s for s in SPLITS for rid in read_split(lake, task, version, s)["request_id"]}


@pytest.fixture(scope="module")
def world(sample, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("datasets")
    url = "s3://flywheel-test/lake"
    resources = {"lake": LakeResource(root=url), "landing": LandingResource(folder=str(sample.landing))}
    with s3_endpoint(), pytest.MonkeyPatch.context() as patch, dg.instance_for_test() as instance:
        copies = iter(range(1000))

        def materialize(assets: list, **kwargs) -> dg.ExecuteInProcessResult:  # a run with an empty working copy
            patch.setenv("FLYWHEEL_LAKE_WORKING_COPY", str(root / f"copy-{next(copies)}"))
            return dg.materialize(assets, instance=instance, resources=resources, **kwargs)

        lake = Lake(url, root / "reader")
        for day in sample.days[:2]:
            assert materialize(DAILY, partition_key=day).success
        assert materialize([task_clusters]).success
        w = World(lake, sorted(instance.get_dynamic_partitions(task_cluster.name)))
        for task in w.tasks:
            result = materialize(DATASET_ASSETS, partition_key=task, raise_on_error=False)
            w.first[task] = (result, _splits(lake, task))
        assert materialize(DAILY, partition_key=sample.days[2]).success
        for task in w.tasks:
            result = materialize(DATASET_ASSETS, partition_key=task, raise_on_error=False)
            w.second[task] = (result, _splits(lake, task))
        instance.add_dynamic_partitions(task_cluster.name, ["task-999"])
        w.unknown = materialize([task_datasets], partition_key="task-999", raise_on_error=False)
        assert [str(d) for d in lake.days("scrubbed_traces")] == sample.days[:3]  # all in the store
        yield w  # the store stays up while the tests read it


def _metadata(result: dg.ExecuteInProcessResult) -> dict:
    return result.asset_materializations_for_node(task_datasets.op.name)[0].metadata


def test_every_task_gets_a_dataset_with_its_card(world: World):
    assert world.tasks == current(world.lake)["task_ids"]
    for task, (result, splits) in world.first.items():
        assert result.success, task
        meta = _metadata(result)
        examples = meta["dagster/row_count"].value
        assert examples == len(splits) == sum(meta[f"{s}_examples"].value for s in SPLITS)
        assert meta["traces"].value >= examples
        assert meta["ready"].value == (examples >= 50 and all(meta[f"{s}_examples"].value for s in SPLITS))
        assert "p50" in rows(meta["token_lengths"])[0] and "reason" in [c.name for c in meta["left_out"].schema.columns]
    assert any(_metadata(r)["ready"].value for r, _ in world.first.values())


def test_readiness_and_split_checks_say_what_they_found(world: World):
    for task, (result, _) in [*world.first.items(), *world.second.items()]:
        checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
        assert checks["no_test_example_trained_on"].passed, task
        assert checks["enough_examples"].passed == _metadata(result)["ready"].value
        assert checks["enough_examples"].severity == dg.AssetCheckSeverity.WARN


def test_a_grown_task_gets_a_new_version_and_no_trace_changes_split(world: World):
    grown = 0
    for task in world.tasks:
        (r1, before), (r2, after) = world.first[task], world.second[task]
        # new clean examples make a new version; new traces that cleaning drops (near duplicates of
        # the day before once scrubbed) leave the content, and so the version, as it was
        if set(after) - set(before):
            grown += 1
            assert _metadata(r2)["version"].value != _metadata(r1)["version"].value
        else:
            assert _metadata(r2)["version"].value == _metadata(r1)["version"].value
        assert all(after[rid] == s for rid, s in before.items() if rid in after), task
    assert grown >= len(world.tasks) // 2


def test_a_task_the_clustering_never_gave_fails_with_a_clear_reason(world: World):
    assert not world.unknown.success
    failure = world.unknown.get_step_failure_events()[0].step_failure_data.user_failure_data
    assert "task-999 is unknown to the clustering" in failure.description


def test_no_planted_value_reaches_the_metadata(world: World, sample):
    values = set(sample.pii["value"].to_list())
    for result, _ in [*world.first.values(), *world.second.values()]:
        text = " ".join(str(v.value) for v in _metadata(result).values())
        assert not [v for v in values if v in text]
