"""Fine-tuning speed: Flywheel's training setup beside TRL's default SFTTrainer configuration, on
the same base model, data, LoRA config, learning rate, batch and number of steps, in one run.

- Data: the sample generator's traffic, collected and scrubbed through the pipeline; the calls
  that offer `--tool` form the task; `flywheel.datasets` cleans and splits them.
- flywheel: `flywheel.train.lora.train` (prompt-completion examples: loss on the logged reply
  only, which TRL's fused LM head projects alone; each batch's shared prefix run once; no
  gradient checkpointing; batches grouped by length; fp32 on the CPU).
- default: `SFTTrainer` on the same examples as `messages` + `tools` conversations, `SFTConfig`
  defaults otherwise (loss on every token, gradient checkpointing, fp32).
Each runs in its own process (its peak memory is its own). Printed: tokens/s (the examples'
tokens over the training seconds), peak RSS, the validation loss on the replies (one measure,
computed the same way for both) after the same number of steps and after the same training time
(Flywheel takes as many steps as fit in the default's seconds), and the ratios.

    .venv/bin/python benchmarks/train_speed.py --steps 8               # Gemma 3 270M (converted once)
    .venv/bin/python benchmarks/train_speed.py --model tiny-gemma --steps 30   # seconds, for a try
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

from flywheel import settings
from flywheel.datasets.build import DatasetConfig, clean
from flywheel.lake import Lake


def build_task(folder: Path, tool: str, records: int) -> Path:
    """The task's train and validation splits as `task_datasets` writes them."""
    from flywheel.pii_eval.run import collect
    from flywheel.sample.generator import generate
    from flywheel.scrub.engine import Scrubber
    from flywheel.scrub.pipeline import SCRUBBED, scrub_day
    from flywheel.scrub.policy import load_policy

    day = date(2026, 11, 1)
    generate(folder / "landing", folder / "truth", records=records, days=1, seed=5, start=day)
    lake: Lake = collect(folder / "landing", day, folder)
    scrub_day(lake, day, Scrubber(load_policy()), workers=os.cpu_count() or 1)
    traces = lake.read(SCRUBBED, day, "traces").filter(pl.col("tools_offered").list.contains(tool))
    frame, _ = clean(traces, DatasetConfig())
    out = folder / "dataset"
    out.mkdir()
    for split in ("train", "validation"):
        frame.filter(pl.col("split") == split).write_parquet(out / f"{split}.parquet")
    return out


def reply_loss(model, tokenizer, frame: pl.DataFrame, max_length: int) -> float:
    """Mean loss on the reply tokens of `frame`'s examples (the prompt is context only)."""
    import torch

    from flywheel.train.data import encode

    total = count = 0.0
    model.eval()
    with torch.no_grad():
        for row in encode(frame, tokenizer, max_length).rows:
            ids = torch.tensor([row["input_ids"]])
            pairs = zip(row["input_ids"], row["completion_mask"], strict=True)
            labels = torch.tensor([[t if m else -100 for t, m in pairs]])
            logits = model(input_ids=ids).logits[0, :-1].float()
            loss = torch.nn.functional.cross_entropy(logits, labels[0, 1:], reduction="sum", ignore_index=-100)
            total += float(loss)
            count += int((labels[0, 1:] != -100).sum())
    return total / max(count, 1)


def child(kind: str, model_dir: str, data: str, steps: int, batch: int, max_length: int, lr: float) -> dict:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from flywheel.train.data import encode
    from flywheel.train.lora import TrainConfig, train

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    train_frame = pl.read_parquet(Path(data) / "train.parquet")
    val_frame = pl.read_parquet(Path(data) / "validation.parquet")
    encoded = encode(train_frame, tokenizer, max_length)
    out = Path(tempfile.mkdtemp()) / "adapter"
    config = TrainConfig(max_steps=steps, batch_size=batch, max_length=max_length, learning_rate=lr)
    if kind == "flywheel":
        result = train(model_dir, data, out, config, log=lambda line: print(line, file=sys.stderr))
        seconds, steps_done = result.seconds, result.steps
    else:
        from datasets import Dataset
        from peft import LoraConfig
        from trl import SFTConfig, SFTTrainer

        rows = [{"messages": _string_arguments(json.loads(m)), "tools": t} for m, t in
                train_frame.select("messages", "tools").iter_rows()]  # fmt: skip
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
        peft = LoraConfig(r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
                          target_modules=config.target_modules, task_type="CAUSAL_LM")  # fmt: skip
        args = SFTConfig(output_dir=str(out.parent / "scratch"), max_steps=steps, learning_rate=lr,
                         per_device_train_batch_size=batch, max_length=max_length, report_to=[],
                         save_strategy="no", logging_steps=1, use_cpu=True, seed=0)  # fmt: skip
        trainer = SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer,
                             peft_config=peft)  # fmt: skip
        start = time.perf_counter()
        trainer.train()
        seconds, steps_done = time.perf_counter() - start, steps
        trainer.model.save_pretrained(str(out))
    mean_tokens = encoded.tokens / max(1, len(encoded.rows))
    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    tuned = PeftModel.from_pretrained(base, str(out))
    return {
        "kind": kind,
        "seconds": seconds,
        "tokens_per_second": steps_done * batch * mean_tokens / seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "validation_reply_loss": reply_loss(tuned, tokenizer, val_frame, max_length),
    }


def _string_arguments(messages: list[dict]) -> list[dict]:
    """Tool-call arguments as JSON text, so a `datasets` table need not merge every tool's keys."""
    for m in messages:
        for call in m.get("tool_calls") or []:
            if not isinstance(call["function"]["arguments"], str):
                call["function"]["arguments"] = json.dumps(call["function"]["arguments"])
    return messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="gemma-3-270m", help="a catalog id")
    parser.add_argument("--tool", default="create_ticket", help="the task: calls that offer this tool")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    from flywheel.select.catalog import load_catalog, resolve

    entry = next(e for e in load_catalog() if e.id == args.model)
    model_dir = str(resolve(entry, settings.models_dir()))
    if args.child:
        kind, data = args.child
        print(json.dumps(child(kind, model_dir, data, args.steps, args.batch, args.max_length, args.lr)))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}; model "
          f"{args.model}; {args.steps} steps of {args.batch} examples, max_length {args.max_length}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        data = build_task(Path(tmp), args.tool, args.records)
        n = pl.read_parquet(data / "train.parquet").height
        print(f"task: calls offering {args.tool}, {n} training examples")
        def measure(kind: str, steps: int) -> dict:
            command = [sys.executable, __file__, "--model", args.model, "--steps", str(steps), "--batch",
                       str(args.batch), "--max-length", str(args.max_length), "--lr", str(args.lr),
                       "--child", kind, str(data)]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"the {kind} run failed:\n{done.stderr[-3000:]}")
            return json.loads(done.stdout.strip().splitlines()[-1])

        d, f = measure("default", args.steps), measure("flywheel", args.steps)
        # the same wall-clock time as the default's training: as many steps as Flywheel's speed buys
        same_time_steps = max(args.steps, round(args.steps * d["seconds"] / f["seconds"]))
        t = measure("flywheel", same_time_steps)
    print(f"{'':28}{'default SFTTrainer':>20}{'flywheel':>14}{'ratio':>10}")
    print(f"{'tokens/s':28}{d['tokens_per_second']:>20.1f}{f['tokens_per_second']:>14.1f}"
          f"{f['tokens_per_second'] / d['tokens_per_second']:>9.2f}x")  # fmt: skip
    print(f"{'training seconds':28}{d['seconds']:>20.1f}{f['seconds']:>14.1f}")
    print(f"{'peak RSS (MB)':28}{d['peak_rss_mb']:>20.0f}{f['peak_rss_mb']:>14.0f}"
          f"{f['peak_rss_mb'] / d['peak_rss_mb']:>9.2f}x")  # fmt: skip
    print(f"{'validation loss (replies)':28}{d['validation_reply_loss']:>20.4f}{f['validation_reply_loss']:>14.4f}"
          f"{f['validation_reply_loss'] / d['validation_reply_loss']:>9.2f}x   (same steps)")  # fmt: skip
    print(f"{'  in the same time':28}{d['validation_reply_loss']:>20.4f}{t['validation_reply_loss']:>14.4f}"
          f"{t['validation_reply_loss'] / d['validation_reply_loss']:>9.2f}x   (Flywheel: {same_time_steps} steps, "
          f"{t['seconds']:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
