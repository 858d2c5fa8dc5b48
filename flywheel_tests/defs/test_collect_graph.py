"""Materialise `raw_logs` and `quarantine` on a real (ephemeral) Dagster instance."""

from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.collect.checks import every_line_accounted_for
from flywheel.defs.recovery import WORKER_TAG
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.ingest.collect import Collector
from flywheel.lake import Lake
from flywheel.workers import state
from flywheel_tests.defs.tables import rows


def _resources(sample, lake_root: Path) -> dict:
    return {"lake": LakeResource(root=str(lake_root)), "landing": LandingResource(folder=str(sample.landing))}


@pytest.fixture(scope="module")
def collected(sample, tmp_path_factory):
    """Every sample day materialised in order on one instance; yields (instance, lake, results)."""
    lake_root = tmp_path_factory.mktemp("lake")
    with dg.instance_for_test() as instance:
        results = {
            day: dg.materialize(
                [collect_logs, every_line_accounted_for],
                partition_key=day,
                instance=instance,
                resources=_resources(sample, lake_root),
            )
            for day in sample.days
        }
        yield instance, Lake(lake_root), results


def test_counts_match_the_ground_truth(sample, collected):
    instance, _, results = collected
    truth = sample.lines
    for day, result in results.items():
        assert result.success
        want = dict(truth.filter(pl.col("day").cast(pl.String) == day).group_by("outcome").len().iter_rows())
        events = [e.materialization for e in result.get_asset_materialization_events()]
        mats = {m.asset_key.path[-1]: m.metadata for m in events}
        raw, quarantine = mats["raw_logs"], mats["quarantine"]
        assert raw["accepted"].value == want["accepted"]
        assert raw["duplicates"].value == want["duplicate"]
        assert raw["quarantined"].value == want["quarantined"] == quarantine["dagster/row_count"].value
        assert raw["lines_read"].value == sum(want.values())
        [check] = result.get_asset_check_evaluations()
        assert check.passed
        assert check.metadata["missing"].value == 0


def test_partitions_are_recorded_in_the_instance(sample, collected):
    instance, _, results = collected
    assert instance.get_materialized_partitions(dg.AssetKey("raw_logs")) == set(sample.days)
    assert instance.get_materialized_partitions(dg.AssetKey("quarantine")) == set(sample.days)
    # each run says which process holds the ingest slot, so a killed one can be found (test_recovery)
    for result in results.values():
        assert state(instance.get_run_by_id(result.run_id).tags[WORKER_TAG]) == "alive"  # this test's process


def test_metadata_a_data_team_wants(collected):
    _, _, results = collected
    meta = next(iter(results.values())).get_asset_materialization_events()[0].materialization.metadata
    for key in ("per_workload", "clients", "largest_client_share", "prompt_tokens", "completion_tokens", "preview",
                "path", "source_files"):
        assert key in meta, key
    assert "support-agent" in {r["workload_id"] for r in rows(meta["per_workload"])}
    assert meta["prompt_tokens"].value > 0 and meta["clients"].value >= 1
    assert not {"request_id", "client_id"} & set(rows(meta["preview"])[0])  # ids stay in the lake


def test_no_personal_data_in_dagster_events_or_logs(sample, collected):
    instance, _, _ = collected
    values = set(sample.pii["value"])
    runs = instance.get_runs()
    assert len(runs) == len(sample.days)
    for run in runs:
        entries = instance.all_logs(run.run_id)
        assert any(e.dagster_event and e.dagster_event.is_step_materialization for e in entries)
        text = "\n".join(dg.serialize_value(e) for e in entries)
        leaked = [v for v in values if v in text]
        assert not leaked, f"{len(leaked)} planted personal values in the events of run {run.run_id}"


def test_check_fails_when_a_line_goes_missing(sample, tmp_path, monkeypatch):
    """A collector bug that silently drops one line: the check's separate count of the landing files catches it."""
    real = Collector._add_line

    def drops_line_5(self, batch, file, line_no, line):
        if line_no != 5:
            real(self, batch, file, line_no, line)

    monkeypatch.setattr(Collector, "_add_line", drops_line_5)
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [collect_logs, every_line_accounted_for],
            partition_key=sample.days[1],
            instance=instance,
            resources=_resources(sample, tmp_path / "lake"),
            raise_on_error=False,
        )
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert check.metadata["missing"].value == 1
