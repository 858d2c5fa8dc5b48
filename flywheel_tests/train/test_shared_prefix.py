"""Running a batch's shared prefix once gives the plain forward's loss and gradients."""

from pathlib import Path

import pytest
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM

from flywheel.train.shared_prefix import SharedPrefixTrainer, shared_prefix_length


def test_the_shared_prefix_stops_where_rows_differ_or_a_label_needs_its_own_position():
    ids = torch.tensor([[1, 2, 3, 4, 5, 6], [1, 2, 3, 9, 9, 0]])
    labels = torch.full_like(ids, -100)
    assert shared_prefix_length(ids, labels) == 3
    labels[:, 2] = 3  # predicted from position 1
    assert shared_prefix_length(ids, labels) == 1


def test_loss_and_gradients_equal_the_plain_forward(tiny_model: Path, tmp_path: Path):
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(str(tiny_model))
    model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", init_lora_weights=False,
                                             task_type="CAUSAL_LM"))  # fmt: skip
    prefix = torch.randint(8, 200, (40,))
    ids = torch.stack([torch.cat([prefix, torch.randint(8, 200, (12,))]) for _ in range(3)])
    mask = torch.ones_like(ids)
    ids[2, -3:], mask[2, -3:] = 0, 0  # a right-padded row
    labels = ids.clone()
    labels[:, :44] = -100
    labels[mask == 0] = -100
    trainer = SharedPrefixTrainer.__new__(SharedPrefixTrainer)  # compute_loss needs no trainer state
    grads = []
    for shared in (False, True):
        model.zero_grad()
        if shared:
            loss = trainer.compute_loss(model, {"input_ids": ids, "attention_mask": mask, "labels": labels})
        else:
            logits = model(input_ids=ids, attention_mask=mask).logits[:, :-1]
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels[:, 1:].reshape(-1))
        loss.backward()
        grads.append((loss.detach(), torch.cat([p.grad.flatten() for p in model.parameters() if p.requires_grad])))
    (plain, g_plain), (shared_loss, g_shared) = grads
    assert torch.allclose(plain, shared_loss, atol=1e-5)
    assert torch.allclose(g_plain, g_shared, rtol=1e-3, atol=1e-6)


def test_training_with_the_shared_prefix_takes_the_same_steps(tiny_model: Path, tmp_path: Path):
    """Step by step the same losses as TRL's own path (no dropout, fp32), so nothing in the
    trainer (gradient checkpointing, which drops the prefix's cache) undoes the sharing."""
    from flywheel.train.lora import TrainConfig, train
    from flywheel_tests.tiny import CITIES, write_dataset

    data = write_dataset(tmp_path / "data", CITIES * 2)
    losses, validation = [], []
    for shared in (False, True):
        steps: list[dict] = []
        config = TrainConfig(rank=8, alpha=16, dropout=0.0, max_steps=5, learning_rate=1e-2, max_length=512,
                             batch_size=4, shared_prefix=shared, precision="fp32")  # fmt: skip
        out = train(tiny_model, data, tmp_path / f"adapter-{shared}", config, log=lambda line: None,
                    on_step=steps.append)  # fmt: skip
        losses.append([s["loss"] for s in steps])
        validation.append((out.eval_loss_before, out.eval_loss_after))
    assert losses[0] == pytest.approx(losses[1], rel=1e-3)
    assert validation[0] == pytest.approx(validation[1], rel=1e-4)  # the validation loss too
