"""How far a small model's reply agrees with the LLM's logged reply, one test example at a time.

The LLM's reply is the reference (no hand labels). Per example:
- `decision`: the model called a tool where the LLM did, and answered in text where it did;
- where the LLM called tools: `valid_call` (every `<tool_call>` line parses, names an offered
  tool, and its arguments fit that tool's JSON schema), `name` (the same tools, as a multiset, so
  parallel calls compare as a set whatever their order) and `name_args` (the same tools with the
  same arguments, JSON compared after normalisation: key order, `1` against `1.0`, whitespace
  around strings, and arguments given as a JSON string or an object all compare equal);
- where the LLM answered in text: `rouge_l` (ROUGE-L F1 of the two texts).
A metric that does not apply to an example is NaN and is left out of its mean.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from flywheel.datasets.examples import fits_schema, tool_schemas
from flywheel.train.template import split_calls

METRICS = ("valid_call", "name", "name_args", "decision", "rouge_l")
NAN = float("nan")


def parse_output(text: str) -> tuple[list[tuple[str, object]], int, str]:
    """(calls as (name, arguments), lines that are not a well-formed call, the text outside calls)."""
    calls, malformed, rest = split_calls(text)
    unclosed = "<tool_call>" in rest  # an opened call never closed (cut at the token limit)
    return calls, len(malformed) + unclosed, rest


def reference_calls(reply: dict) -> list[tuple[str, object]]:
    """The logged reply's tool calls as (name, arguments)."""
    out = []
    for call in reply.get("tool_calls") or []:
        function = call.get("function") or {}
        arguments = function.get("arguments", {})
        if isinstance(arguments, str):
            with contextlib.suppress(ValueError):
                arguments = json.loads(arguments)
        out.append((function.get("name"), arguments))
    return out


def normalise(value: object) -> object:
    """A JSON value in a form where equal meanings compare equal."""
    if isinstance(value, dict):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _key(name: str, arguments: object) -> str:
    return json.dumps([name, normalise(arguments)], sort_keys=True, ensure_ascii=False)


def score(output: str, reference: dict, tools: list[dict]) -> dict[str, float]:
    """The metrics of one generated `output` against the logged `reference` reply."""
    calls, malformed, text = parse_output(output)
    wanted = reference_calls(reference)
    result = dict.fromkeys(METRICS, NAN)
    result["decision"] = float(bool(calls or malformed) == bool(wanted))
    if wanted:
        schemas = tool_schemas(json.dumps(tools, sort_keys=True))
        valid = bool(calls) and not malformed and all(
            n in schemas and isinstance(a, dict) and fits_schema(schemas[n], a) for n, a in calls)  # fmt: skip
        result["valid_call"] = float(valid)
        result["name"] = float(Counter(n for n, _ in calls) == Counter(n for n, _ in wanted))
        result["name_args"] = float(Counter(_key(*c) for c in calls) == Counter(_key(*c) for c in wanted))
    else:
        result["rouge_l"] = rouge_l(text, reference.get("content") or "")
    return result


@lru_cache(maxsize=1)
def _scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)


def rouge_l(prediction: str, reference: str) -> float:
    if not prediction.strip() and not reference.strip():
        return 1.0
    return float(_scorer().score(reference, prediction)["rougeL"].fmeasure)


def applying(values: Iterable[float | None]) -> list[float]:
    """The values that apply to their example (a metric is None or NaN where it does not)."""
    return [v for v in values if v is not None and not math.isnan(v)]


def nanmean(values: Iterable[float]) -> float:
    """The mean of the values that apply (NaN where none does)."""
    kept = applying(values)
    return sum(kept) / len(kept) if kept else NAN


def primary_metric(kinds: Iterable[str]) -> str:
    """What a task is judged on: name-and-arguments accuracy, or ROUGE-L where most replies are text."""
    counts = Counter(kinds)
    return "rouge_l" if counts["text"] > counts["tool_call"] else "name_args"
