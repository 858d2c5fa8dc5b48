"""Choose each task's base SLM from the catalog: among the candidates that load here, fit the
machine's memory (GPU memory where there is a GPU, RAM otherwise) and the task's lengths, the one
that scores best zero-shot on a few validation examples, weighed against its size. Every
candidate gets a reason, chosen or not."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flywheel.select.catalog import Entry, Unavailable, resolve

LENGTH_MARGIN = 1.5  # the card counts WordPiece tokens; an SLM's tokenizer may count more
SIZE_WEIGHT = 0.05  # score given up per doubling of parameters


@dataclass(frozen=True)
class Hardware:
    device: str  # "cuda" or "cpu"
    memory_gb: float  # GPU memory on CUDA, else RAM
    quantize: bool  # QLoRA possible (CUDA and bitsandbytes)

    @classmethod
    def here(cls) -> Hardware:
        import torch

        if torch.cuda.is_available():
            try:
                import bitsandbytes  # noqa: F401

                quantize = True
            except ImportError:
                quantize = False
            return cls("cuda", torch.cuda.get_device_properties(0).total_memory / 2**30, quantize)
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        return cls("cpu", ram, False)


@dataclass
class Choice:
    model_id: str | None
    model_dir: str | None
    reasons: list[dict] = field(default_factory=list)  # one per candidate: id, verdict, reason, score


def choose(catalog: list[Entry], card: dict, hardware: Hardware, models_dir: str | Path,
           include_test_models: bool = False, allow_downloads: bool = False,
           scorer: Callable[[Path], float] | None = None) -> Choice:  # fmt: skip
    """The choice for a task whose dataset card is `card` (its prompt and target lengths)."""
    need = (card.get("prompt_tokens") or {}).get("p99", 0) + (card.get("target_tokens") or {}).get("p99", 0)
    need = math.ceil(need * LENGTH_MARGIN)
    method = "qlora" if hardware.quantize else "lora"
    reasons, fit = [], []
    for entry in catalog:
        row = {"model": entry.id, "params_m": entry.params_m, "verdict": "skipped", "reason": "", "score": None}
        reasons.append(row)
        if entry.tests_only and not include_test_models:
            row["reason"] = "for tests only (random weights)"
            continue
        memory = entry.memory_gb.get(method, math.inf)
        if memory > hardware.memory_gb:
            row["reason"] = f"{method} takes ~{memory:g} GB, {hardware.device} has {hardware.memory_gb:.1f} GB"
            continue
        if need > entry.context:
            row["reason"] = f"context {entry.context} tokens, the task needs ~{need}"
            continue
        try:
            path = resolve(entry, models_dir, allow_downloads)
        except Unavailable as exc:
            row["reason"] = str(exc)
            continue
        row["verdict"], row["reason"] = "candidate", f"loads, fits {method} on {hardware.device} and ~{need} tokens"
        fit.append((entry, path, row))
    if not fit:
        return Choice(None, None, reasons)
    if len(fit) > 1 and scorer is not None:
        for _, path, row in fit:
            row["score"] = round(scorer(path), 4)
        best = max(fit, key=lambda f: f[2]["score"] - SIZE_WEIGHT * math.log2(max(f[0].params_m, 1)))
    else:
        best = min(fit, key=lambda f: f[0].params_m)  # alone, or no scorer: the smallest
    best[2]["verdict"] = "chosen"
    return Choice(best[0].id, str(best[1]), reasons)


def zero_shot_scorer(dataset_dir: str | Path, examples: int = 8, max_new_tokens: int = 128) -> Callable[[Path], float]:
    """A scorer: the share of the first `examples` validation examples where the model, zero-shot,
    makes the logged decision (the same tool, or a text answer where the LLM answered in text)."""
    import polars as pl

    rows = pl.read_parquet(Path(dataset_dir) / "validation.parquet").sort("request_id").head(examples)

    def score(model_dir: Path) -> float:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from flywheel.train.template import parse_reply

        tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        from flywheel.train.precision import torch_dtype

        model = AutoModelForCausalLM.from_pretrained(str(model_dir), dtype=torch_dtype()).eval()
        right = 0
        for messages_json, tools_json in rows.select("messages", "tools").iter_rows():
            messages, tools = json.loads(messages_json), json.loads(tools_json) or None
            ids = tokenizer.apply_chat_template(messages[:-1], tools=tools, add_generation_prompt=True,
                                                return_tensors="pt", return_dict=True)  # fmt: skip
            with torch.no_grad():
                out = model.generate(**ids, max_new_tokens=max_new_tokens, do_sample=False)
            reply = parse_reply(tokenizer.decode(out[0, ids["input_ids"].shape[1] :], skip_special_tokens=False))
            right += _first_tool(reply) == _first_tool(messages[-1])
        return right / max(1, rows.height)

    return score


def _first_tool(message: dict) -> str | None:
    calls = message.get("tool_calls") or []
    return calls[0]["function"]["name"] if calls else None
