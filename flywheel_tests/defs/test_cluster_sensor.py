"""`enough_new_usage` does not stack a second re-clustering on one that is running."""

import dagster as dg
import polars as pl
from dagster._core.storage.dagster_run import DagsterRun

from flywheel.defs.cluster.sensors import enough_new_usage
from flywheel.defs.resources import LakeResource
from flywheel.lake import Lake
from flywheel.scrub.pipeline import SCRUBBED


def test_skips_while_a_reclustering_runs(tmp_path):
    Lake(tmp_path).write_partition(SCRUBBED, "2026-11-01", {"t": pl.DataFrame({"x": [1]})}, {"traces": 800})
    resources = {"lake": LakeResource(root=str(tmp_path))}
    with dg.instance_for_test() as instance:
        idle = enough_new_usage(dg.build_sensor_context(instance=instance, resources=resources))
        assert [r.run_key for r in idle.run_requests] == ["first-800"]
        instance.add_run(DagsterRun(job_name="recluster", run_id="a1b2c3d4e5", status=dg.DagsterRunStatus.STARTED))
        busy = enough_new_usage(dg.build_sensor_context(instance=instance, resources=resources))
        assert not busy.run_requests
        assert busy.skip_reason.skip_message == "A re-clustering is running (a1b2c3d4)."
