"""Under a PEFT adapter (which freezes the output head), the prompt pass no longer copies the head
weight into a batched product once the head's input is made contiguous, and greedy generation
gives the same tokens as without the fix."""

import torch
from peft import LoraConfig, get_peft_model
from torch.profiler import ProfilerActivity, profile
from transformers import AutoModelForCausalLM, AutoTokenizer

from flywheel.select.models import build_tiny
from flywheel.train.inference import contiguous_head

CONFIG = {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
          "num_key_value_heads": 1, "head_dim": 16, "seed": 3}  # fmt: skip
PROMPTS = ["Where is order 1?", "Weather in Oslo tomorrow, please", "hi"]


def _adapted(folder):
    model = AutoModelForCausalLM.from_pretrained(folder)
    torch.manual_seed(0)  # the same adapter weights each time
    config = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)  # B not zero
    return get_peft_model(model, config).eval()


def _head_batched_products(model, batch) -> int:
    """How many batched products (bmm) in one prompt pass take the head's weight (vocab columns)."""
    vocab = model.get_output_embeddings().weight.shape[0]
    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        model(**batch, logits_to_keep=1)
    return sum(1 for e in prof.events() if e.name == "aten::bmm" and any(vocab in s for s in e.input_shapes if s))


def test_the_head_fix_keeps_the_outputs_and_drops_the_head_copy(tmp_path):
    folder = build_tiny(tmp_path / "tiny", CONFIG)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    tokenizer.padding_side = "left"
    batch = tokenizer(PROMPTS, return_tensors="pt", padding=True)
    plain = _adapted(folder)
    assert not plain.get_output_embeddings().weight.requires_grad  # PEFT froze it
    assert _head_batched_products(plain, batch) == 1  # the weight copied into a batched product
    with torch.no_grad():
        before = plain.generate(**batch, max_new_tokens=12, do_sample=False)
    fixed = contiguous_head(_adapted(folder))
    contiguous_head(fixed)  # a second call adds no second hook
    assert len(fixed.get_output_embeddings()._forward_pre_hooks) == 1
    assert _head_batched_products(fixed, batch) == 0
    with torch.no_grad():
        after = fixed.generate(**batch, max_new_tokens=12, do_sample=False)
    assert torch.equal(before, after)
