"""The texts inside a logged call, and how to put scrubbed texts back without breaking its JSON.

Scrubbed: every message's content (system, user, assistant, tool), a participant's `name`, the
string values inside tool-call arguments and inside JSON tool results. Kept as they are: roles, tool names, JSON keys,
non-string values, tool schemas. A tool-call argument stays a JSON object with the same keys.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

Edit = Callable[[str], str]


def _map_strings(value: Any, edit: Edit) -> Any:
    if isinstance(value, str):
        return edit(value)
    if isinstance(value, list):
        return [_map_strings(v, edit) for v in value]
    if isinstance(value, dict):
        return {k: _map_strings(v, edit) for k, v in value.items()}
    return value


def _map_json_text(text: str, edit: Edit) -> str:
    """A string that holds JSON (tool arguments, tool results) is edited value by value."""
    if text[:1] in ("{", "["):
        try:
            parsed = json.loads(text)
        except ValueError:
            return edit(text)
        return json.dumps(_map_strings(parsed, edit), ensure_ascii=False)
    return edit(text)


def map_message(message: dict, edit: Edit) -> dict:
    """A copy of one chat message with `edit` applied to each text it holds."""
    out = dict(message)
    if isinstance(message.get("name"), str) and message.get("role") != "tool":
        out["name"] = edit(message["name"])  # a participant's name (for a tool message it is the tool's)
    content = message.get("content")
    if isinstance(content, str):
        out["content"] = _map_json_text(content, edit) if message.get("role") == "tool" else edit(content)
    elif isinstance(content, list):
        out["content"] = [
            {**part, "text": edit(part["text"])} if isinstance(part.get("text"), str) else part for part in content
        ]
    if message.get("tool_calls"):
        out["tool_calls"] = [
            {**call, "function": {**call["function"], "arguments": _map_json_text(call["function"]["arguments"], edit)}}
            for call in message["tool_calls"]
        ]
    return out


def texts_of(messages: list[dict]) -> list[str]:
    """Every text in a conversation, in order (as `map_message` would visit them)."""
    seen: list[str] = []

    def collect(text: str) -> str:
        seen.append(text)
        return text

    for m in messages:
        map_message(m, collect)
    return seen


def keyed_values(messages: list[dict]) -> list[tuple[str, str]]:
    """(key, value) of every string value in tool-call arguments and JSON tool results: a key such
    as `customer_name` says what its value is, even where no recognizer would know."""
    out: list[tuple[str, str]] = []

    def walk(value: Any, key: str) -> None:
        if isinstance(value, str):
            out.append((key, value))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)

    def from_json(text: str) -> None:
        if text[:1] in ("{", "["):
            with contextlib.suppress(ValueError):  # not JSON after all: free text, scrubbed as such
                walk(json.loads(text), "")

    for m in messages:
        if m.get("role") == "tool" and isinstance(m.get("content"), str):
            from_json(m["content"])
        for call in m.get("tool_calls") or ():
            from_json(call["function"]["arguments"])
    return out
