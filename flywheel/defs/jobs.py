"""The daily job (collect, scrub, embed and assign one UTC day) and the re-clustering job."""

import dagster as dg

from flywheel import settings
from flywheel.cluster.pipeline import ASSIGNMENTS, CLUSTERS, EMBEDDINGS
from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS
from flywheel.scrub.pipeline import SCRUBBED

ingest_job = dg.define_asset_job(
    "ingest",
    selection=dg.AssetSelection.assets(RAW_LOGS, QUARANTINE, SCRUBBED, EMBEDDINGS, ASSIGNMENTS),
    description="Collect one UTC day from the landing folder into raw_logs and quarantine, scrub it into "
    "scrubbed_traces, embed its traces and assign them to the live tasks. Each step's blocking check stops the next.",
    # run monitoring (dagster.yaml) fails a daemon-launched run that takes longer, waiting for the slot included
    tags={"dagster/max_runtime": str(settings.ingest_max_runtime())},
)

recluster_job = dg.define_asset_job(
    "recluster",
    selection=dg.AssetSelection.assets(CLUSTERS),
    description="Re-cluster every embedded trace into tasks, keeping each task's id. Requested by the "
    "enough_new_usage sensor.",
)

assign_job = dg.define_asset_job(
    "assign",
    selection=dg.AssetSelection.assets(ASSIGNMENTS),
    description="Assign one day's traces to the live tasks. After a re-clustering, enough_new_usage runs it for every "
    "day still assigned under the old clustering (the clustering itself already holds the new ids).",
)
