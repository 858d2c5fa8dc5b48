"""The canary audit: unique personal values planted in every field a gateway logs (and in a landing
file's name), the steps from collection to every task's dataset run through Dagster, and every
artifact past the scrub zone searched for them: the lake outside raw logs and quarantine (scrubbed
traces, embeddings and their cache, clusters, assignments, datasets and their cards, the landing
index) and the Dagster instance's storage. The same audit runs through the daemon on PostgreSQL in
flywheel_tests/deploy/test_service.py. The training and evaluation steps are not in it yet."""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.datasets.assets import task_datasets
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.lake import Lake
from flywheel.sample.generator import generate
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.policy import load_policy
from flywheel_tests.privacy.canaries import CANARIES, DAY, UNSCRUBBED, canary, canary_records, files, hits


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("canary")
    generate(root / "landing", root / "truth", records=700, days=1, seed=5)
    # a landing file named after a person too (file names never leave the scrub zone)
    named = root / "landing" / f"export-{canary(17)}.jsonl"
    named.write_text("".join(json.dumps(r) + "\n" for r in canary_records()))
    resources = {"lake": LakeResource(root=str(root / "lake")),
                 "landing": LandingResource(folder=str(root / "landing"))}  # fmt: skip
    (root / "dagster").mkdir()
    (root / "dagster" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    with dg.instance_for_test(temp_dir=str(root / "dagster")) as instance:
        daily = [collect_logs, scrubbed_traces, trace_embeddings]
        assert dg.materialize(daily, partition_key=DAY, instance=instance, resources=resources).success
        assert dg.materialize([task_clusters], instance=instance, resources=resources,
                              run_config={"ops": {"task_clusters": {"config": {"min_cluster_share": 0.02}}}}).success
        assert dg.materialize([task_assignments], partition_key=DAY, instance=instance, resources=resources).success
        for task in instance.get_dynamic_partitions(task_cluster.name):  # every task's dataset, ready or not
            dg.materialize([task_datasets], partition_key=task, instance=instance, resources=resources,
                           raise_on_error=False)  # fmt: skip
    return root / "lake", root / "dagster"


def test_the_canaries_reach_the_scrub_zone(audited):
    lake, _ = audited
    raw = hits(lake / "raw_logs")
    assert {c for found in raw.values() for c in found} >= set(CANARIES[:16])  # (the audit could find them)


def test_the_canary_calls_reach_the_datasets(audited):
    """(the datasets' part of the audit is not empty: the canary calls' scrubbed forms are examples)"""
    lake, _ = audited
    policy = load_policy()
    ids = Pseudonyms(lake_salt(Lake(lake), policy.salt_env), policy.identifiers)
    theirs = {ids("request_id", r["request_id"]) for r in canary_records()}
    rows = [pl.read_parquet(p) for p in (lake / "task_datasets").glob("*/*/*.parquet")]
    assert rows and theirs & set(pl.concat(rows)["request_id"])


def test_no_canary_past_the_scrub_zone(audited):
    lake, dagster = audited
    assert len(files(lake)) > 15
    assert hits(lake, skip=UNSCRUBBED) == {}  # scrubbed traces, embeddings and their cache, clusters, index
    assert any(p.suffix == ".db" for p in files(dagster))  # (SQLite storage, as dagster.yaml's default)
    assert hits(dagster) == {}  # the instance's event log, run storage and compute logs
