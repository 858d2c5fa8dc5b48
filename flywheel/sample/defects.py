"""Bad lines as real gateways produce them, each with the reason code the pipeline must give."""

from __future__ import annotations

import copy
import json
import random

DEFECTS = (
    "invalid_json",
    "invalid_utf8",
    "missing_field",
    "wrong_type",
    "invalid_value",
    "empty_line",
)


def corrupt(rng: random.Random, record: dict, defect: str) -> bytes:
    """One bad line made from a good record, carrying exactly `defect`."""
    r = copy.deepcopy(record)
    if defect == "empty_line":
        return b""
    if defect == "invalid_json":
        text = json.dumps(r).encode()
        return text[: rng.randint(len(text) // 2, len(text) - 2)]
    if defect == "invalid_utf8":
        text = json.dumps(r, ensure_ascii=False).encode()
        cut = text.index(b'"content"', text.index(b'"role": "user"')) + 12
        return text[:cut] + b"\xff\xfe" + text[cut:]
    if defect == "missing_field":
        target = rng.choice(("workload_id", "client_id", "request", "response", "messages", "choices"))
        if target == "messages":
            del r["request"]["messages"]
        elif target == "choices":
            del r["response"]["choices"]
        else:
            del r[target]
    elif defect == "wrong_type":
        kind = rng.choice(("latency", "client", "tokens", "content"))
        if kind == "latency":
            r["latency_ms"] = f"{r['latency_ms']}ms"
        elif kind == "client":
            r["client_id"] = rng.randint(1000, 9999)
        elif kind == "tokens":
            r["response"]["usage"]["prompt_tokens"] = "many"
        else:
            r["request"]["messages"][1]["content"] = 42
    elif defect == "invalid_value":
        kind = rng.choice(("role", "arguments", "timestamp", "empty"))
        if kind == "role":
            r["request"]["messages"][1]["role"] = "customer"
        elif kind == "timestamp":
            r["timestamp"] = "yesterday afternoon"
        elif kind == "empty":
            r["request"]["messages"] = []
        else:
            call = {"id": "call_bad", "type": "function",
                    "function": {"name": "get_order_status", "arguments": "{order_id: ORD-1"}}  # fmt: skip
            r["response"]["choices"][0]["message"] = {
                "role": "assistant",
                "content": None,
                "tool_calls": [call],
            }
    else:
        raise ValueError(f"unknown defect {defect!r}")
    return json.dumps(r).encode()
