"""`scrubbed_traces` and `residual_pii` on a real Dagster instance, downstream of `raw_logs`."""

import dagster as dg
import pytest

from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import POLICY, scrubbed_traces
from flywheel.defs.scrub.checks import residual_pii
from flywheel.scrub.engine import Scrubber, TraceResult


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
        assert "PERSON" in mat.metadata["replaced_per_entity"].value
        values = set(sample.pii["value"])
        for run in instance.get_runs():
            text = "\n".join(dg.serialize_value(e) for e in instance.all_logs(run.run_id))
            assert not [v for v in values if v in text]


def test_code_version_is_the_policy_version():
    assert scrubbed_traces.code_versions_by_key[dg.AssetKey("scrubbed_traces")] == POLICY.version


def test_residual_check_fails_when_a_scrubber_lets_data_through(sample, tmp_path, monkeypatch: pytest.MonkeyPatch):
    def passes_everything_through(self, messages, response):
        return TraceResult(messages, response)

    monkeypatch.setattr(Scrubber, "scrub_trace", passes_everything_through)
    with dg.instance_for_test() as instance:
        result = _run(sample, tmp_path, instance)
    [check] = result.get_asset_check_evaluations()
    assert not check.passed
    assert check.metadata["found_EMAIL_ADDRESS"].value > 0
    assert check.metadata["calls_affected"].value > 0


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
