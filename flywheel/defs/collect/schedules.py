"""Each night, collect the day that just ended."""

import dagster as dg

from flywheel.defs.collect.jobs import collect_job

daily_collect = dg.build_schedule_from_partitioned_job(
    collect_job,
    name="daily_collect",
    hour_of_day=0,
    minute_of_hour=30,
    description="At 00:30 UTC, materialise the previous day's `raw_logs` and `quarantine`.",
)
