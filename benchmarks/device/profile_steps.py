"""Where a training step's time goes, on the GPU: the benchmark's runs (train_speed.child) with each
training step timed (synchronised), the time between steps (data loading, optimiser, logging) and a
torch.profiler table of steps 10-14.

    python benchmarks/device/profile_steps.py MODEL_DIR DATA_DIR KIND [KIND ...] [--steps 25 --batch 8]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model_dir")
    parser.add_argument("data")
    parser.add_argument("kinds", nargs="+")
    parser.add_argument("--steps", type=int, default=25)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--max-length", type=int, default=1024)
    args = parser.parse_args()
    for kind in args.kinds:
        run(kind, args)


def run(kind: str, args: argparse.Namespace) -> None:
    import torch
    import train_speed
    from torch.profiler import ProfilerActivity, profile
    from trl import SFTTrainer

    original = SFTTrainer.training_step
    sync = torch.cuda.synchronize if torch.cuda.is_available() else (lambda: None)
    inside, starts = [], []
    prof = profile(activities=[ProfilerActivity.CPU, *([ProfilerActivity.CUDA] if torch.cuda.is_available() else [])])

    def step(self, *a, **k):
        n = len(starts)
        if n == 10:
            prof.start()
        sync()
        starts.append(time.perf_counter())
        out = original(self, *a, **k)
        sync()
        inside.append(time.perf_counter() - starts[-1])
        if n == 14:
            prof.stop()
        return out

    SFTTrainer.training_step = step
    try:
        result = train_speed.child(kind, args.model_dir, args.data, args.steps, args.batch, args.max_length, 1e-4)
    finally:
        SFTTrainer.training_step = original
    gaps = [b - a - d for a, b, d in zip(starts, starts[1:], inside, strict=False)]
    print(f"\n== {kind}: {result['how']}; {result['tokens_per_second']:.0f} tokens/s")
    print(f"training_step median {statistics.median(inside[3:]) * 1000:.1f} ms, between steps median "
          f"{statistics.median(gaps[3:]) * 1000:.1f} ms, first step {inside[0] * 1000:.0f} ms")  # fmt: skip
    table = prof.key_averages()
    print(table.table(sort_by="cpu_time_total", row_limit=22, max_name_column_width=60))
    by = "self_cuda_time_total" if torch.cuda.is_available() else "self_cpu_time_total"
    print(table.table(sort_by=by, row_limit=12, max_name_column_width=60))


if __name__ == "__main__":
    main()
