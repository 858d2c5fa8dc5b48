"""The sliced head loss gives the plain cross-entropy's loss and gradient, with and without
soft-capping, across slice boundaries, and leaves a trained head to the plain path."""

import pytest
import torch

from flywheel.train import head_loss
from flywheel.train.head_loss import head_cross_entropy


@pytest.mark.parametrize("cap", [None, 30.0])
def test_loss_and_hidden_gradient_equal_the_plain_cross_entropy(cap, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(head_loss, "CHUNK", 7)  # 20 positions: three slices, the last one short
    torch.manual_seed(0)
    head = torch.nn.Linear(16, 50, bias=False).requires_grad_(False)
    head.weight.mul_(8)  # scores large enough for the cap to bend them
    targets = torch.randint(0, 50, (20,))
    results = []
    for sliced in (False, True):
        hidden = torch.randn(20, 16, generator=torch.Generator().manual_seed(1), requires_grad=True)
        if sliced:
            loss = head_cross_entropy(hidden, head, targets, cap)
        else:
            scores = head(hidden)
            scores = torch.tanh(scores / cap) * cap if cap else scores
            loss = torch.nn.functional.cross_entropy(scores, targets, reduction="sum")
        (loss * 0.5).backward()  # a scale after the loss reaches the gradient
        results.append((loss.detach(), hidden.grad))
    (plain, plain_grad), (sliced, sliced_grad) = results
    assert torch.allclose(plain, sliced, rtol=1e-5)
    assert torch.allclose(plain_grad, sliced_grad, rtol=1e-4, atol=1e-6)
    assert plain_grad.abs().sum() > 0


def test_a_trained_head_takes_the_plain_path_and_gets_its_gradient():
    head = torch.nn.Linear(8, 30, bias=False)
    loss = head_cross_entropy(torch.randn(5, 8), head, torch.randint(0, 30, (5,)))
    loss.backward()
    assert head.weight.grad is not None and head.weight.grad.abs().sum() > 0
