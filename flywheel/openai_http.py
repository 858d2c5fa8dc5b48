"""One call to an OpenAI-compatible chat-completions endpoint (the LLM `flywheel predict` forwards
to, the optional judge of the evaluation), with the standard library only."""

from __future__ import annotations

import json
import urllib.request


def chat_completions(base_url: str, body: dict, api_key: str | None = None, timeout: float = 120) -> dict:
    """POST `body` to `<base_url>/chat/completions`; the decoded JSON response."""
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {api_key}"} if api_key else {})}
    request = urllib.request.Request(base_url.rstrip("/") + "/chat/completions", json.dumps(body).encode(), headers,
                                     method="POST")  # fmt: skip
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.loads(reply.read())
