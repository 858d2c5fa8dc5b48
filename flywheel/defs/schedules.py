"""Each night, collect and scrub the day that just ended."""

import dagster as dg

from flywheel.defs.jobs import ingest_job

daily_ingest = dg.build_schedule_from_partitioned_job(
    ingest_job,
    name="daily_ingest",
    hour_of_day=0,
    minute_of_hour=30,
    description="At 00:30 UTC, collect and scrub the previous day.",
)
