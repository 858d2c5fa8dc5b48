"""Clients erased on request (`flywheel erase --client-id ID`): the list the collect step checks, so
that an erased client's lines, which may still lie in the landing folder, never enter the lake
again. Such a line is counted as `erased` on its day (every line stays accounted for).

The list holds a keyed hash of each client id (HMAC-SHA256 with the lake's secret salt, see
`scrub.identifiers.lake_salt`), never the id itself: without the salt nobody can tell from it
which clients asked to be erased.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re

from flywheel.lake import Lake
from flywheel.scrub.identifiers import lake_salt

ERASED = "_erasure/clients.json"
# the top-level "client_id" of a logged line, read from its bytes: also in a line that is not
# valid JSON (quarantined), never from inside a message (its quotes are escaped there)
_CLIENT_IN_LINE = re.compile(rb'"client_id"\s*:\s*"((?:[^"\\]|\\.){0,1000})"')


class ErasedClients:
    """The erased clients' keys, and the tests the collect step applies to each line."""

    def __init__(self, salt: bytes, keys: set[str]) -> None:
        self.salt, self.keys = salt, keys

    @classmethod
    def of(cls, lake: Lake) -> ErasedClients:
        return cls(lake_salt(lake), set(lake.read_json(ERASED, []) or []))  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return bool(self.keys)

    def key(self, client_id: str) -> str:
        return hmac.new(self.salt, b"erased-client\x00" + client_id.encode(), hashlib.sha256).hexdigest()

    def holds(self, client_id: str | None) -> bool:
        return client_id is not None and self.key(client_id) in self.keys

    def in_line(self, line: bytes | None) -> bool:
        """Whether a logged line (as read, valid JSON or not) belongs to an erased client."""
        if not self.keys or line is None:
            return False
        for m in _CLIENT_IN_LINE.finditer(line):
            try:
                client = json.loads(b'"' + m.group(1) + b'"')
            except ValueError:
                continue
            if self.holds(client):
                return True
        return False

    def add(self, lake: Lake, client_id: str) -> str:
        """Put `client_id` on the lake's list; returns its key (what an audit entry may name)."""
        key = self.key(client_id)
        self.keys.add(key)
        lake.write_json(ERASED, sorted(self.keys))
        return key
