"""A task's test split as an lm-evaluation-harness task, and its runs on a base model with or
without the task's LoRA adapter.

`write_task` writes a folder a user can rerun with the `lm_eval` command line (`command` says the
exact line): `test.jsonl` (per test example the prompt rendered by the model's own chat template,
the same prompt with a few train examples before it, the logged reply and the offered tools), two
task YAMLs (`<name>` zero-shot, `<name>_icl` in-context) whose metrics are `flywheel.evaluate.metrics`,
and `utils.py` that the YAMLs point at. Prompts are rendered here, not by lm-eval's
`apply_chat_template`, because lm-eval's HF backend does not pass a document's tools to the template.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import yaml

from flywheel.evaluate.metrics import METRICS, nanmean
from flywheel.train.data import encode
from flywheel.train.inference import contiguous_head

UTILS = '''"""Metric functions of Flywheel's generated lm-eval tasks."""

import json

from flywheel.evaluate.metrics import nanmean, score  # noqa: F401


def process_results(doc, results):
    return score(results[0], json.loads(doc["reference"]), json.loads(doc["tools"]))
'''


def task_name(task_id: str) -> str:
    return "flywheel_" + "".join(c if c.isalnum() else "_" for c in task_id)


def _shots(train: pl.DataFrame, count: int) -> list[dict]:
    """The turns of up to `count` short train conversations, one per distinct first tool (or text)
    first, then the shortest others."""
    rows = train.sort("prompt_tokens", "request_id").select("messages", "first_tool").rows()
    picked, seen = [], set()
    for i, (_, tool) in enumerate(rows):
        if tool not in seen and len(picked) < count:
            picked.append(i)
            seen.add(tool)
    picked += [i for i in range(len(rows)) if i not in picked][: count - len(picked)]
    return [turn for i in picked for turn in json.loads(rows[i][0])]


def reply_tokens(frame: pl.DataFrame, tokenizer) -> list[int]:
    """The length in the model's tokens of each example's logged reply, as training sees it (the
    completion of `flywheel.train.data.encode`)."""
    examples = frame.select("messages", "tools").iter_rows()
    return [sum(row["completion_mask"]) for row in encode(examples, tokenizer, sys.maxsize).rows]


def generation_budget(train: pl.DataFrame, test: pl.DataFrame, tokenizer, ceiling: int) -> int:
    """New tokens to allow: the longest logged reply of the task and a quarter more, at most `ceiling`.
    A base model that does not stop would otherwise write `ceiling` tokens for every example."""
    longest = max(reply_tokens(pl.concat([train, test]), tokenizer), default=ceiling)
    return min(ceiling, int(longest * 1.25) + 8)


def interleaved(test: pl.DataFrame) -> pl.DataFrame:
    """The test split in the order lm-eval reads it: each kind of reply (tool call, text) spread
    evenly, so that a `limit` evaluates every kind in its share, not whichever the first ids hold."""
    ranked = test.sort("request_id").with_columns(
        ((pl.int_range(pl.len()).over("kind") + 0.5) / pl.len().over("kind")).alias("_at")
    )
    return ranked.sort("_at", "kind", "request_id").drop("_at")


def write_task(folder: Path, task_id: str, test: pl.DataFrame, train: pl.DataFrame, tokenizer,
               shots: int = 3, max_new_tokens: int = 256, data_file: Path | None = None) -> str:  # fmt: skip
    """Write the lm-eval task of a test split into `folder`; returns the zero-shot task's name.
    `data_file` is where the YAMLs find `test.jsonl` (when `folder` is a staging copy of it)."""
    folder.mkdir(parents=True, exist_ok=True)
    in_context = _shots(train, shots)

    def render(turns: list[dict], tools: list[dict]) -> str:
        return tokenizer.apply_chat_template(turns, tools=tools or None, add_generation_prompt=True, tokenize=False)

    with open(folder / "test.jsonl", "w") as out:
        for rid, messages_json, tools_json in interleaved(test).select("request_id", "messages", "tools").rows():
            messages, tools = json.loads(messages_json), json.loads(tools_json)
            doc = {"request_id": rid, "prompt": render(messages[:-1], tools),
                   "prompt_icl": render(in_context + messages[:-1], tools),
                   "reference": json.dumps(messages[-1], ensure_ascii=False), "tools": tools_json}  # fmt: skip
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    (folder / "utils.py").write_text(UTILS)
    name, data = task_name(task_id), data_file or folder / "test.jsonl"
    for suffix, field_name in (("", "prompt"), ("_icl", "prompt_icl")):
        spec = {
            "task": name + suffix, "dataset_path": "json",
            "dataset_kwargs": {"data_files": {"test": str(data.resolve())},  # cached beside it, not under ~/.cache
                               "cache_dir": str(data.parent.resolve() / "cache")},
            "test_split": "test", "output_type": "generate_until",
            "doc_to_text": "{{" + field_name + "}}", "doc_to_target": "{{reference}}", "target_delimiter": "",
            "generation_kwargs": {"until": ["<end_of_turn>"], "max_gen_toks": max_new_tokens, "do_sample": False},
            "process_results": "PROCESS",
            "metric_list": [{"metric": m, "aggregation": "NANMEAN", "higher_is_better": True} for m in METRICS],
            "metadata": {"version": 1.0, "flywheel_task": task_id},
        }  # fmt: skip
        text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        text = text.replace("PROCESS", "!function utils.process_results").replace("NANMEAN", "!function utils.nanmean")
        (folder / f"{name}{suffix}.yaml").write_text(text)
    return name


def device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def model_args(model_dir: str | Path, adapter: str | Path | None) -> str:
    """bf16 on a GPU and on a CPU with fast bf16 (2.5x faster generation than fp32 here), as in training."""
    from flywheel.train.precision import pick_dtype

    dtype, _ = pick_dtype("auto", device())
    return f"pretrained={model_dir}" + (f",peft={adapter}" if adapter else "") + f",dtype={dtype}"


def command(folder: Path, task: str, model_dir: str | Path, adapter: str | Path | None,
            batch_size: int = 1) -> str:  # fmt: skip
    """The `lm_eval` command line that reruns exactly this evaluation."""
    return shlex.join(["lm_eval", "--model", "hf", "--model_args", model_args(model_dir, adapter),
                       "--device", device(), "--tasks", task, "--include_path", str(folder),
                       "--batch_size", str(batch_size),
                       "--log_samples", "--output_path", str(folder / "results")])  # fmt: skip


@dataclass
class Run:
    """One model on one lm-eval task: mean metrics, per-example scores and outputs, speed."""

    task: str
    metrics: dict[str, float]
    examples: int
    seconds: float
    generated_tokens: int
    outputs: list[dict] = field(default_factory=list)  # request_id, output and its scores

    @property
    def seconds_per_call(self) -> float:
        return self.seconds / max(1, self.examples)

    @property
    def tokens_per_second(self) -> float:
        return self.generated_tokens / self.seconds if self.seconds else 0.0


def run(folder: Path, tasks: list[str], model_dir: str | Path, adapter: str | Path | None = None,
        limit: int | None = None, batch_size: int = 1) -> dict[str, Run]:  # fmt: skip
    """Run lm-eval's `simple_evaluate` on `tasks` with the HF model (and the PEFT adapter); returns
    one `Run` per task. With `batch_size` 1 the time per call is a latency; with more, requests are
    generated together (as a serving engine batches them) and the time per call is wall time over
    calls: a throughput, the figure that sets the cost of serving."""
    import lm_eval
    from lm_eval.models.huggingface import HFLM
    from lm_eval.tasks import TaskManager

    model = HFLM.create_from_arg_string(
        model_args(model_dir, adapter), {"batch_size": batch_size, "device": device()}
    )  # loaded once, not timed
    contiguous_head(model.model)  # with an adapter, twice as fast a prompt pass on a CPU (see the module)
    # only this folder's tasks: indexing lm-eval's thousands of bundled task files took 23 s a
    # process here, and inside the timed call it inflated the time per call
    manager = TaskManager(include_path=str(folder), include_defaults=False)
    tokenizer = model.tokenizer
    out = {}
    for task in tasks:  # one task per call: each has its own time
        start = time.perf_counter()
        results = lm_eval.simple_evaluate(model=model, tasks=[task],
                                          task_manager=manager, batch_size=batch_size,
                                          limit=limit, log_samples=True, apply_chat_template=False,
                                          verbosity="WARNING")  # fmt: skip
        seconds = time.perf_counter() - start
        samples = results["samples"][task]
        outputs, tokens = [], 0
        for sample in samples:
            text = sample["filtered_resps"][0]
            text = text[0] if isinstance(text, list) else text
            tokens += len(tokenizer(text, add_special_tokens=False)["input_ids"])
            outputs.append({"request_id": sample["doc"]["request_id"], "output": text,
                            **{m: sample.get(m) for m in METRICS}})  # fmt: skip
        metrics = {m: nanmean(o[m] for o in outputs) for m in METRICS}
        out[task] = Run(task, metrics, len(samples), seconds, tokens, outputs)
    return out
