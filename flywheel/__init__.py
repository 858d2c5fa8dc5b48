"""Flywheel: turn an agent's LLM traffic into small language models, one per recurring task."""

__version__ = "0.1.0"
