"""Day partitions (UTC) shared by the daily assets of every step."""

from datetime import UTC, date, datetime

import dagster as dg

from flywheel import settings

daily = dg.DailyPartitionsDefinition(start_date=settings.partitions_start(), timezone="UTC")


def span() -> tuple[date, date]:
    """The days a partition exists or will exist for: the first partition to today (UTC). A line
    dated outside is quarantined on its file's day."""
    return daily.start.date(), datetime.now(UTC).date()
