"""The task signature: the short text of a trace that all-MiniLM-L6-v2 embeds to find its task.

A trace is one logged LLM call. The calls of one conversation (the call that picks a tool, the
follow-up that answers from the tool's result) serve the same task, so the signature describes
the conversation's task, not the call's step:

- the request: the conversation's first user message, which states the task; later turns
  (tool results, the model's answers) describe how it went, not what was asked. Personal
  placeholders (`<PERSON_1>`, hash tokens, masks) are removed: they say who, not what. Digits are
  collapsed to `0` so "order ORD-123456" and "order ORD-654321" read, and cache, the same. Only the
  first 400 characters count: an instruction comes first, a pasted document after it.
- the tools called anywhere in the conversation, sorted: the strongest sign of the task, and the
  same for the first call and its follow-up. "none" when the model answered in plain text.
- the agent (`workload_id`), which fixes the tools offered: the same words can mean another task
  in another agent.

The request and the tool use are embedded apart and joined with equal weight (see
`embed.trace_vectors`): on one text the phrasing of the request drowned the tool, and the same
task asked in five phrasings fell into five clusters.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"<[A-Z][A-Z0-9_]*_[0-9a-f]+>|\*{3,}")
EMPTY = re.compile(r"<\s*>|\(\s*\)")
DIGITS = re.compile(r"\d+")
SPACES = re.compile(r"\s+")
REQUEST_CHARS = 400
EXAMPLE_CHARS = 300


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: keep the text ones
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def first_user_text(messages: list[dict]) -> str:
    """The conversation's first user message as scrubbed (placeholders kept), whitespace collapsed."""
    for m in messages:
        if m.get("role") == "user":
            return SPACES.sub(" ", _text(m.get("content"))).strip()
    return ""


def first_request(messages: list[dict]) -> str:
    """The first user message, without personal placeholders, digits collapsed, trimmed."""
    text = DIGITS.sub("0", EMPTY.sub(" ", PLACEHOLDER.sub(" ", first_user_text(messages))))
    return SPACES.sub(" ", text).strip()[:REQUEST_CHARS]


def tools_called(messages: list[dict], response: dict) -> list[str]:
    """Names of every tool the model called in the conversation, this call's reply included."""
    names = set()
    for m in [*messages, response]:
        for call in m.get("tool_calls") or ():
            name = (call.get("function") or {}).get("name")
            if name:
                names.add(name)
    return sorted(names)


@dataclass(frozen=True)
class Signature:
    request: str  # embedded
    tool_use: str  # embedded
    tools: list[str]  # the tools called, for the task's description
    example: str  # the scrubbed request as a person reads it, for the task's examples

    @property
    def key(self) -> str:
        return text_hash(f"{self.request}\x00{self.tool_use}")


def signature(messages_json: str, response_json: str, workload_id: str | None) -> Signature:
    """The signature of one scrubbed trace, from its messages and reply as stored JSON."""
    messages, response = json.loads(messages_json), json.loads(response_json)
    tools = tools_called(messages, response)
    use = f"calls {', '.join(tools)}" if tools else "answers without a tool"
    example = first_user_text(messages)[:EXAMPLE_CHARS]
    return Signature(first_request(messages), f"{use} (agent {workload_id or 'unknown'})", tools, example)


def text_hash(text: str) -> str:
    """The embedding cache's key for a text (and for the model that embeds it, see embed.py)."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
