"""`task_grew`: fine-tune a task once it is ready, and again when its traffic has grown enough."""

import json
import os

import dagster as dg

from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.resources import LakeResource
from flywheel.defs.train.jobs import fine_tune_job
from flywheel.train.trigger import decide


@dg.sensor(jobs=[fine_tune_job], minimum_interval_seconds=600)
def task_grew(context: dg.SensorEvaluationContext, lake: LakeResource):
    """For each task: no adapter and enough traces (FLYWHEEL_MIN_EXAMPLES, default 50), or traces
    grown by FLYWHEEL_RETRAIN_GROWTH (default 0.2) since its adapter's data: a `fine_tune` run
    (dataset, selection, adapter) for that task. Retired tasks are left alone. The cursor keeps the
    count at each task's last request, so one state requests one run."""
    tasks = sorted(context.instance.get_dynamic_partitions(task_cluster.name))
    last = json.loads(context.cursor) if context.cursor else {}
    growth = float(os.environ.get("FLYWHEEL_RETRAIN_GROWTH", 0.2))
    minimum = int(os.environ.get("FLYWHEEL_MIN_EXAMPLES", 50))
    decision = decide(lake.lake(), tasks, last, growth, minimum)
    requests = [
        dg.RunRequest(job_name=fine_tune_job.name, partition_key=t, run_key=f"fine-tune-{t}-{decision.counts[t]}",
                      tags={"flywheel/reason": decision.reasons[t][:200]})
        for t in decision.requests
    ]  # fmt: skip
    cursor = json.dumps({**last, **{t: decision.counts[t] for t in decision.requests}}, sort_keys=True)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    summary = "; ".join(f"{t}: {r}" for t, r in decision.reasons.items()) or "no tasks yet: cluster the traffic first"
    return dg.SensorResult(skip_reason=dg.SkipReason(summary[:2000]), cursor=cursor)
