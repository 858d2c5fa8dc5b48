"""The canary audit: unique personal values planted in every field a gateway logs (and in a landing
file's name), the steps from collection to every task's dataset run through Dagster, and every
artifact past the scrub zone searched for them: the lake outside raw logs and quarantine (scrubbed
traces, embeddings and their cache, clusters, assignments, datasets and their cards, the landing
index), the task the canary calls fell into trained on them and evaluated (the tiny model, through
Pipes: its adapter folder, training files, evaluation report and the MLflow store with its runs,
params and artifacts), and the Dagster instance's storage. The collection-to-scrub part runs
through the daemon on PostgreSQL too, in flywheel_tests/deploy/test_service.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.datasets.assets import task_datasets
from flywheel.defs.evaluate.assets import eval_reports
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.defs.select.assets import slm_selection
from flywheel.defs.train.assets import lora_adapters
from flywheel.sample.generator import generate
from flywheel_tests.defs.test_train_graph import run_config as training_config
from flywheel_tests.privacy.canaries import (
    CANARIES,
    DAY,
    UNSCRUBBED,
    canary,
    canary_records,
    canary_request_ids,
    files,
    hits,
)


def _canary_task(lake: Path) -> str | None:
    """The task whose dataset holds the most canary calls."""
    theirs = canary_request_ids(lake)
    counts: Counter = Counter()
    for split in (lake / "task_datasets").glob("*/*/*.parquet"):  # task / version / split
        counts[split.parent.parent.name] += len(theirs & set(pl.read_parquet(split)["request_id"]))
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else None


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
        task = _canary_task(root / "lake")
        assert task is not None
        # that task, ready whatever its size, selected and trained on the tiny model, tracked in MLflow
        ready = {"ops": {"task_datasets": {"config": {"min_examples": 1}}}}
        assert dg.materialize([task_datasets], partition_key=task, instance=instance, resources=resources,
                              run_config=ready).success  # fmt: skip
        (root / "training").mkdir()
        training = training_config(root / "training")
        uri = training["ops"]["lora_adapters"]["config"]["mlflow_uri"]
        training["ops"]["eval_reports"] = {"config": {"max_new_tokens": 32, "shots": 1, "mlflow_uri": uri}}
        assert dg.materialize([slm_selection, lora_adapters, eval_reports], partition_key=task, instance=instance,
                              resources={**resources, "pipes_client": dg.PipesSubprocessClient()},
                              run_config=training).success  # fmt: skip
    return root / "lake", root / "dagster"


def test_the_canaries_reach_the_scrub_zone(audited):
    lake, _ = audited
    raw = hits(lake / "raw_logs")
    assert {c for found in raw.values() for c in found} >= set(CANARIES[:16])  # (the audit could find them)


def test_the_canary_calls_reach_the_datasets(audited):
    """(the datasets' part of the audit is not empty: the canary calls' scrubbed forms are examples)"""
    lake, _ = audited
    theirs = canary_request_ids(lake)
    rows = [pl.read_parquet(p) for p in (lake / "task_datasets").glob("*/*/*.parquet")]
    assert rows and theirs & set(pl.concat(rows)["request_id"])


def test_no_canary_past_the_scrub_zone(audited):
    lake, dagster = audited
    assert len(files(lake)) > 15
    assert hits(lake, skip=UNSCRUBBED) == {}  # scrubbed traces, embeddings and their cache, clusters, index
    # the trained adapter (weights, tokenizer, training files), its evaluation report and the MLflow
    # store with its runs, params and artifacts
    adapters, mlflow = files(lake / "lora_adapters"), files(lake.parent / "training")
    assert any(p.suffix == ".safetensors" for p in adapters) and any(p.name == "mlflow.db" for p in mlflow)
    assert any(p.name == "scores.png" for p in mlflow) and files(lake / "eval_reports")
    assert hits(lake / "lora_adapters") == {} and hits(lake / "eval_reports") == {}
    assert hits(lake.parent / "training") == {}
    assert any(p.suffix == ".db" for p in files(dagster))  # (SQLite storage, as dagster.yaml's default)
    assert hits(dagster) == {}  # the instance's event log, run storage and compute logs
