"""S4, selection: the catalog of candidate SLMs and the choice of one per task (no Dagster here)."""
