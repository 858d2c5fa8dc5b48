"""LoRA (QLoRA on CUDA) fine-tuning of one base model on one task's dataset with TRL and PEFT.

Loss is taken on the logged reply only (prompt-completion data: only the reply's positions go
through Gemma's 262k-token head, a slice at a time, see shared_prefix.py and head_loss.py).
Batches are drawn at random, so each mixes the task's kinds of reply (tool calls, text). The
adapter is written to a staging folder and renamed into place when complete: a killed training
leaves no adapter.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from flywheel.folders import write_folder
from flywheel.train.data import encode, read_split
from flywheel.train.precision import pick_dtype


@dataclass(frozen=True)
class TrainConfig:
    """The reference system's defaults (rank 32, 2 epochs, lr 1e-4) unless set."""

    rank: int = 32
    alpha: int = 64
    dropout: float = 0.0  # LoRA dropout draws a mask per adapted layer: 0.05 cost a fifth of a CPU step here
    target_modules: str = "all-linear"
    epochs: float = 2.0
    learning_rate: float = 1e-4
    # the learning rate's schedule, any of transformers' (linear, constant, cosine, ...); a run cut short
    # by `steps_at_most` learns more with "constant" (the demo's: see the README)
    schedule: str = "linear"
    max_length: int = 2048
    batch_size: int = 4
    gradient_accumulation: int = 1
    max_steps: int = -1  # > 0: exactly this many steps, however many epochs that is (tests, smoke runs)
    steps_at_most: int = -1  # > 0: the epochs, cut short after this many steps (a time budget, as the demo's)
    # > 0: stop once the mean training loss of the last `stop_patience` steps is below this (see `learnt`)
    stop_at_loss: float = 0.0
    stop_patience: int = 10
    seed: int = 0
    quantize: str = "auto"  # "auto": QLoRA 4-bit on CUDA where a bf16 base is large for the GPU; "4bit"; "none"
    shared_prefix: bool = True  # run a batch's shared prefix (tools, system prompt) once, see shared_prefix.py
    precision: str = "auto"  # "auto": bf16 on CUDA and on a CPU with fast bf16 (see precision.py); "bf16"; "fp32"
    gradient_checkpointing: bool = False  # saves memory on large models at a third more compute; not with shared_prefix

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class TrainResult:
    adapter: Path
    method: str  # "qlora" or "lora"
    device: str
    why: str
    steps: int
    train_examples: int
    too_long: int
    seconds: float
    tokens_per_second: float
    peak_memory_mb: float
    eval_loss_before: float | None
    eval_loss_after: float | None
    losses: list[tuple[int, float]]


QLORA_SHARE = 0.5  # "auto" quantises a base whose bf16 weights would take over this share of free GPU memory


@dataclass(frozen=True)
class Machine:
    """What the method depends on: CUDA, bitsandbytes, free GPU memory and the base's weights."""

    cuda: bool
    bitsandbytes: bool = False
    free_gpu_gb: float = 0.0
    bf16_weights_gb: float = 0.0

    @classmethod
    def here(cls, model_dir: str | Path) -> Machine:
        import torch

        if not torch.cuda.is_available():
            return cls(cuda=False)
        try:
            import bitsandbytes  # noqa: F401

            bnb = True
        except ImportError:
            bnb = False
        weights = sum(f.stat().st_size for f in Path(model_dir).glob("*.safetensors"))
        config = json.loads((Path(model_dir) / "config.json").read_text())
        bytes_per_weight = 4 if str(config.get("dtype", config.get("torch_dtype", "float32"))) == "float32" else 2
        return cls(True, bnb, torch.cuda.mem_get_info()[0] / 2**30, weights / bytes_per_weight * 2 / 2**30)


def pick_method(config: TrainConfig, machine: Machine) -> tuple[str, str, str]:
    """(method, device, why). The CPU trains plain LoRA in fp32. On CUDA, LoRA on a bf16 base
    unless the base is large for the GPU: QLoRA (4-bit NF4 base, bitsandbytes) saves memory, not
    time (on an H200 it took Gemma 3 270M at half the tokens/s of bf16 LoRA and no less memory,
    the activations of the 262k-token head being most of it). `quantize`: "auto", "4bit" or "none"."""
    if not machine.cuda:
        return "lora", "cpu", "no CUDA device: plain LoRA on the CPU"
    if config.quantize == "none":
        return "lora", "cuda", "CUDA device, quantisation off in the config: LoRA on a bf16 base"
    if not machine.bitsandbytes:
        return "lora", "cuda", "CUDA device without bitsandbytes: LoRA on a bf16 base"
    if config.quantize == "4bit":
        return "qlora", "cuda", "CUDA device, 4-bit asked in the config: QLoRA, 4-bit NF4 base"
    weights, free = machine.bf16_weights_gb, machine.free_gpu_gb
    if weights > QLORA_SHARE * free:
        return "qlora", "cuda", f"bf16 weights {weights:.1f} GB of {free:.1f} GB free on the GPU: QLoRA, 4-bit NF4 base"
    return "lora", "cuda", (f"bf16 weights {weights:.1f} GB of {free:.1f} GB free on the GPU: LoRA on a bf16 base "
                            "(QLoRA saves memory at about half the speed)")  # fmt: skip


def peak_memory_mb(device: str) -> float:
    import resource

    import torch

    if device == "cuda":
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def train(
    model_dir: str | Path,
    dataset_dir: str | Path,
    out_dir: str | Path,
    config: TrainConfig,
    log: Callable[[str], None] = print,
    on_step: Callable[[dict], None] | None = None,
) -> TrainResult:
    """Train an adapter of `model_dir` on the dataset folder's train split (validation for the
    loss before and after) and write it, with the tokenizer, to `out_dir`."""
    import torch
    from datasets import Dataset
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer, PrinterCallback, TrainerCallback
    from trl import SFTConfig, SFTTrainer

    from flywheel.train.shared_prefix import SharedPrefixTrainer

    method, device, why = pick_method(config, Machine.here(model_dir))
    dtype, precision_why = pick_dtype(config.precision, device)
    bf16 = dtype == "bfloat16"
    why += f"; {precision_why}"
    if config.shared_prefix:
        why += "; each batch's shared prefix computed once"
    if device == "cuda":
        # cuDNN's attention plans anew for each shape: on an H200 it took 3 ms of CPU per call, a
        # third of a step's time on the shared prefix's varying lengths; flash/efficient kernels do not
        torch.backends.cuda.enable_cudnn_sdp(False)
    log(f"training with {method} on {device}: {why}")
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    train_set = encode(read_split(dataset_dir, "train"), tokenizer, config.max_length)
    val_set = encode(read_split(dataset_dir, "validation"), tokenizer, config.max_length)
    if not train_set.rows:
        raise ValueError(f"no training example fits max_length={config.max_length} ({train_set.too_long} too long)")
    log(f"{len(train_set.rows)} training examples ({train_set.too_long} longer than {config.max_length} tokens left "
        f"out), {len(val_set.rows)} validation")  # fmt: skip
    # On the CPU, eager attention took a step in 2.5 s where SDPA's flash kernel took 3.1 s (Gemma 3 270M, bf16)
    load: dict = {"dtype": getattr(torch, dtype), "attn_implementation": "eager" if device == "cpu" else "sdpa"}
    if device == "cuda":
        load["device_map"] = {"": 0}
        if method == "qlora":
            from transformers import BitsAndBytesConfig

            load["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16,
                bnb_4bit_use_double_quant=True,
            )  # fmt: skip
    model = AutoModelForCausalLM.from_pretrained(str(model_dir), **load)
    peft_config = LoraConfig(r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout,
                             target_modules=config.target_modules, task_type="CAUSAL_LM")  # fmt: skip
    losses: list[tuple[int, float]] = []

    class Progress(TrainerCallback):
        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                losses.append((state.global_step, float(logs["loss"])))
                elapsed = time.perf_counter() - start
                line = {"step": state.global_step, "of": state.max_steps, "loss": round(float(logs["loss"]), 4),
                        "tokens_per_second": round(tokens_seen(state.global_step) / max(elapsed, 1e-9), 1),
                        "peak_memory_mb": round(peak_memory_mb(device), 1),
                        "learning_rate": float(logs.get("learning_rate", config.learning_rate))}  # fmt: skip
                log(f"step {line['step']}/{line['of']}: loss {line['loss']}, {line['tokens_per_second']} tokens/s, "
                    f"peak memory {line['peak_memory_mb']} MB")  # fmt: skip
                if on_step:
                    on_step(line)
                if learnt([loss for _, loss in losses], config.stop_at_loss, config.stop_patience):
                    log(f"stopping at step {state.global_step} of {state.max_steps}: the mean training loss of the "
                        f"last {config.stop_patience} steps is below {config.stop_at_loss}")  # fmt: skip
                    control.should_training_stop = True

    per_step = config.batch_size * config.gradient_accumulation
    mean_tokens = train_set.tokens / len(train_set.rows)

    def tokens_seen(step: int) -> float:
        return step * per_step * mean_tokens

    with tempfile.TemporaryDirectory(prefix="flywheel-train-") as scratch:
        args = SFTConfig(
            output_dir=scratch, num_train_epochs=config.epochs, max_steps=_max_steps(config, len(train_set.rows)),
            learning_rate=config.learning_rate, lr_scheduler_type=config.schedule,
            per_device_train_batch_size=config.batch_size, per_device_eval_batch_size=config.batch_size,
            gradient_accumulation_steps=config.gradient_accumulation,
            logging_steps=1, save_strategy="no", eval_strategy="no", report_to=[], seed=config.seed,
            max_length=config.max_length, completion_only_loss=True,
            # random batches mix a task's kinds of reply: grouped by length, a tool call's and a text reply's
            # examples fell into blocks of their own, and each block undid the last one's first token
            # (the demo's ticket task ended on calls and answered every tool result with the call again)
            train_sampling_strategy="random",
            bf16=bf16, use_cpu=device == "cpu", dataloader_num_workers=0,
            disable_tqdm=True,  # the Progress lines reach the run's log and the terminal (pipes_child)
            gradient_checkpointing=config.gradient_checkpointing and not config.shared_prefix,
        )  # fmt: skip
        trainer_class = SharedPrefixTrainer if config.shared_prefix else SFTTrainer
        trainer = trainer_class(
            model=model, args=args, processing_class=tokenizer, peft_config=peft_config,
            train_dataset=Dataset.from_list(train_set.rows),
            eval_dataset=Dataset.from_list(val_set.rows) if val_set.rows else None, callbacks=[Progress()],
        )  # fmt: skip
        trainer.remove_callback(PrinterCallback)  # the Progress lines say it, without raw dicts
        before = trainer.evaluate()["eval_loss"] if val_set.rows else None
        start = time.perf_counter()
        state = trainer.train()
        seconds = time.perf_counter() - start
        after = trainer.evaluate()["eval_loss"] if val_set.rows else None

        def fill(staging: Path) -> None:
            trainer.model.save_pretrained(str(staging))
            tokenizer.save_pretrained(str(staging))

        out_dir = write_folder(Path(out_dir), fill)
    steps = state.global_step
    return TrainResult(
        adapter=out_dir, method=method, device=device, why=why, steps=steps, train_examples=len(train_set.rows),
        too_long=train_set.too_long, seconds=seconds, tokens_per_second=tokens_seen(steps) / max(seconds, 1e-9),
        peak_memory_mb=peak_memory_mb(device), eval_loss_before=_finite(before), eval_loss_after=_finite(after),
        losses=losses,
    )  # fmt: skip


def learnt(losses: list[float], mark: float, patience: int) -> bool:
    """Whether the train split is learnt: the mean loss of the last `patience` steps is below `mark`
    (0: never). Steps past that point did harm in the demo: at a constant rate, Adam's steps keep
    their size as the gradients vanish, and the support-ticket adapter, its losses all under 0.0002
    from step 57 on, drifted into spikes (0.02 and 0.07 at steps 76 and 79 of 80) and ended opening
    every reply with the wrong first token (a call after a tool result, an empty reply instead of a
    call: 0 of 16 on the test examples). A mean, not every step below the mark: one 0.0012 at step 63
    had kept that training from stopping (the mean was below 0.001 from step 58)."""
    recent = losses[-patience:]
    return mark > 0 and patience > 0 and len(recent) == patience and sum(recent) / patience < mark


def _max_steps(config: TrainConfig, examples: int) -> int:
    """The trainer's max_steps: `max_steps` if set; else `steps_at_most` where the epochs would
    take longer; else -1 (the epochs decide)."""
    if config.max_steps > 0:
        return config.max_steps
    per_epoch = math.ceil(math.ceil(examples / config.batch_size) / config.gradient_accumulation)  # as Trainer counts
    epochs_steps = math.ceil(per_epoch * config.epochs)
    return config.steps_at_most if 0 < config.steps_at_most < epochs_steps else -1


def _finite(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)
