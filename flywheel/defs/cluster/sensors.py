"""`enough_new_usage`: re-cluster when the scrubbed traffic has grown enough, or drifted into noise;
after a re-clustering, re-assign every day under it."""

import json

import dagster as dg

from flywheel import settings
from flywheel.cluster.trigger import Thresholds, decide, stale_assignments
from flywheel.defs.jobs import assign_job, recluster_job
from flywheel.defs.resources import LakeResource

IN_FLIGHT = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
             dg.DagsterRunStatus.STARTED]  # fmt: skip


@dg.sensor(jobs=[recluster_job, assign_job], minimum_interval_seconds=300)
def enough_new_usage(context: dg.SensorEvaluationContext, lake: LakeResource):
    """Counts the scrubbed traces since the live clustering (thresholds: FLYWHEEL_RECLUSTER_GROWTH,
    FLYWHEEL_RECLUSTER_NOISE, FLYWHEEL_FIRST_CLUSTERING) and requests a `recluster` run. The cursor
    keeps the last count; the run key names the clustering and the count, so one state requests
    one run, and a failed run is retried once more traffic has come in. Once a clustering is
    live, the days whose `task_assignments` predate it get an `assign` run each."""
    growth, noise, first = settings.recluster_thresholds()
    decision = decide(lake.lake(), Thresholds(growth=growth, noise=noise, first=first))
    cursor = json.dumps(decision.state, sort_keys=True)
    running = context.instance.get_runs(dg.RunsFilter(job_name=recluster_job.name, statuses=IN_FLIGHT), limit=1)
    if running:
        return dg.SensorResult(skip_reason=dg.SkipReason(f"A re-clustering is running ({running[0].run_id[:8]})."),
                               cursor=cursor)  # fmt: skip
    if decision.run:
        context.log.info(decision.reason)
        request = dg.RunRequest(job_name=recluster_job.name, run_key=decision.key,
                                tags={"flywheel/reason": decision.reason[:200]})  # fmt: skip
        return dg.SensorResult(run_requests=[request], cursor=cursor)
    version, days = stale_assignments(lake.lake())
    if days:
        requests = [dg.RunRequest(job_name=assign_job.name, partition_key=d, run_key=f"assign-{version}-{d}")
                    for d in days]  # fmt: skip
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    return dg.SensorResult(skip_reason=dg.SkipReason(decision.reason), cursor=cursor)
