"""Build the PII evaluation set: gateway log records with planted values and their ground truth.

Each conversation is logged as two calls, as a gateway sees them: the call that picks a tool
(system prompt and user message in, a tool call out) and the follow-up (with the tool's result in,
the assistant's answer out). Values sit in every position: system prompt, user text, tool-call
arguments, tool results (JSON and free text) and assistant text.

    from flywheel.pii_eval.build import build, write_landing
    records, truth = build("test", conversations=300, seed=1)
"""

from __future__ import annotations

import json
import random
import re
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from flywheel.pii_eval import templates as T
from flywheel.pii_eval.values import Values

SLOT = re.compile(r"\{([A-Z_0-9]+)\}")
TRUTH = pl.Schema({"request_id": pl.String, "entity": pl.String, "value": pl.String, "position": pl.String})
DAY = datetime(2026, 11, 2, tzinfo=UTC)


def _fill(template: str, values: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    used: list[tuple[str, str]] = []

    def sub(m: re.Match) -> str:
        used.append((m.group(1), values[m.group(1)]))
        return values[m.group(1)]

    return SLOT.sub(sub, template), used


def _fill_json(value: object, values: dict[str, str], used: list) -> object:
    if isinstance(value, str):
        text, found = _fill(value, values)
        used.extend(found)
        return text
    if isinstance(value, dict):
        return {k: _fill_json(v, values, used) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_json(v, values, used) for v in value]
    return value


def _entity(slot: str) -> str:
    return {"FIRST_NAME": "PERSON", "IP_ADDRESS2": "IP_ADDRESS"}.get(slot, slot)


def _tool_schema(name: str, keys: list[str]) -> dict:
    props = {k: {"type": "string"} for k in keys}
    return {"type": "function", "function": {"name": name, "description": f"{name.replace('_', ' ')}.",
            "parameters": {"type": "object", "properties": props, "required": keys}}}  # fmt: skip


def _record(rid: str, ts: datetime, messages: list[dict], reply: dict, tools: list[dict]) -> dict:
    return {
        "request_id": rid,
        "timestamp": ts.isoformat().replace("+00:00", "Z"),
        "workload_id": "eval-agent",
        "client_id": "eval",
        "request": {"model": "gpt-4o", "messages": messages, "tools": tools},
        "response": {"choices": [{"message": reply, "finish_reason": "tool_calls" if "tool_calls" in reply
                                  else "stop"}],
                     "usage": {"prompt_tokens": 100, "completion_tokens": 20}},
        "latency_ms": 500,
    }  # fmt: skip


def build(split: str, conversations: int, seed: int = 0) -> tuple[list[dict], pl.DataFrame]:
    """`conversations` conversations (2 records each) from the `split` part ("dev" or "test")."""
    rng = random.Random(f"{split}-{seed}")
    draws = Values(split, seed)
    records: list[dict] = []
    truth: list[tuple[str, str, str, str]] = []
    for n in range(conversations):
        main, other = draws.draw(), draws.draw()
        main["IP_ADDRESS2"] = other["IP_ADDRESS"]
        user, user_used = _fill(rng.choice(T.USER[split]), main)
        system, system_used = _fill(rng.choice(T.SYSTEM[split]), main)
        keys = rng.choice(T.ARG_KEYS[split])
        args = {keys[slot]: value for slot, value in dict(user_used).items()}
        args["topic"] = rng.choice(T.TOPICS[split])
        args["reason"] = "requested by the customer in chat"
        tool = rng.choice(T.TOOLS[split])
        call_id = "call_" + "".join(rng.choices(string.ascii_letters + string.digits, k=12))
        call = {"id": call_id, "type": "function", "function": {"name": tool, "arguments": json.dumps(args)}}
        result_used: list = []
        result = _fill_json(rng.choice(T.RESULTS[split]), other, result_used)
        result_text = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)
        answer, answer_used = _fill(rng.choice(T.ASSISTANT[split]), main)
        tools = [_tool_schema(tool, list(args))]
        ts = DAY + timedelta(seconds=rng.uniform(0, 80000))
        first = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        call_reply = {"role": "assistant", "content": None, "tool_calls": [call]}
        second = [*first, call_reply, {"role": "tool", "tool_call_id": call_id, "content": result_text}]
        for i, (messages, reply) in enumerate(
            ((first, call_reply), (second, {"role": "assistant", "content": answer}))
        ):
            rid = f"eval-{split}-{seed}-{n:05d}-{i}"
            records.append(_record(rid, ts + timedelta(seconds=i * 3), messages, reply, tools))
            planted = [*((s, v, "system") for s, v in system_used), *((s, v, "user") for s, v in user_used),
                       *((s, v, "tool_arguments") for s, v in user_used)]  # fmt: skip
            planted += [(s, v, "tool_result") for s, v in result_used] if i else []
            planted += [(s, v, "assistant") for s, v in answer_used] if i else []
            truth.extend((rid, _entity(s), v, pos) for s, v, pos in dict.fromkeys(planted))
    return records, pl.DataFrame(truth, schema=TRUTH, orient="row")


def write_landing(records: list[dict], folder: Path) -> Path:
    """Write the records as one gateway log file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "eval-2026-11-02.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path
