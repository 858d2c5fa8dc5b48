"""Selection on constructed machines: every candidate gets a reason, the choice fits."""

from pathlib import Path

import pytest

from flywheel.select.catalog import Entry, Unavailable, load_catalog, resolve
from flywheel.select.choose import Hardware, choose

CARD = {"prompt_tokens": {"p99": 900}, "target_tokens": {"p99": 100}}


def entry(id: str, params: float, lora: float, context: int = 32768, source: dict | None = None, **kw) -> Entry:
    tiny = {"hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 1, "num_attention_heads": 1,
            "num_key_value_heads": 1, "head_dim": 16}  # fmt: skip
    memory = {"lora": lora, "qlora": lora / 3}
    return Entry(id, params, context, "test", "template", memory, source or {"tiny": tiny}, **kw)


def reasons(choice) -> dict[str, str]:
    return {r["model"]: f"{r['verdict']}: {r['reason']}" for r in choice.reasons}


def test_the_smallest_that_loads_and_fits_is_chosen_and_the_others_say_why(tmp_path: Path):
    catalog = [
        entry("big", 3000, lora=30.0),
        entry("short", 100, lora=1.0, context=512),
        entry("missing", 50, lora=1.0, source={"path": str(tmp_path / "nowhere")}),
        entry("test-only", 1, lora=0.1, tests_only=True),
        entry("fits-a", 200, lora=2.0),
        entry("fits-b", 400, lora=3.0),
    ]
    choice = choose(catalog, CARD, Hardware("cpu", 16.0, False), tmp_path)
    assert choice.model_id == "fits-a" and Path(choice.model_dir, "config.json").is_file()
    why = reasons(choice)
    assert why["big"] == "skipped: lora takes ~30 GB, cpu has 16.0 GB"
    assert why["short"] == "skipped: context 512 tokens, the task needs ~1500"
    assert why["missing"].startswith("skipped: missing: no config.json")
    assert why["test-only"] == "skipped: for tests only (random weights)"
    assert why["fits-b"].startswith("candidate: loads, fits lora on cpu")
    assert why["fits-a"].startswith("chosen")


def test_a_gpu_with_bitsandbytes_counts_qlora_memory(tmp_path: Path):
    catalog = [entry("mid", 1500, lora=12.0), entry("small", 200, lora=2.0, tests_only=True)]
    choice = choose(catalog, CARD, Hardware("cuda", 8.0, True), tmp_path)  # QLoRA: 12 / 3 = 4 GB fits 8 GB
    assert choice.model_id == "mid"
    assert choose(catalog, CARD, Hardware("cuda", 8.0, False), tmp_path).model_id is None  # LoRA: 12 GB does not


def test_a_scorer_decides_between_candidates_weighed_against_size(tmp_path: Path):
    catalog = [entry("small", 100, lora=1.0), entry("large", 1600, lora=1.0)]
    scores = {"small": 0.50, "large": 0.90}
    choice = choose(catalog, CARD, Hardware("cpu", 16.0, False), tmp_path, scorer=lambda p: scores[Path(p).name])
    assert choice.model_id == "large"  # 0.90 - 0.05 * log2(1600) > 0.50 - 0.05 * log2(100)
    scores["large"] = 0.60
    assert choose(catalog, CARD, Hardware("cpu", 16.0, False), tmp_path,
                  scorer=lambda p: scores[Path(p).name]).model_id == "small"  # fmt: skip


def test_hub_models_are_not_downloaded_and_say_how_to_get_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    qwen = next(e for e in load_catalog() if e.id == "qwen2.5-0.5b-instruct")
    with pytest.raises(Unavailable, match="not in the local Hugging Face cache and downloads are off"):
        resolve(qwen, tmp_path)


def test_the_catalog_lists_the_expected_families():
    ids = {e.id for e in load_catalog()}
    assert {"gemma-3-270m", "qwen2.5-0.5b-instruct", "qwen3-0.6b", "llama-3.2-1b-instruct", "smollm2-360m-instruct",
            "phi-4-mini-instruct", "tiny-gemma"} <= ids  # fmt: skip


def test_the_zero_shot_scorer_ranks_two_real_models(tiny_model: Path, tiny_adapter: Path, tiny_dataset: Path,
                                                   tmp_path: Path):  # fmt: skip
    """Two real candidates of the same size: the tiny random model, and the same model with an
    adapter that learnt the task merged in. The real scorer generates with each on the task's
    validation examples; the one that makes the logged tool calls is chosen."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from flywheel.select.choose import zero_shot_scorer

    merged = tmp_path / "tuned"
    base = AutoModelForCausalLM.from_pretrained(str(tiny_model))
    PeftModel.from_pretrained(base, str(tiny_adapter)).merge_and_unload().save_pretrained(str(merged))
    AutoTokenizer.from_pretrained(str(tiny_adapter)).save_pretrained(str(merged))
    catalog = [entry("random", 1, lora=0.1, source={"path": str(tiny_model)}),
               entry("tuned", 1, lora=0.1, source={"path": str(merged)})]  # fmt: skip
    choice = choose(catalog, CARD, Hardware("cpu", 16.0, False), tmp_path,
                    scorer=zero_shot_scorer(tiny_dataset, examples=8))  # fmt: skip
    scores = {r["model"]: r["score"] for r in choice.reasons}
    assert scores["tuned"] == 1.0 and scores["random"] < 0.5, scores
    assert choice.model_id == "tuned" and choice.model_dir == str(merged)
