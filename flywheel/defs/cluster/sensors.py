"""`enough_new_usage`: re-cluster when the scrubbed traffic has grown enough, or drifted into noise."""

import json

import dagster as dg

from flywheel import settings
from flywheel.cluster.trigger import Thresholds, decide
from flywheel.defs.jobs import recluster_job
from flywheel.defs.resources import LakeResource

IN_FLIGHT = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
             dg.DagsterRunStatus.STARTED]  # fmt: skip


@dg.sensor(job=recluster_job, minimum_interval_seconds=300)
def enough_new_usage(context: dg.SensorEvaluationContext, lake: LakeResource):
    """Counts the scrubbed traces since the live clustering (thresholds: FLYWHEEL_RECLUSTER_GROWTH,
    FLYWHEEL_RECLUSTER_NOISE, FLYWHEEL_FIRST_CLUSTERING). The cursor keeps the last count; the run
    key names the clustering and the count, so one state requests one run, and a failed run is
    retried once more traffic has come in."""
    growth, noise, first = settings.recluster_thresholds()
    decision = decide(lake.lake(), Thresholds(growth=growth, noise=noise, first=first))
    cursor = json.dumps(decision.state, sort_keys=True)
    if not decision.run:
        return dg.SensorResult(skip_reason=dg.SkipReason(decision.reason), cursor=cursor)
    running = context.instance.get_runs(dg.RunsFilter(job_name=recluster_job.name, statuses=IN_FLIGHT), limit=1)
    if running:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"A re-clustering is running ({running[0].run_id[:8]})."),
                               cursor=cursor)  # fmt: skip
    context.log.info(decision.reason)
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=decision.key, tags={"flywheel/reason": decision.reason[:200]})],
        cursor=cursor,
    )
