"""Fine-tuning speed: Flywheel's training setup beside TRL's default SFTTrainer configuration, on
the same base model, data, LoRA config, learning rate, batch and number of steps, in one run.

- Data: the sample generator's traffic, collected and scrubbed through the pipeline; the calls
  that offer `--tool` form the task; `flywheel.datasets` cleans and splits them.
- flywheel: `flywheel.train.lora.train` (prompt-completion examples: loss on the logged reply
  only, projected through the head a slice of positions at a time; each batch's shared prefix run
  once; no gradient checkpointing; batches drawn at random, as the default's; a bf16 base on a CPU that is
  measured faster at bf16, eager attention and no LoRA dropout on the CPU).
- default: `SFTTrainer` on the same examples as `messages` + `tools` conversations, `SFTConfig`
  defaults otherwise (loss on every token, gradient checkpointing, fp32 weights, bf16 autocast).
Each runs in its own process (its peak memory is its own). Printed: tokens/s (the examples'
tokens over the training seconds), peak RSS, the validation loss on the replies (one measure,
computed the same way for both) after the same number of steps and after the same training time
(Flywheel takes as many steps as fit in the default's seconds), and the ratios.

On a CUDA GPU both train on the GPU (the default in its SFTConfig defaults: fp32 weights, bf16
autocast, gradient checkpointing), peak memory is the GPU's, and Flywheel's QLoRA is measured too.
benchmarks/device/ runs it on a lent GPU machine that cannot download (random weights there).

    .venv/bin/python benchmarks/train_speed.py --steps 8               # Gemma 3 270M (converted once)
    .venv/bin/python benchmarks/train_speed.py --model tiny-gemma --steps 30 --max-length 8192   # a try
    .venv/bin/python benchmarks/train_speed.py --data DIR --build-only  # keep the task folder in DIR
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from flywheel import settings
from flywheel.train.data import encode, read_split


def build_task(folder: Path, tool: str, records: int) -> Path:
    """The task's train and validation splits as `task_datasets` writes them."""
    import polars as pl

    from flywheel.datasets.build import DatasetConfig, clean
    from flywheel.lake import Lake
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
    out.mkdir(exist_ok=True)
    for split in ("train", "validation"):
        frame.filter(pl.col("split") == split).write_parquet(out / f"{split}.parquet")
    return out


def reply_loss(model, tokenizer, examples: list[tuple[str, str]], max_length: int) -> float:
    """Mean loss on the reply tokens of the examples (the prompt is context only)."""
    import torch

    total = count = 0.0
    model.eval()
    with torch.no_grad():
        for row in encode(examples, tokenizer, max_length).rows:
            ids = torch.tensor([row["input_ids"]], device=model.device)
            pairs = zip(row["input_ids"], row["completion_mask"], strict=True)
            labels = torch.tensor([[t if m else -100 for t, m in pairs]], device=model.device)
            logits = model(input_ids=ids).logits[0, :-1].float()
            loss = torch.nn.functional.cross_entropy(logits, labels[0, 1:], reduction="sum", ignore_index=-100)
            total += float(loss)
            count += int((labels[0, 1:] != -100).sum())
    return total / max(count, 1)


def child(kind: str, model_dir: str, data: str, steps: int, batch: int, max_length: int, lr: float) -> dict:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from flywheel.train.lora import TrainConfig, peak_memory_mb, train

    cuda = torch.cuda.is_available()
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    train_examples, val_examples = read_split(data, "train"), read_split(data, "validation")
    encoded = encode(train_examples, tokenizer, max_length)
    out = Path(tempfile.mkdtemp()) / "adapter"
    quantize = "4bit" if kind == "flywheel-qlora" else "auto"
    config = TrainConfig(max_steps=steps, batch_size=batch, max_length=max_length, learning_rate=lr, quantize=quantize)
    if kind.startswith("flywheel"):
        result = train(model_dir, data, out, config, log=lambda line: print(line, file=sys.stderr))
        seconds, steps_done, peak, how = result.seconds, result.steps, result.peak_memory_mb, result.why
    else:
        from datasets import Dataset
        from peft import LoraConfig
        from trl import SFTConfig, SFTTrainer

        rows = [{"messages": _string_arguments(json.loads(m)), "tools": json.loads(t)} for m, t in train_examples]
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
        peft = LoraConfig(r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
                          target_modules=config.target_modules, task_type="CAUSAL_LM")  # fmt: skip
        args = SFTConfig(output_dir=str(out.parent / "scratch"), max_steps=steps, learning_rate=lr,
                         per_device_train_batch_size=batch, max_length=max_length, report_to=[],
                         save_strategy="no", logging_steps=1, use_cpu=not cuda, seed=0)  # fmt: skip
        trainer = SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(rows), processing_class=tokenizer,
                             peft_config=peft)  # fmt: skip
        how = f"SFTConfig defaults: bf16 {args.bf16}, gradient checkpointing {args.gradient_checkpointing}"
        start = time.perf_counter()
        trainer.train()
        seconds, steps_done = time.perf_counter() - start, steps
        peak = peak_memory_mb("cuda" if cuda else "cpu")
        trainer.model.save_pretrained(str(out))
        del trainer, model
    mean_tokens = encoded.tokens / max(1, len(encoded.rows))
    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32, device_map={"": 0} if cuda else None)
    tuned = PeftModel.from_pretrained(base, str(out))
    return {
        "kind": kind,
        "how": how,
        "seconds": seconds,
        "tokens_per_second": steps_done * batch * mean_tokens / seconds,
        "peak_memory_mb": peak,
        "validation_reply_loss": reply_loss(tuned, tokenizer, val_examples, max_length),
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
    parser.add_argument("--model-dir", help="a local model folder instead of a catalog id")
    parser.add_argument("--data", help="a task folder (train/validation.parquet): used if there, else built there")
    parser.add_argument("--tool", default="create_ticket", help="the task: calls that offer this tool")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--max-length", type=int, default=1024)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--build-only", action="store_true", help="build the task folder (--data) and stop")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    model_dir = args.model_dir
    if not model_dir and not args.build_only:
        from flywheel.select.catalog import load_catalog, resolve

        entry = next(e for e in load_catalog() if e.id == args.model)
        model_dir = str(resolve(entry, settings.models_dir()))
    if args.child:
        kind, data = args.child
        print(json.dumps(child(kind, model_dir, data, args.steps, args.batch, args.max_length, args.lr)))
        return
    import torch

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {gpu}, python {platform.python_version()}, "
          f"torch {torch.__version__}; model {model_dir or args.model}; {args.steps} steps of {args.batch} examples, "
          f"max_length {args.max_length}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.data) if args.data else Path(tmp) / "dataset"
        if not (folder / "train.parquet").is_file():
            built = build_task(Path(tmp), args.tool, args.records)
            folder.mkdir(parents=True, exist_ok=True)
            for split in ("train", "validation"):
                (built / f"{split}.parquet").replace(folder / f"{split}.parquet")
        print(f"task: {folder}, {len(read_split(folder, 'train'))} training examples")
        if args.build_only:
            return

        def measure(kind: str, steps: int) -> dict:
            model = ["--model-dir", model_dir] if args.model_dir else ["--model", args.model]
            command = [sys.executable, __file__, *model, "--steps", str(steps), "--batch", str(args.batch),
                       "--max-length", str(args.max_length), "--lr", str(args.lr),
                       "--child", kind, str(folder)]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"the {kind} run failed:\n{done.stderr[-3000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{kind} ({steps} steps): {result['how']}; {json.dumps(result)}", flush=True)
            return result

        d, f = measure("default", args.steps), measure("flywheel", args.steps)
        # the same wall-clock time as the default's training: as many steps as Flywheel's speed buys
        same_time_steps = max(args.steps, round(args.steps * d["seconds"] / f["seconds"]))
        t = measure("flywheel", same_time_steps)
        variants = {"flywheel": f}
        if torch.cuda.is_available():
            variants["flywheel, QLoRA"] = measure("flywheel-qlora", args.steps)
    memory = "peak GPU memory (MB)" if torch.cuda.is_available() else "peak RSS (MB)"
    for name, v in variants.items():
        print(f"\n{'':28}{'default SFTTrainer':>20}{name:>20}{'ratio':>10}")
        print(f"{'tokens/s':28}{d['tokens_per_second']:>20.1f}{v['tokens_per_second']:>20.1f}"
              f"{v['tokens_per_second'] / d['tokens_per_second']:>9.2f}x")  # fmt: skip
        print(f"{'training seconds':28}{d['seconds']:>20.1f}{v['seconds']:>20.1f}")
        print(f"{memory:28}{d['peak_memory_mb']:>20.0f}{v['peak_memory_mb']:>20.0f}"
              f"{v['peak_memory_mb'] / d['peak_memory_mb']:>9.2f}x")  # fmt: skip
        print(f"{'validation loss (replies)':28}{d['validation_reply_loss']:>20.4f}{v['validation_reply_loss']:>20.4f}"
              f"{v['validation_reply_loss'] / d['validation_reply_loss']:>9.2f}x   (same steps)")  # fmt: skip
    print(f"{'  in the same time':28}{d['validation_reply_loss']:>20.4f}{t['validation_reply_loss']:>20.4f}"
          f"{t['validation_reply_loss'] / d['validation_reply_loss']:>9.2f}x   (Flywheel: {same_time_steps} steps, "
          f"{t['seconds']:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
