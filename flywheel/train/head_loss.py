"""Cross-entropy through a frozen output head, a slice of positions at a time.

Gemma 3's head maps each position to 262,144 token scores. Taking the loss the plain way keeps a
float32 score matrix, its log-softmax and their gradient for every labelled position of a batch
(over a gigabyte for 4 tool-calling replies), and on a CPU the log-softmax's backward alone took
a tenth of a training step. Here the scores of a slice of positions are made, turned into the
loss and into the gradient the positions' hidden states receive (softmax minus the one-hot
target, through the head), and dropped before the next slice: the same loss and gradient, with
one slice's scores in memory. The head's weight must be frozen (it is under LoRA: Gemma ties it to
the input embedding), since its own gradient is not computed.
"""

from __future__ import annotations

import torch

CHUNK = 128  # positions a slice: 128 × 262,144 float32 scores = 128 MiB


class _HeadCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(ctx, hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor, cap: float | None):
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        grad = torch.empty_like(hidden)
        for start in range(0, hidden.shape[0], CHUNK):
            rows = slice(start, start + CHUNK)
            scores = (hidden[rows] @ weight.T).float()
            if cap:
                squashed = torch.tanh(scores / cap)
                scores = squashed * cap
            lse = torch.logsumexp(scores, dim=-1)
            picked = scores.gather(1, targets[rows, None])[:, 0]
            total += (lse - picked).sum()
            probs = scores.sub_(lse[:, None]).exp_()  # softmax, in the scores' memory
            probs[torch.arange(len(probs), device=probs.device), targets[rows]] -= 1
            if cap:
                probs.mul_(1 - squashed * squashed)
            grad[rows] = (probs.to(weight.dtype) @ weight).to(grad.dtype)
        ctx.save_for_backward(grad)
        return total

    @staticmethod
    def backward(ctx, grad_total: torch.Tensor):
        (grad,) = ctx.saved_tensors
        return grad * grad_total.to(grad.dtype), None, None, None


def head_cross_entropy(hidden: torch.Tensor, head: torch.nn.Module, targets: torch.Tensor,
                       cap: float | None = None) -> torch.Tensor:  # fmt: skip
    """Summed cross-entropy of `targets` under `head(hidden)` (with Gemma's optional tanh
    soft-capping of the scores at `cap`). `hidden`: (positions, width); `targets`: (positions,).
    A head that is trained, or has a bias, takes the plain path."""
    weight = getattr(head, "weight", None)
    if weight is None or weight.requires_grad or getattr(head, "bias", None) is not None:
        scores = head(hidden).float()
        if cap:
            scores = torch.tanh(scores / cap) * cap
        return torch.nn.functional.cross_entropy(scores, targets, reduction="sum")
    return _HeadCrossEntropy.apply(hidden, weight, targets, cap)
