"""Identifiers in a logged call, pseudonymised: the request id, the client id and tool-call ids
become salted hashes (HMAC-SHA256), so `scrubbed_traces` and everything after it never hold a
gateway's ids, which may embed a user name, an email or a session token.

The same id always gets the same pseudonym (joins, deduplication and a tool call's link to its
result keep working). The salt is FLYWHEEL_SCRUB_SALT (the policy's `salt_env`) when set, else a
random secret created once per lake under `<lake>/_secrets/` (readable by its owner only): without
it nobody can test a guessed id against a pseudonym. Keep that folder with the lake. For a lake on
an object store set FLYWHEEL_SCRUB_SALT (the deployment's secret): two processes creating the
salt at once could each use their own before the store keeps one of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from typing import Literal

from flywheel.lake import Lake

IdOperator = Literal["hash", "keep"]
# pseudonyms in letters only: a hex digest's digit runs can pass a card's Luhn or an IBAN's mod-97
_LETTERS = str.maketrans("0123456789", "ghijklmnop")
PREFIX = {"request_id": "req-", "client_id": "client-", "tool_call_id": "call_"}


def lake_salt(lake: Lake, env: str = "FLYWHEEL_SCRUB_SALT") -> bytes:
    if os.environ.get(env):
        return os.environ[env].encode()
    path = lake.fetch(lake.root / "_secrets" / "identifier_salt")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        tmp.write_text(secrets.token_hex(32))
        tmp.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)  # first writer wins; a concurrent run reads the same salt
        tmp.unlink()
        if lake.remote is not None and not lake.exists(path):
            lake.put(path)
        path = lake.fetch(path)  # the store's, should another process have put one first
    return path.read_text().strip().encode()


class Pseudonyms:
    """Maps identifiers to their pseudonyms under the policy's `identifiers` rules."""

    def __init__(self, salt: bytes, rules: dict[str, IdOperator]) -> None:
        self.salt, self.rules = salt, rules

    def __call__(self, field: str, value: str | None) -> str | None:
        if value is None or self.rules.get(field, "hash") == "keep":
            return value
        digest = hmac.new(self.salt, f"{field}:{value}".encode(), hashlib.sha256).hexdigest()
        return PREFIX[field] + digest[:20].translate(_LETTERS)

    def messages(self, messages: list[dict]) -> list[dict]:
        """Tool-call ids in a conversation (the call's `id`, the result's `tool_call_id`)."""
        if self.rules.get("tool_call_id", "hash") == "keep":
            return messages
        out = []
        for m in messages:
            m = dict(m)
            if isinstance(m.get("tool_call_id"), str):
                m["tool_call_id"] = self("tool_call_id", m["tool_call_id"])
            if isinstance(m.get("tool_calls"), list):
                m["tool_calls"] = [{**c, "id": self("tool_call_id", c["id"])} if isinstance(c.get("id"), str) else c
                                   for c in m["tool_calls"]]  # fmt: skip
            out.append(m)
        return out
