"""Every input line of a day is accounted for: accepted + duplicates + quarantined + erased = lines read."""

from datetime import date

import dagster as dg
import polars as pl

from flywheel.defs.partitions import daily, span
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.ingest.landing_index import lines_accounted_to
from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS, refresh_index
from flywheel.ingest.sources import list_landing


@dg.asset_check(asset=RAW_LOGS, blocking=True, partitions_def=daily)
def every_line_accounted_for(
    context: dg.AssetCheckExecutionContext, lake: LakeResource, landing: LandingResource
) -> dg.AssetCheckResult:
    """Counts the rows written for the day (accepted, duplicates ledger, quarantine, and the lines of
    erased clients the day dropped) and compares them with the lines the landing folder holds for
    that day, counted by a separate scan of the files.
    Fails if any line is missing or counted twice, or if files changed since the partition was built."""
    day = context.partition_key
    store = lake.lake()
    written = {
        "accepted": store.read(RAW_LOGS, day, "records", columns=["request_id"]).height,
        "duplicates": store.read(RAW_LOGS, day, "duplicates", columns=["request_id"]).height,
        "quarantined": _quarantined_lines(store, day),
        # lines of clients erased on request: read and dropped, counted in the day's manifest
        "erased": int(((store.manifest(RAW_LOGS, day) or {}).get("counts") or {}).get("erased", 0)),
    }
    files = list_landing(landing.path)
    in_landing = lines_accounted_to(refresh_index(store, files), files, date.fromisoformat(day), span())
    total = sum(written.values())
    return dg.AssetCheckResult(
        passed=total == in_landing,
        metadata={**written, "accounted_for": total, "lines_in_landing": in_landing, "missing": in_landing - total},
        description=None if total == in_landing else f"{in_landing - total:+d} lines not accounted for on {day}",
    )


def _quarantined_lines(store, day: str) -> int:  # noqa: ANN001 (a Lake)
    """The lines the day's quarantine rows stand for (a row per line in partitions written
    before runs of empty lines became one row)."""
    rows = pl.scan_parquet(store.fetch(store.partition_dir(QUARANTINE, day)) / "lines.parquet")  # never the raw lines
    count = pl.col("lines").sum() if "lines" in rows.collect_schema() else pl.len()
    return int(rows.select(count).collect().item())
