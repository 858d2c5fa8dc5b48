"""Day partitions (UTC) shared by the daily assets of every step."""

import dagster as dg

from flywheel import settings

daily = dg.DailyPartitionsDefinition(start_date=settings.partitions_start(), timezone="UTC")
