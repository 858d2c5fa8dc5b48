"""`scrubbed_traces` and `residual_pii` on a real Dagster instance, downstream of `raw_logs`."""

from collections import Counter

import dagster as dg
import polars as pl
import pytest

from flywheel.cluster.pipeline import embed_day
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import POLICY, scrubbed_traces
from flywheel.defs.scrub.checks import residual_pii
from flywheel.lake import Lake
from flywheel.scrub import pipeline as scrub_pipeline
from flywheel.scrub.engine import Scrubber, TraceResult
from flywheel.scrub.pipeline import SCRUBBED, UnpublishedPartition, is_published, read_scrubbed
from flywheel.scrub.quality import STRUCTURED
from flywheel.scrub.verify import Verifier
from flywheel_tests.defs.tables import rows


def _run(sample, tmp_path, instance):
    resources = {
        "lake": LakeResource(root=str(tmp_path / "lake")),
        "landing": LandingResource(folder=str(sample.landing)),
    }
    return dg.materialize(
        [collect_logs, scrubbed_traces, residual_pii],
        partition_key=sample.days[0],
        instance=instance,
        resources=resources,
        raise_on_error=False,
    )


def test_scrubbed_partition_passes_the_residual_check_and_keeps_no_pii_in_events(sample, tmp_path):
    with dg.instance_for_test() as instance:
        result = _run(sample, tmp_path, instance)
        assert result.success
        [check] = result.get_asset_check_evaluations()
        assert check.passed and check.metadata["values_found"].value == 0
        mat = next(e.materialization for e in result.get_asset_materialization_events()
                   if e.materialization.asset_key.path == ["scrubbed_traces"])  # fmt: skip
        assert mat.metadata["policy_version"].value == POLICY.version
        assert mat.metadata["share_of_traces_touched"].value > 0.3
        assert "PERSON" in {r["entity"] for r in rows(mat.metadata["replaced_per_entity"])}
        values = set(sample.pii["value"])
        for run in instance.get_runs():
            text = "\n".join(dg.serialize_value(e) for e in instance.all_logs(run.run_id))
            assert not [v for v in values if v in text]


def test_code_version_is_the_policy_version():
    assert scrubbed_traces.code_versions_by_key[dg.AssetKey("scrubbed_traces")] == POLICY.version


def test_a_scrubber_that_lets_data_through_gets_its_calls_withheld_and_the_day_blocked(
    sample, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    """The second detector inside the scrub step withholds every call that still holds a value;
    past the policy's limit the day is not published and nothing downstream reads it."""

    def passes_everything_through(self, messages, response):
        return TraceResult(messages, response)

    monkeypatch.setattr(Scrubber, "scrub_trace", passes_everything_through)
    with dg.instance_for_test() as instance:
        result = _run(sample, tmp_path, instance)
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert check.metadata["withheld_EMAIL_ADDRESS"].value > 0  # withheld, by kind
    assert check.metadata["withheld_share"].value > POLICY.max_withheld_share
    lake = Lake(tmp_path / "lake")
    written = lake.read(SCRUBBED, sample.days[0], "traces")
    structured = set(sample.pii.filter(pl.col("entity").is_in(sorted(STRUCTURED)))["value"])
    assert not [v for v in structured if v in written.write_json()]
    with pytest.raises(UnpublishedPartition, match=sample.days[0]):
        read_scrubbed(lake, sample.days[0])


def test_a_leak_written_anyway_fails_the_check_and_blocks_the_day(sample, tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Should a leaking row be written (here: the in-step detector is switched off), the check
    finds it in the written partition, names kind and request id, and blocks the day downstream."""

    def passes_everything_through(self, messages, response):
        return TraceResult(messages, response)

    class Blind(Verifier):
        def check(self, rows, workers=1):
            return [Counter() for _ in rows]

    monkeypatch.setattr(Scrubber, "scrub_trace", passes_everything_through)
    monkeypatch.setattr(scrub_pipeline, "Verifier", Blind)  # the scrub step's; the check keeps its own
    with dg.instance_for_test() as instance:
        result = _run(sample, tmp_path, instance)
    lake = Lake(tmp_path / "lake")
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert check.metadata["found_EMAIL_ADDRESS"].value > 0
    assert check.metadata["calls_affected"].value > 0 and check.metadata["request_ids"].value
    assert not is_published(lake, sample.days[0])
    with pytest.raises(UnpublishedPartition):
        embed_day(lake, sample.days[0], cache=None)


def test_a_policy_change_lists_the_days_to_rescrub(sample, tmp_path, monkeypatch: pytest.MonkeyPatch):
    from flywheel.defs.scrub import checks

    check_def = checks.scrubbed_under_current_policy

    def run_check(instance):
        return dg.materialize(
            [scrubbed_traces, check_def],
            instance=instance,
            resources={"lake": LakeResource(root=str(tmp_path / "lake"))},
            selection=dg.AssetSelection.checks(check_def),
        ).get_asset_check_evaluations()[0]

    with dg.instance_for_test() as instance:
        assert _run(sample, tmp_path, instance).success
        assert run_check(instance).passed
        monkeypatch.setattr(checks, "POLICY", POLICY.model_copy(update={"version": "edited"}))
        check = run_check(instance)
    assert not check.passed
    assert check.metadata["first_days_to_rescrub"].value == sample.days[0]
