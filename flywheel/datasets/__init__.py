"""S4, datasets: per-task chat-format training data from the scrubbed traces (no Dagster here)."""
