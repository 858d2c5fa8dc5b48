"""The takeover job: refresh `traffic_takeover` (also kept fresh by its eager automation condition)."""

import dagster as dg

takeover_job = dg.define_asset_job(
    "takeover",
    selection=dg.AssetSelection.assets("traffic_takeover"),
    description="Count the share of recent traffic the tasks' champion SLMs take over and the LLM cost it saves.",
)
