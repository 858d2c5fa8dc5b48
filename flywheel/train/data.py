"""A task's dataset as token ids for training: the prompt (tools and conversation) with no loss,
the logged reply as the completion the model learns. Rendering and tokenising here, not in TRL,
keeps tool-call arguments as the objects they are (a `datasets` table would merge every tool's
argument keys into one struct) and lets an example too long for `max_length` be counted and left
out instead of cut: a cut prompt loses the tool schemas it starts with."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Encoded:
    rows: list[dict]  # {"input_ids", "completion_mask"}
    too_long: int
    tokens: int  # all tokens (prompt and completion) of the kept rows
    completion_tokens: int


def read_split(dataset_dir: str | Path, split: str) -> list[tuple[str, str]]:
    """A split of a dataset folder as (messages, tools) JSON pairs. Read with pyarrow, not polars:
    the training process (a GPU job in deployment) needs neither polars nor the lake."""
    import pyarrow.parquet as pq

    table = pq.read_table(Path(dataset_dir) / f"{split}.parquet", columns=["messages", "tools"])
    return list(zip(table.column("messages").to_pylist(), table.column("tools").to_pylist(), strict=True))


def encode(examples: Iterable[tuple[str, str]], tokenizer, max_length: int) -> Encoded:
    """Every example of a split ((`messages`, `tools`) as JSON text) as ids with a completion mask."""
    rows, too_long, tokens, completion = [], 0, 0, 0
    for messages_json, tools_json in examples:
        messages, tools = json.loads(messages_json), json.loads(tools_json) or None
        prompt = tokenizer.apply_chat_template(messages[:-1], tools=tools, add_generation_prompt=True, tokenize=False)
        full = tokenizer.apply_chat_template(messages, tools=tools, tokenize=False)
        prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
        full_ids = tokenizer(full, add_special_tokens=False)["input_ids"]
        start = 0
        while start < min(len(prompt_ids), len(full_ids)) and prompt_ids[start] == full_ids[start]:
            start += 1
        if len(full_ids) > max_length:
            too_long += 1
            continue
        rows.append({"input_ids": full_ids, "completion_mask": [0] * start + [1] * (len(full_ids) - start)})
        tokens += len(full_ids)
        completion += len(full_ids) - start
    return Encoded(rows, too_long, tokens, completion)
