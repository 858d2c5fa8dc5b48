"""Dagster definitions, one folder per flywheel step, loaded by `flywheel.definitions`."""
