"""Step 1 (collect): read an LLM gateway's JSONL logs, validate, normalise and deduplicate them.

Plain Python, no Dagster import: `flywheel.defs.collect` wraps it as the `raw_logs` and
`quarantine` assets.
"""
