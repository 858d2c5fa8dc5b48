"""The dataset card a data team reads on the asset page: sizes, lengths, tools, one example."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import polars as pl

EXAMPLE_CHARS = 1500
TOKENIZER = "all-MiniLM-L6-v2 WordPiece"  # what the card's token lengths are counted in


@lru_cache(maxsize=1)
def _wordpiece():
    from transformers import AutoTokenizer

    from flywheel.cluster.embed import model_path

    return AutoTokenizer.from_pretrained(str(model_path()))


def count_tokens(texts: Sequence[str]) -> list[int]:
    """Token counts in the installed embedding model's tokenizer: offline and fast, within a few
    tens of percent of an SLM's own count. Selection and training count in the model's own."""
    if not texts:
        return []
    encoded = _wordpiece()(list(texts), add_special_tokens=False, truncation=False, verbose=False)
    return [len(ids) for ids in encoded["input_ids"]]


def prompt_and_target(messages: list[dict], tools: list[dict]) -> tuple[str, str]:
    """The prompt (conversation before the reply, and the tools) and the target as plain text."""
    target = messages[-1]
    reply = target.get("content") or ""
    if target.get("tool_calls"):
        reply += json.dumps([c["function"] for c in target["tool_calls"]], ensure_ascii=False)
    return json.dumps([messages[:-1], tools], ensure_ascii=False), reply


def _percentiles(values: list[int]) -> dict[str, int]:
    if not values:
        return {}
    arr = np.asarray(values)
    return {f"p{q}": int(np.percentile(arr, q)) for q in (50, 90, 99)} | {"max": int(arr.max())}


def _forms_seen(frame: pl.DataFrame) -> int | None:
    """Test examples with a near copy (the same form, other values) in the train split: those test
    how well the model fills in new values; the rest, forms it never saw. None for datasets made
    before near copies were kept (one copy per form: 0)."""
    if "near_key" not in frame.columns:
        return None
    train = frame.filter(pl.col("split") == "train")["near_key"].implode()
    return int(frame.filter((pl.col("split") == "test") & pl.col("near_key").is_in(train)).height)


def card(frame: pl.DataFrame, left_out: Counter, version: str, ready: bool, minimum: int) -> dict:
    """The card of a cleaned, split dataset (`frame`: one row per example, see build.py)."""
    sizes = {s: int(n) for s, n in frame.group_by("split").len().iter_rows()}
    tools = Counter(t for t in frame["first_tool"].to_list() if t)
    example = None
    if frame.height:
        first = frame.sort("conversation_key", "request_id").row(0, named=True)
        example = json.dumps({"messages": json.loads(first["messages"]), "tools": json.loads(first["tools"])},
                             ensure_ascii=False)[:EXAMPLE_CHARS]  # fmt: skip
    return {
        "version": version,
        "ready": ready,
        "min_examples": minimum,
        "examples": frame.height,
        "splits": {s: sizes.get(s, 0) for s in ("train", "validation", "test")},
        "left_out": dict(sorted(left_out.items())),
        "prompt_tokens": _percentiles(frame["prompt_tokens"].to_list()),
        "target_tokens": _percentiles(frame["target_tokens"].to_list()),
        "tokenizer": TOKENIZER,
        "test_forms_in_train": _forms_seen(frame),
        "tool_call_share": float((frame["kind"] == "tool_call").mean()) if frame.height else 0.0,
        "tools_called": dict(tools.most_common()),
        "example": example,
    }
