"""Real TRL/PEFT training of the tiny model: the loss falls on a set it can overfit, the adapter
is a standard PEFT folder that loads back and changes the model's output."""

import dataclasses
import json
from pathlib import Path

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

from flywheel.train.lora import TrainConfig, train

FAST = TrainConfig(rank=8, alpha=16, dropout=0.0, max_steps=40, learning_rate=2e-2, max_length=512, batch_size=4)


def test_the_loss_falls_and_the_adapter_loads_back_and_changes_the_output(tiny_model: Path, tiny_dataset: Path,
                                                                          tmp_path: Path):  # fmt: skip
    steps: list[dict] = []
    result = train(tiny_model, tiny_dataset, tmp_path / "adapter", FAST, log=lambda line: None, on_step=steps.append)
    assert result.steps == 40 and len(steps) == 40 and result.train_examples == 8
    assert result.eval_loss_after < 0.5 * result.eval_loss_before
    assert steps[-1]["loss"] < steps[0]["loss"] and steps[-1]["tokens_per_second"] > 0
    assert steps[0]["learning_rate"] > steps[-1]["learning_rate"] > 0  # the default schedule decays (linear)
    assert (result.method, result.device) == ("lora", "cpu") and ("bf16" in result.why or "fp32" in result.why)
    folder = result.adapter
    assert {"adapter_config.json", "adapter_model.safetensors", "tokenizer.json"} <= {p.name for p in folder.iterdir()}
    assert not list(tmp_path.glob(".adapter.staging-*"))
    config = json.loads((folder / "adapter_config.json").read_text())  # what vLLM's LoRA loader accepts
    assert config["r"] in (8, 16, 32, 64) and not config["modules_to_save"] and not config["use_dora"]
    assert not {"lm_head", "embed_tokens"} & set(config["target_modules"])
    tok = AutoTokenizer.from_pretrained(str(folder))
    ids = tok.apply_chat_template([{"role": "user", "content": "Weather in Oslo?"}], add_generation_prompt=True,
                                  return_tensors="pt", return_dict=True)  # fmt: skip
    base = AutoModelForCausalLM.from_pretrained(str(tiny_model)).eval()
    with torch.no_grad():
        before = base(**ids).logits
        tuned = PeftModel.from_pretrained(base, str(folder)).eval()
        after = tuned(**ids).logits
    assert not torch.allclose(before, after, atol=1e-4)


def test_a_constant_schedule_keeps_the_rate(tiny_model: Path, tiny_dataset: Path, tmp_path: Path):
    steps: list[dict] = []
    config = dataclasses.replace(FAST, max_steps=4, schedule="constant")
    train(tiny_model, tiny_dataset, tmp_path / "adapter", config, log=lambda line: None, on_step=steps.append)
    assert [s["learning_rate"] for s in steps] == [FAST.learning_rate] * 4


def test_examples_longer_than_max_length_are_counted_and_left_out(tiny_model: Path, tiny_dataset: Path,
                                                                  tmp_path: Path):  # fmt: skip
    config = TrainConfig(rank=4, alpha=8, max_steps=1, max_length=40, batch_size=2)
    try:
        train(tiny_model, tiny_dataset, tmp_path / "adapter", config, log=lambda line: None)
    except ValueError as exc:
        assert "no training example fits max_length=40 (8 too long)" in str(exc)
    else:
        raise AssertionError("training on nothing must fail with its reason")
    assert not (tmp_path / "adapter").exists()


def test_training_stops_once_the_loss_stayed_below_the_mark_for_the_patience(tiny_model: Path, tiny_dataset: Path,
                                                                             tmp_path: Path):  # fmt: skip
    lines: list[str] = []
    always = dataclasses.replace(FAST, max_steps=8, stop_at_loss=1e9, stop_patience=3)  # every loss is below it
    result = train(tiny_model, tiny_dataset, tmp_path / "stopped", always, log=lines.append)
    assert result.steps == 3 and len(result.losses) == 3
    assert "stopping at step 3 of 8: the mean training loss of the last 3 steps is below 1000000000.0" in lines
    assert (result.adapter / "adapter_model.safetensors").is_file()  # a stopped training still keeps its adapter
    never = dataclasses.replace(FAST, max_steps=5, stop_at_loss=1e-9, stop_patience=2)  # no loss is below it
    assert train(tiny_model, tiny_dataset, tmp_path / "full", never, log=lines.append).steps == 5


# the support-ticket task's training losses, steps 41-80, in two demo runs on the same machine
BROKEN = [.0152, .0079, .0106, .0018, .0031, .0032, .0052, .0053, .0011, .0012, .001, .0002, .0003, .0011, .0003,
          .0005, .0001, .0002, .0001, .0001, .0001, .0001, .0012, .0001, .0001, .0002, .0001, 0, 0, 0, 0, 0, .0077, 0,
          .0036, .0224, 0, .0003, .0654, .0006]  # fmt: skip
GOOD = [.0141, .0664, .0145, .0097, .0036, .0132, .0086, .0095, .0073, .0178, .0004, .0071, .0044, .0087, .0071,
        .009, .0071, .0003, .0017, .0021, .0068, .0023, .005, .0009, .0006, .0004, .0006, .0214, .0003, .0009, .0027,
        .0013, .0019, .0027, .0005, .002, .0008, .0001, .0004, .0004]  # fmt: skip


def test_the_stop_rule_on_two_measured_loss_curves():
    from flywheel.train.lora import learnt

    first = next(i for i in range(1, len(BROKEN) + 1) if learnt(BROKEN[:i], 0.001, 10))
    assert 40 + first == 58  # before the drift that broke that adapter (spikes from step 73)
    assert not any(learnt(BROKEN[:i], 0.001, 10) for i in range(first))
    assert not any(learnt(GOOD[:i], 0.001, 10) for i in range(len(GOOD) + 1))  # trained its 80 steps, and scored 1.0
    assert not learnt(BROKEN, 0.0, 10) and not learnt([0.0] * 5, 0.001, 10)  # off; fewer steps than the patience
