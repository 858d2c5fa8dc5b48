"""The daily job: collect one UTC day from the landing folder and scrub it, with both checks."""

import dagster as dg

from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS
from flywheel.scrub.pipeline import SCRUBBED

ingest_job = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.assets(RAW_LOGS, QUARANTINE, SCRUBBED),
    description="Collect one UTC day from the landing folder into raw_logs and quarantine, then scrub it into "
    "scrubbed_traces. Each step's blocking check stops the next.",
)
