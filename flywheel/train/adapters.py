"""Where adapters live in the lake: `lora_adapters/<task>/<dataset version>-<model>-<run>/` (a
PEFT folder), and `lora_adapters/<task>/current.json` naming the latest complete one with the
dataset version and example count it was trained on."""

from __future__ import annotations

from pathlib import Path

from flywheel.lake import Lake

ADAPTERS = "lora_adapters"


def adapter_dir(lake: Lake, task_id: str, dataset_version: str, model_id: str, run_id: str) -> Path:
    return lake.root / ADAPTERS / task_id / f"{dataset_version}-{model_id}-{run_id[:8]}"


def record(lake: Lake, task_id: str, info: dict) -> None:
    lake.write_json(f"{ADAPTERS}/{task_id}/current.json", info)


def current_adapter(lake: Lake, task_id: str) -> dict | None:
    return lake.read_json(f"{ADAPTERS}/{task_id}/current.json")
