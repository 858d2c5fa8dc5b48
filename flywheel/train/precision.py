"""Which number format a model computes in, on this machine.

On a CUDA GPU: bf16. On a CPU it depends on the chip: one with bf16 dot-product instructions
(x86's AVX512_BF16 or AMX, Arm's BF16) multiplies bf16 matrices several times faster than fp32
(4.5x measured on a 2-core AMD EPYC with AVX512_BF16), one without emulates them and is far slower
(150x slower on a 2-core AMD EPYC without AVX-512). Rather than read instruction flags,
`bf16_speedup` times the same matrix product in both formats once per process (about 0.1 s;
under a second on a CPU that emulates bf16) and bf16 is used where it wins clearly. The base
model's frozen weights and the activations are bf16 then; the LoRA weights stay fp32 (PEFT's
default), so the trained part keeps full precision.
"""

from __future__ import annotations

import functools
import time

MIN_SPEEDUP = 1.5  # below this the CPU's bf16 gain is not worth its coarser rounding


@functools.lru_cache(maxsize=1)
def bf16_speedup() -> float:
    """How many times faster this CPU multiplies bf16 matrices than fp32 ones (a transformer
    layer's shape: 512 positions × 640 × 2048), with torch's current thread count. A CPU that
    emulates bf16 is told apart first on a quarter of that product (one takes a second on the
    2-core EPYC without AVX-512, where fp32 takes milliseconds) and is not timed further."""
    import torch

    def best(dtype, rows: int, rounds: int) -> float:
        a, b = torch.randn(rows, 640, dtype=dtype), torch.randn(640, 2048, dtype=dtype)
        a[:8] @ b  # warm-up on a slice: kernels chosen, memory touched
        fastest = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            a @ b
            fastest = min(fastest, time.perf_counter() - start)
        return fastest

    quick = best(torch.float32, 128, 3) / max(best(torch.bfloat16, 128, 1), 1e-12)
    if quick < 0.5:
        return quick
    return best(torch.float32, 512, 5) / max(best(torch.bfloat16, 512, 5), 1e-12)


def pick_dtype(precision: str, device: str) -> tuple[str, str]:
    """("bfloat16" or "float32", why) for `precision` "auto", "bf16" or "fp32" on `device`."""
    if precision not in ("auto", "bf16", "fp32"):
        raise ValueError(f"precision must be auto, bf16 or fp32, not {precision!r}")
    if precision == "fp32":
        return "float32", "fp32 (set in the config)"
    if precision == "bf16":
        return "bfloat16", "bf16 (set in the config)"
    if device == "cuda":
        return "bfloat16", "bf16 on the GPU"
    speedup = bf16_speedup()
    if speedup >= MIN_SPEEDUP:
        return "bfloat16", f"bf16 base: this CPU multiplies bf16 matrices {speedup:.1f}x faster than fp32"
    ratio = f"{speedup:.1f}x as fast" if speedup >= 0.1 else f"{1 / max(speedup, 1e-9):.0f}x slower"
    return "float32", f"fp32: this CPU's bf16 matrix products are not faster ({ratio})"


def torch_dtype(device: str = "cpu"):
    """The torch dtype `pick_dtype("auto", device)` picks: how a model is loaded to generate."""
    import torch

    return getattr(torch, pick_dtype("auto", device)[0])
