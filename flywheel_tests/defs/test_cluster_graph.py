"""S3 end to end on a real Dagster instance: three days of traffic are clustered, a fourth day of
the same tasks plus one new task comes in, the sensor asks for a re-clustering, and ids hold."""

from dataclasses import dataclass, field
from datetime import date

import dagster as dg
import polars as pl
import pytest
from sklearn.metrics import adjusted_rand_score

from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import ASSIGNMENTS, CLUSTERS, current, members
from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.cluster.checks import task_ids_stable, tasks_cover_the_traffic
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.cluster.sensors import enough_new_usage
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.lake import Lake
from flywheel.sample.generator import generate
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.policy import load_policy
from flywheel_tests.defs.tables import rows

DAYS = [date(2026, 11, d).isoformat() for d in (1, 2, 3, 4)]
LATE_TASK = "flight_search"  # the agent learns it on the last day


@dataclass
class World:
    lake: Lake
    truth: pl.DataFrame
    sensor: list = field(default_factory=list)  # each evaluation's SensorResult
    clusterings: list = field(default_factory=list)  # each task_clusters run
    partitions: list = field(default_factory=list)  # task_cluster keys after each clustering
    members: list = field(default_factory=list)  # members() after each clustering
    assigned_day4: pl.DataFrame | None = None


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("cluster")
    generate(root / "landing", root / "truth", records=2800, days=4, seed=11, start=date(2026, 11, 1),
             task_from={LATE_TASK: 3})  # fmt: skip
    resources = {"lake": LakeResource(root=str(root / "lake")),
                 "landing": LandingResource(folder=str(root / "landing"))}  # fmt: skip
    truth = pl.read_parquet(root / "truth" / "lines.parquet").filter(pl.col("outcome") == "accepted")
    w = World(Lake(root / "lake"), truth.select("request_id", "task", "day").drop_nulls("request_id"))
    daily = [collect_logs, scrubbed_traces, trace_embeddings, task_assignments]
    with dg.instance_for_test() as instance:

        def tick():
            w.sensor.append(enough_new_usage(dg.build_sensor_context(instance=instance, resources=resources)))

        def cluster():
            result = dg.materialize([task_clusters, tasks_cover_the_traffic, task_ids_stable], instance=instance,
                                    resources=resources)  # fmt: skip
            w.clusterings.append(result)
            w.partitions.append(set(instance.get_dynamic_partitions(task_cluster.name)))
            w.members.append(members(w.lake))

        for day in DAYS[:3]:
            assert dg.materialize(daily, partition_key=day, instance=instance, resources=resources).success
        tick()
        cluster()
        assert dg.materialize(daily, partition_key=DAYS[3], instance=instance, resources=resources).success
        w.assigned_day4 = w.lake.read(ASSIGNMENTS, DAYS[3], "assignments")
        tick()
        cluster()
        tick()  # the days are re-assigned under the new clustering
        for request in w.sensor[-1].run_requests:
            assert dg.materialize([task_assignments], partition_key=request.partition_key, instance=instance,
                                  resources=resources).success  # fmt: skip
        tick()
    ids = Pseudonyms(lake_salt(w.lake), load_policy().identifiers)  # scrubbed_traces holds pseudonymised ids
    w.truth = w.truth.with_columns(pl.col("request_id").map_elements(lambda r: ids("request_id", r), pl.String))
    return w


def _scored(w: World, frame: pl.DataFrame) -> pl.DataFrame:
    return frame.join(w.truth.select("request_id", "task"), on="request_id")


def test_first_clustering_finds_the_true_tasks(world):
    first = world.sensor[0]
    assert len(first.run_requests) == 1 and "no clustering yet" in first.run_requests[0].tags["flywheel/reason"]
    assert first.run_requests[0].job_name == "recluster"
    assert world.clusterings[0].success
    scored = _scored(world, world.members[0])
    assert scored.height > 1800
    placed = (scored["cluster_id"] != NOISE).mean()
    ari = adjusted_rand_score(scored["task"].to_list(), scored["cluster_id"].to_list())
    assert ari >= 0.9, f"ARI {ari:.3f}"
    assert placed >= 0.95, f"only {placed:.1%} of traces in a task"
    assert LATE_TASK not in set(scored["task"])


def test_clustering_metadata_and_checks_show_the_tasks(world):
    result = world.clusterings[0]
    mat = result.asset_materializations_for_node(CLUSTERS)[0]
    md = mat.metadata
    assert md["scatter"].value.startswith("![tasks, UMAP 2-D](data:image/png;base64,iVBOR")
    assert md["tasks"].value == len(world.partitions[0]) >= 8 and "kept_id_share" not in md
    tasks = rows(md["clusters"])
    assert any("get_order_status" in r["dominant_tools"] for r in tasks)
    assert "task-001" in {r["cluster_id"] for r in tasks}
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert checks["tasks_cover_the_traffic"].passed and checks["task_ids_stable"].passed


def test_day_after_the_clustering_is_assigned_without_a_refit(world):
    day4 = world.assigned_day4
    assert set(day4["source"]) == {"predicted"}
    assert current_version_of(world, 0) == "v0001"
    # a known task's trace is predicted into its task, or left to the LLM as noise; never another task
    known = _scored(world, day4).filter(pl.col("task") != LATE_TASK)
    # a task's ids: the clusters it holds the majority of (weather's clarifying questions are their own)
    owner = _scored(world, world.members[0]).group_by("cluster_id").agg(pl.col("task").mode().first())
    owned = set(owner.iter_rows())
    noise = (known["cluster_id"] == NOISE).mean()
    wrong = sum(c != NOISE and (c, t) not in owned for c, t in known.select("cluster_id", "task").iter_rows())
    wrong /= known.height
    assert wrong <= 0.01, f"{wrong:.1%} of known-task traces predicted into another task"
    assert noise <= 0.15, f"{noise:.1%} of known-task traces predicted as noise"


def current_version_of(world: World, i: int) -> str:
    return world.clusterings[i].asset_materializations_for_node(CLUSTERS)[0].metadata["version"].value


def test_sensor_reclusters_after_a_new_day_and_ids_hold(world):
    second = world.sensor[1]
    assert len(second.run_requests) == 1
    assert "new scrubbed traces since clustering v0001" in second.run_requests[0].tags["flywheel/reason"]
    assert current(world.lake)["version"] == "v0002"
    before, after = world.members[0], world.members[1]
    both = before.join(after.select("request_id", new="cluster_id"), on="request_id")
    kept = (both["cluster_id"] == both["new"]).mean()
    assert kept >= 0.95, f"only {kept:.1%} of earlier traces kept their id"
    md = world.clusterings[1].asset_materializations_for_node(CLUSTERS)[0].metadata
    assert md["kept_id_share"].value >= 0.95


def test_a_new_task_gets_a_new_id_and_no_earlier_task_is_renamed(world):
    before, after = _scored(world, world.members[0]), _scored(world, world.members[1])
    old_ids = set(before["cluster_id"]) - {NOISE}
    late = after.filter(pl.col("task") == LATE_TASK)["cluster_id"]
    main_id = late.mode().first()
    assert (late == main_id).mean() >= 0.9
    assert main_id not in old_ids and main_id != NOISE
    assert world.partitions[1] == world.partitions[0] | {main_id}  # added, none dropped
    named = {cid: before.filter(pl.col("cluster_id") == cid)["task"].mode().first() for cid in old_ids}
    for cid in old_ids:  # each earlier id still names the same true task, unless it was merged away
        now = after.filter(pl.col("cluster_id") == cid)["task"].mode().first()
        assert now in (named[cid], None)
        # its traces keep an id that named the same task before: its own, or (two phrasings of one task
        # found apart, then together, as UMAP may do on another CPU) its sibling's; never a new one
        held = before.filter(pl.col("cluster_id") == cid)["request_id"]
        moved = after.filter(pl.col("request_id").is_in(held.implode()))["cluster_id"]
        assert moved.is_in([c for c, t in named.items() if t == named[cid]]).mean() >= 0.9


def test_sensor_reassigns_every_day_after_a_reclustering(world):
    requests = world.sensor[2].run_requests
    assert [(r.job_name, r.partition_key) for r in requests] == [("assign", d) for d in DAYS]
    assert {world.lake.manifest(ASSIGNMENTS, d)["version"] for d in DAYS} == {"v0002"}


def test_sensor_skips_and_says_how_far_it_is(world):
    last = world.sensor[3]
    assert not last.run_requests
    reason = last.skip_reason.skip_message
    assert "0 new scrubbed traces since clustering v0002" in reason and "more)" in reason
