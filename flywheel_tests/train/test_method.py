"""Which method training picks on which machine (constructed machines: no GPU needed)."""

import json
from pathlib import Path

import pytest

from flywheel.train.lora import Machine, TrainConfig, pick_method

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
