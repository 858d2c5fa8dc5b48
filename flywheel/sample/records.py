"""Turn a task `Turn` into the log records an LLM gateway writes, and find where PII sits."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from flywheel.sample.tasks import Turn
from flywheel.sample.tools import MODELS, TOOLS, WORKLOADS


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)


def gateway_record(rng: random.Random, ts: datetime, workload: str, tools: list[dict], client: str, model: str,
                   messages: list[dict], reply: dict) -> dict:  # fmt: skip
    """One logged call as an LLM gateway writes it: the request, the response with its token usage
    (estimated at four characters a token) and the latency."""
    prompt = sum(_tokens(m.get("content") or "") + 4 for m in messages) + sum(_tokens(json.dumps(t)) for t in tools)
    completion = _tokens(reply.get("content") or "") + sum(
        _tokens(c["function"]["arguments"]) + 8 for c in reply.get("tool_calls", ())
    )
    request = {"model": model, "messages": messages, "temperature": 0.2}
    if tools:
        request["tools"] = tools
        request["tool_choice"] = "auto"
    return {
        "request_id": f"req_{rng.getrandbits(64):016x}",
        "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "workload_id": workload,
        "client_id": client,
        "request": request,
        "response": {
            "id": f"chatcmpl-{rng.getrandbits(48):012x}",
            "model": model,
            "choices": [{"index": 0, "message": reply,
                         "finish_reason": "tool_calls" if "tool_calls" in reply else "stop"}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
        },
        "latency_ms": round(250 + completion * rng.uniform(12, 30) + rng.expovariate(1 / 150), 1),
    }  # fmt: skip


def _record(rng: random.Random, ts: datetime, turn: Turn, client: str, model: str,
            messages: list[dict], reply: dict) -> dict:  # fmt: skip
    tools = [TOOLS[name] for name in WORKLOADS[turn.workload]["tools"]]
    return gateway_record(rng, ts, turn.workload, tools, client, model, messages, reply)


def records_for(rng: random.Random, turn: Turn, ts: datetime, follow_up: float = 0.6) -> list[dict]:
    """The gateway's records of one conversation: the call that picks a tool and, often, the
    follow-up call that answers from the tool's result. Plain-text tasks log one call."""
    spec = WORKLOADS[turn.workload]
    client, model = rng.choice(spec["clients"]), rng.choice(MODELS)
    messages = [
        {"role": "system", "content": spec["system"]},
        {"role": "user", "content": turn.user},
    ]
    if turn.call is None:
        reply = {"role": "assistant", "content": turn.answer}
        return [_record(rng, ts, turn, client, model, messages, reply)]
    name, args = turn.call
    call = {"id": f"call_{rng.getrandbits(40):010x}", "type": "function",
            "function": {"name": name, "arguments": json.dumps(args)}}  # fmt: skip
    call_reply = {"role": "assistant", "content": None, "tool_calls": [call]}
    out = [_record(rng, ts, turn, client, model, messages, call_reply)]
    if turn.result is not None and rng.random() < follow_up:
        convo = [*messages, call_reply,
                 {"role": "tool", "tool_call_id": call["id"], "content": json.dumps(turn.result)}]  # fmt: skip
        reply = {"role": "assistant", "content": turn.answer}
        later = ts + timedelta(milliseconds=rng.randint(800, 6000))
        out.append(_record(rng, later, turn, client, model, convo, reply))
    return out


def _leaves(value: object, path: str) -> Iterator[tuple[str, str]]:
    """(path, text) of every string in a record, descending into JSON-encoded strings."""
    stack = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}") for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
        elif isinstance(value, str):
            if value[:1] in ("{", "["):
                try:
                    stack.append((json.loads(value), path))
                    continue
                except ValueError:
                    pass
            yield path, value


def locate_pii(record: dict, planted: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(entity, value, path) for every place a planted value appears in the request or response."""
    found = []
    req = record["request"]
    # the system prompt and the tool schemas hold no personal data
    parts = [(m, f"request.messages[{i}]") for i, m in enumerate(req["messages"]) if m["role"] != "system"]
    parts.append((record["response"]["choices"], "response.choices"))
    for value, where in parts:
        for path, text in _leaves(value, where):
            for entity, value in planted:
                if value in text:
                    found.append((entity, value, path))
    return found
