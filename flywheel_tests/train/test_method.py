"""Which method training picks on which machine (constructed machines: no GPU needed)."""

import json
from pathlib import Path

import pytest

from flywheel.train import precision
from flywheel.train.lora import Machine, TrainConfig, _max_steps, pick_method

H200 = Machine(cuda=True, bitsandbytes=True, free_gpu_gb=139.0, bf16_weights_gb=0.54)


def test_the_cpu_trains_plain_lora_whatever_the_config():
    for quantize in ("auto", "4bit", "none"):
        assert pick_method(TrainConfig(quantize=quantize), Machine(cuda=False))[:2] == ("lora", "cpu")


def test_a_small_base_on_a_large_gpu_trains_lora_in_bf16_and_says_why():
    method, device, why = pick_method(TrainConfig(), H200)
    assert (method, device) == ("lora", "cuda")
    assert "0.5 GB of 139.0 GB free" in why and "half the speed" in why


def test_a_base_large_for_the_gpu_is_quantised_to_4_bits():
    machine = Machine(cuda=True, bitsandbytes=True, free_gpu_gb=22.0, bf16_weights_gb=16.0)  # 8B on a 24 GB card
    method, _, why = pick_method(TrainConfig(), machine)
    assert method == "qlora" and "16.0 GB of 22.0 GB free" in why


@pytest.mark.parametrize(
    ("quantize", "bnb", "method"),
    [("4bit", True, "qlora"), ("none", True, "lora"), ("4bit", False, "lora"), ("auto", False, "lora")],
)
def test_the_config_and_bitsandbytes_decide_where_they_can(quantize: str, bnb: bool, method: str):
    machine = Machine(cuda=True, bitsandbytes=bnb, free_gpu_gb=22.0, bf16_weights_gb=16.0)
    assert pick_method(TrainConfig(quantize=quantize), machine)[0] == method


def test_the_weights_are_counted_in_bf16_from_an_fp32_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import torch

    (tmp_path / "config.json").write_text(json.dumps({"dtype": "float32"}))
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 4 * 2**20)  # 1 Mi fp32 weights
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda: (8 * 2**30, 16 * 2**30))
    machine = Machine.here(tmp_path)
    assert machine.cuda and machine.free_gpu_gb == 8.0
    assert machine.bf16_weights_gb == pytest.approx(2 * 2**20 / 2**30)


CPUS = [
    (4.5, "bfloat16", "4.5x faster"),
    (1.2, "float32", "1.2x as fast"),
    (0.3, "float32", "0.3x as fast"),
    (0.0065, "float32", "154x slower"),
]


@pytest.mark.parametrize(("speedup", "dtype", "said"), CPUS)
def test_a_cpu_computes_in_bf16_only_where_it_is_measured_faster(speedup: float, dtype: str, said: str,
                                                                 monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    monkeypatch.setattr(precision, "bf16_speedup", lambda: speedup)  # a constructed CPU
    picked, why = precision.pick_dtype("auto", "cpu")
    assert picked == dtype and said in why


def test_the_speed_probe_measures_this_cpu():
    precision.bf16_speedup.cache_clear()
    assert 0 < precision.bf16_speedup() < 1e3


def test_the_config_fixes_the_format_and_the_gpu_takes_bf16(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(precision, "bf16_speedup", lambda: 0.3)
    assert precision.pick_dtype("bf16", "cpu")[0] == "bfloat16"
    assert precision.pick_dtype("fp32", "cuda")[0] == "float32"
    assert precision.pick_dtype("auto", "cuda")[0] == "bfloat16"
    with pytest.raises(ValueError, match="precision must be auto, bf16 or fp32, not 'fp16'"):
        precision.pick_dtype("fp16", "cpu")


def test_this_machine_measures_a_positive_speedup():
    assert precision.bf16_speedup() > 0


@pytest.mark.parametrize(("config", "steps"), [
    (TrainConfig(batch_size=4), -1),  # the epochs decide
    (TrainConfig(batch_size=4, max_steps=7), 7),  # exactly, even past the epochs
    (TrainConfig(batch_size=4, max_steps=500, steps_at_most=7), 500),
    (TrainConfig(batch_size=4, steps_at_most=80), 80),  # 2 epochs of 436 examples are 218 steps: cut at 80
    (TrainConfig(batch_size=4, steps_at_most=300), -1),  # the epochs end sooner
    (TrainConfig(batch_size=4, gradient_accumulation=2, epochs=1, steps_at_most=54), 54),
    (TrainConfig(batch_size=4, gradient_accumulation=2, epochs=1, steps_at_most=55), -1),  # 109 batches: 55 steps
])  # fmt: skip
def test_a_step_budget_cuts_the_epochs_short_but_never_lengthens_them(config: TrainConfig, steps: int):
    assert _max_steps(config, 436) == steps
