"""`raw_logs` and `quarantine`: one day of the gateway's logs, validated and deduplicated."""

from datetime import date

import dagster as dg
import polars as pl

from flywheel.defs.metadata import as_table, column_schema, counts, verified
from flywheel.defs.partitions import daily, span
from flywheel.defs.recovery import record_worker
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.ingest import schema
from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS, DayResult, ingest_days
from flywheel.ingest.sources import file_key
from flywheel.scrub.verify import Verifier

GROUP = "collect"


def _daily_table(key: str, table: pl.Schema, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        key,
        group_name=GROUP,
        kinds={"polars", "parquet"},
        partitions_def=daily,
        description=description,
        metadata={"dagster/column_schema": column_schema(table)},
    )


@dg.multi_asset(
    specs=[
        _daily_table(
            RAW_LOGS,
            schema.RAW_LOGS,
            "Every logged LLM call of the day (UTC), validated against the log contract, normalised to a fixed "
            "schema and deduplicated on request_id. Holds raw text: part of the scrub zone.",
        ),
        _daily_table(
            QUARANTINE,
            schema.QUARANTINE,
            "Every line of the day that broke the contract: source file, line number, the reason in words, and "
            "the raw line. Holds raw text: part of the scrub zone.",
        ),
    ],
    pool="ingest",
)
def collect_logs(context: dg.AssetExecutionContext, lake: LakeResource, landing: LandingResource):
    """Read the landing files that touch this day and write both partitions atomically."""
    record_worker(context)  # the step holds the `ingest` pool's slot: a killed run must give it back
    day = date.fromisoformat(context.partition_key)
    result, *rebuilt = ingest_days(lake.lake(), landing.path, {day}, span())
    for later in rebuilt:  # a later day built earlier kept a request that belongs to this one
        context.log.info(f"{later.day} rebuilt: a request it kept was logged first on {day}")
        for key, meta in ((RAW_LOGS, _raw_metadata(lake, later)), (QUARANTINE, _quarantine_metadata(lake, later))):
            context.log_event(dg.AssetMaterialization(key, partition=str(later.day), metadata=meta))
    c = result.counts
    context.log.info(
        f"{day}: {c['lines_read']} lines from {len(result.lines_per_file)} files -> {c['accepted']} accepted, "
        f"{c['duplicates']} duplicates, {c['quarantined']} quarantined"
    )
    yield dg.MaterializeResult(asset_key=RAW_LOGS, metadata=_raw_metadata(lake, result))
    yield dg.MaterializeResult(asset_key=QUARANTINE, metadata=_quarantine_metadata(lake, result))


def _raw_metadata(lake: LakeResource, r: DayResult) -> dict:
    """Counts and a preview without client or request ids (they stay in the lake, so an erasure
    never has to reach into Dagster's storage); every raw string shown passed the second detector."""
    raw, v = r.raw, Verifier()
    per_client = raw.group_by("client_id").len()["len"]
    tokens = raw.select(pl.col("prompt_tokens").sum(), pl.col("completion_tokens").sum()).row(0)
    return {
        "dagster/row_count": raw.height,
        **{k: dg.MetadataValue.int(v) for k, v in r.counts.items()},
        "prompt_tokens": dg.MetadataValue.int(int(tokens[0] or 0)),
        "completion_tokens": dg.MetadataValue.int(int(tokens[1] or 0)),
        "source_files": as_table(
            pl.DataFrame({"file": [file_key(f) for f in r.lines_per_file], "lines": list(r.lines_per_file.values())})
        ),
        "per_workload": as_table(verified(counts(raw, "workload_id"), v)),
        "clients": dg.MetadataValue.int(per_client.len()),
        "largest_client_share": dg.MetadataValue.float(round(float(per_client.max() or 0) / max(1, raw.height), 4)),
        "preview": as_table(verified(raw.select(schema.PREVIEW_COLUMNS).head(10), v), max_rows=10),
        "path": dg.MetadataValue.path((the := lake.lake()).where(the.partition_dir(RAW_LOGS, r.day))),
    }


def _quarantine_metadata(lake: LakeResource, r: DayResult) -> dict:
    q, lines = r.quarantine, r.counts["quarantined"]  # a row may stand for a run of empty lines
    per_reason = q.group_by("reason_code").agg(pl.col("lines").sum())
    per_reason = per_reason.sort(["lines", "reason_code"], descending=[True, False])
    return {
        "dagster/row_count": q.height,
        "quarantined_lines": dg.MetadataValue.int(lines),
        "quarantined_share": dg.MetadataValue.float(round(lines / max(1, r.counts["lines_read"]), 4)),
        "per_reason": as_table(per_reason),
        "examples": as_table(
            q.select(pl.col("source_file").map_elements(file_key, pl.String), "source_line", "reason").head(10)
        ),
        "path": dg.MetadataValue.path((the := lake.lake()).where(the.partition_dir(QUARANTINE, r.day))),
    }
