"""The collect job: one day of logs into `raw_logs` and `quarantine`, with the accounting check."""

import dagster as dg

from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS

collect_job = dg.define_asset_job(
    "collect",
    selection=dg.AssetSelection.assets(RAW_LOGS, QUARANTINE),
    description="Ingest one UTC day from the landing folder.",
)
