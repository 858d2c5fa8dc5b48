"""Values that are always scrubbed, from a list a team exports (a CRM's customer names, employee
emails, account numbers), kept only as salted hashes so neither the policy nor the repository
ever holds them.

    flywheel hash-values customers.txt --out known_customers.hashes   # one value per line
    # scrub_policy.yaml:  known_values: [{file: known_customers.hashes, entity: PERSON}]

The hashes file holds a random salt on its first line and one HMAC-SHA256 per value after it.
Matching hashes every run of 1 to `max_tokens` words of a text (case and spacing normalised) and
looks it up, so a value is found wherever it appears, whatever recognizers make of it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from flywheel.scrub.shapes import CodeRecognizer

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}@._+'’-]*[\p{L}\p{N}]|[\p{L}\p{N}]")


def _key(salt: bytes, tokens: list[str]) -> str:
    return hmac.new(salt, " ".join(tokens).casefold().encode(), hashlib.sha256).hexdigest()


def hash_values(values: list[str], salt: bytes | None = None) -> str:
    """The hashes file's text for `values` (blank lines skipped)."""
    salt = salt or secrets.token_hex(16).encode()
    keys = sorted({_key(salt, _TOKEN.findall(v)) for v in values if _TOKEN.findall(v)})
    return "\n".join([f"salt {salt.decode()}", *keys]) + "\n"


class KnownValuesRecognizer(CodeRecognizer):
    """Finds the values of a hashes file in text, as `entity`."""

    def __init__(self, path: Path, entity: str, max_tokens: int = 5) -> None:
        if not path.is_file():
            raise FileNotFoundError(f"the scrub policy's known_values file {path} does not exist")
        head, *keys = path.read_text().split()[1:]
        self.salt, self.keys, self.max_tokens = head.encode(), set(keys), max_tokens
        super().__init__(entity, f"KnownValues:{path.name}")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None):
        tokens = list(_TOKEN.finditer(text))
        words = [t.group() for t in tokens]
        out = []
        for i in range(len(tokens)):
            for n in range(min(self.max_tokens, len(tokens) - i), 0, -1):
                if _key(self.salt, words[i : i + n]) in self.keys:
                    end = tokens[i + n - 1].end()
                    out.append(RecognizerResult(self.supported_entities[0], tokens[i].start(), end, 1.0))
                    break
        return out
