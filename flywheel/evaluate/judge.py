"""An optional LLM-as-judge score (off unless a judge endpoint is configured): any OpenAI-compatible
chat-completions endpoint rates each small-model reply against the LLM's logged reply from 1 to 5,
scaled to 0..1. Only the two replies are sent (scrubbed text from the test split), never the
conversation. A reply the judge does not rate with a number counts as missing, not as 0."""

from __future__ import annotations

import json
import re

from flywheel.openai_http import chat_completions

RUBRIC = (
    "You compare a candidate reply of an AI assistant with a reference reply to the same request. Tool calls "
    "are shown as JSON. Rate from 1 (wrong or useless) to 5 (equivalent: the same tool calls with the same "
    "arguments, or a text answer with the same meaning). Answer with the number only."
)
NUMBER = re.compile(r"[1-5]")


def as_text(message: dict) -> str:
    """A reply as the judge reads it: its text, then its tool calls as JSON lines."""
    calls = [json.dumps({"name": c["function"]["name"], "arguments": c["function"]["arguments"]}, ensure_ascii=False)
             for c in message.get("tool_calls") or []]  # fmt: skip
    return "\n".join([message.get("content") or "", *calls]).strip()


def rate(url: str, model: str, reference: str, candidate: str, api_key: str | None = None) -> float | None:
    """The judge's score of one candidate in 0..1, or None when it gave no number."""
    body = {"model": model, "temperature": 0, "max_tokens": 4, "messages": [
        {"role": "system", "content": RUBRIC},
        {"role": "user", "content": f"Reference reply:\n{reference}\n\nCandidate reply:\n{candidate}"}]}  # fmt: skip
    reply = chat_completions(url, body, api_key)
    text = (reply["choices"][0]["message"].get("content") or "").strip()
    found = NUMBER.search(text)
    return (int(found.group()) - 1) / 4 if found else None
