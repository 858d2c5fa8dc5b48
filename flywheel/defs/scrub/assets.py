"""`scrubbed_traces`: each day's calls with personal data replaced under the scrub policy."""

from datetime import date

import dagster as dg
import polars as pl

from flywheel import settings
from flywheel.defs.metadata import as_table
from flywheel.defs.partitions import daily
from flywheel.defs.recovery import stop_if_terminated
from flywheel.defs.resources import LakeResource
from flywheel.ingest.pipeline import RAW_LOGS
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.pipeline import SCRUBBED, scrub_day
from flywheel.scrub.policy import load_policy

WITHHELD = {"kind": pl.String, "calls": pl.Int64}
REPLACED = {"entity": pl.String, "operator": pl.String, "values_replaced": pl.Int64}
POLICY = load_policy()  # FLYWHEEL_SCRUB_POLICY, else scrub_policy.yaml in the repository


@dg.asset(
    name=SCRUBBED,
    deps=[RAW_LOGS],
    partitions_def=daily,
    group_name="scrub",
    kinds={"presidio", "polars", "parquet"},
    # The policy's hash is the code version, recorded with every materialization. Dagster's UI
    # does not flag partitioned assets whose code version changed, so the check
    # `scrubbed_under_current_policy` lists the days a backfill must re-scrub.
    code_version=POLICY.version,
    description="The day's calls with personal data replaced under the scrub policy (consistent placeholders "
    "per conversation, in messages, tool-call arguments and tool results). Nothing downstream reads raw text.",
)
def scrubbed_traces(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
    stop_if_terminated(context)
    result = scrub_day(
        lake.lake(), date.fromisoformat(context.partition_key), Scrubber(POLICY), settings.scrub_workers()
    )
    n = result.traces.height
    withheld = result.withheld_calls
    context.log.info(
        f"{n} calls scrubbed, {result.touched} with personal data, {withheld} withheld by the second detector, "
        f"{result.failures.height - withheld} failed" + ("" if result.published else "; the day is NOT published")
    )
    rows = [{"entity": e, "operator": o, "values_replaced": c} for (e, o), c in sorted(result.replaced.items())]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": n,
            "policy_version": POLICY.version,
            "share_of_traces_touched": dg.MetadataValue.float(round(result.touched / max(1, n), 4)),
            "failures": result.failures.height,
            "calls_withheld": withheld,
            "withheld_per_kind": as_table(
                pl.DataFrame(sorted(result.withheld.items()), schema=WITHHELD, orient="row")
            ),
            "published": result.published,
            "replaced_per_entity": as_table(pl.DataFrame(rows, schema=REPLACED)),
            "path": dg.MetadataValue.path(
                (the := lake.lake()).where(the.partition_dir(SCRUBBED, context.partition_key))
            ),
        },
    )
