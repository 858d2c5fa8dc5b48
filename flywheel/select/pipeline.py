"""`slm_selection` in the lake: `slm_selection/<task>.json` holds the chosen base model, its
folder and every candidate's reason, for the dataset version it was chosen on."""

from __future__ import annotations

from pathlib import Path

from flywheel.datasets.build import current_dataset, dataset_dir, read_card
from flywheel.lake import Lake
from flywheel.select.catalog import CATALOG, load_catalog
from flywheel.select.choose import Choice, Hardware, choose, zero_shot_scorer

SELECTION = "slm_selection"


def select_model(lake: Lake, task_id: str, models_dir: str | Path, catalog: str | Path = CATALOG,
                 include_test_models: bool = False, allow_downloads: bool = False,
                 score_examples: int = 8, hardware: Hardware | None = None) -> tuple[Choice, dict]:  # fmt: skip
    """Choose and store the task's base model; returns the choice and the dataset pointer."""
    dataset = current_dataset(lake, task_id)
    if dataset is None:
        raise ValueError(f"{task_id} has no dataset yet: materialize task_datasets for it first")
    folder = lake.fetch(dataset_dir(lake, task_id, dataset["version"]))
    card = read_card(lake, task_id, dataset["version"]) or {}
    scorer = zero_shot_scorer(folder, score_examples) if score_examples > 0 else None
    choice = choose(load_catalog(catalog), card, hardware or Hardware.here(), models_dir, include_test_models,
                    allow_downloads, scorer)  # fmt: skip
    stored = {"model_id": choice.model_id, "model_dir": choice.model_dir, "reasons": choice.reasons}
    lake.write_json(f"{SELECTION}/{task_id}.json", stored)
    return choice, dataset


def selected(lake: Lake, task_id: str) -> dict | None:
    """The stored choice: {"model_id", "model_dir", "reasons"}, or None."""
    return lake.read_json(f"{SELECTION}/{task_id}.json")
