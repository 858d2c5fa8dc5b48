"""Train on a batch's shared prefix once.

Every example of a task starts the same way: the offered tools and the system prompt, often two
thirds of its tokens. This trainer finds the longest prefix all sequences of a batch share, runs
it through the model once, repeats its key/value cache across the batch and runs only each
example's own rest after it. The loss and its gradients are the same as the plain forward's (the
LoRA weights see the prefix once, with the summed gradient of every example); the prefix's cost
is paid once per batch instead of once per example. The LM head projects only the positions that
carry a label (the logged reply), a slice at a time (head_loss.py).
"""

from __future__ import annotations

import torch
from transformers import DynamicCache
from trl import SFTTrainer

from flywheel.train.head_loss import head_cross_entropy

MIN_PREFIX = 16  # below this, sharing saves less than it costs


def shared_prefix_length(ids: torch.Tensor, labels: torch.Tensor) -> int:
    """Length of the prefix every row shares, ending before the first position that needs its
    own hidden state (a label's prediction comes from the position before it)."""
    same = (ids == ids[:1]).all(dim=0)
    differs = (~same).nonzero()
    length = int(differs[0]) if len(differs) else ids.shape[1]
    labelled = (labels[:, 1:] != -100).any(dim=0).nonzero()
    if len(labelled):
        length = min(length, int(labelled[0]))
    return min(length, ids.shape[1] - 1)


def _causal_lm(model):
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    return inner


class SharedPrefixTrainer(SFTTrainer):
    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        ids, labels, mask = inputs["input_ids"], inputs.get("labels"), inputs.get("attention_mask")
        if return_outputs or labels is None or mask is None or ids.shape[0] < 2:
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        length = shared_prefix_length(ids, labels)
        if length < MIN_PREFIX:
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        lm = _causal_lm(model)
        if getattr(lm, "is_gradient_checkpointing", False):  # it drops the cache: the prefix would be lost
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        backbone = getattr(lm, lm.base_model_prefix)
        batch, total = ids.shape
        cache = DynamicCache(config=lm.config)
        head = backbone(input_ids=ids[:1, :length], cache=cache, use_cache=True)
        cache.batch_repeat_interleave(batch)
        positions = torch.arange(length, total, device=ids.device).expand(batch, -1)
        rest = backbone(input_ids=ids[:, length:], attention_mask=mask, position_ids=positions, cache=cache,
                        use_cache=True).last_hidden_state  # fmt: skip
        hidden = torch.cat([head.last_hidden_state.expand(batch, -1, -1), rest], dim=1)
        keep = labels[:, 1:] != -100
        cap = getattr(lm.config, "final_logit_softcapping", None)
        loss = head_cross_entropy(hidden[:, :-1][keep], lm.lm_head, labels[:, 1:][keep], cap)
        count = num_items_in_batch if num_items_in_batch is not None else keep.sum()
        return loss / torch.as_tensor(count, device=loss.device).clamp(min=1)
