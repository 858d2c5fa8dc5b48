"""The scrub policy: a YAML file that says what is personal and what replaces it.

Its version is a hash of the file's canonical content, stored on every scrubbed row and in the
asset's metadata, so a data team can tell which policy produced which data.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

Operator = Literal["placeholder", "hash", "mask", "keep"]
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "scrub_policy.yaml"


class EntityRule(BaseModel):
    operator: Operator = "placeholder"
    threshold: float = Field(0.5, ge=0, le=1)


class PatternRule(BaseModel):
    name: str
    entity: str
    regex: str
    score: float = Field(0.9, ge=0, le=1)
    operator: Operator = "placeholder"


class KnownValues(BaseModel):
    file: str  # a hashes file written by `flywheel hash-values`, relative to the policy file
    entity: str


class Policy(BaseModel):
    entities: dict[str, EntityRule]
    # gateway identifiers: "hash" (a salted pseudonym, the default) or "keep"
    identifiers: dict[Literal["request_id", "client_id", "tool_call_id"], Literal["hash", "keep"]] = {
        "request_id": "hash", "client_id": "hash", "tool_call_id": "hash"}  # fmt: skip
    allow_list: list[str] = []
    patterns: list[PatternRule] = []
    known_values: list[KnownValues] = []
    salt_env: str = "FLYWHEEL_SCRUB_SALT"
    # the largest share of a day's calls the second detector may withhold before the day is
    # held back from every downstream step (the scrubber then misses too much: fix the policy)
    max_withheld_share: float = Field(0.05, ge=0, le=1)
    version: str = ""
    folder: str = ""  # the policy file's folder: known_values files are found from it

    def rule(self, entity: str) -> EntityRule | None:
        if entity in self.entities:
            return self.entities[entity]
        for p in self.patterns:
            if p.entity == entity:
                return EntityRule(operator=p.operator, threshold=p.score)
        return None

    @property
    def scrubbed_entities(self) -> list[str]:
        """Entity types whose values are replaced (every rule but `keep`)."""
        names = [e for e, r in self.entities.items() if r.operator != "keep"]
        return names + [p.entity for p in self.patterns if p.operator != "keep" and p.entity not in names]

    def known_file(self, known: KnownValues) -> Path:
        return Path(self.folder or ".") / known.file

    @property
    def salt(self) -> bytes:
        return os.environ.get(self.salt_env, f"flywheel-{self.version}").encode()


def load_policy(path: str | Path | None = None) -> Policy:
    """Read and validate a policy file (default: FLYWHEEL_SCRUB_POLICY, else scrub_policy.yaml)."""
    path = Path(path or os.environ.get("FLYWHEEL_SCRUB_POLICY") or DEFAULT_PATH)
    raw = yaml.safe_load(path.read_text())
    policy = Policy.model_validate(raw)
    policy.folder = str(path.resolve().parent)
    # the version covers the content of the known-values files too: a new customer list re-scrubs
    files = [hashlib.sha256(policy.known_file(k).read_bytes()).hexdigest() for k in policy.known_values
             if policy.known_file(k).is_file()]  # fmt: skip
    canonical = json.dumps([policy.model_dump(exclude={"version", "folder"}), files], sort_keys=True)
    policy.version = hashlib.sha256(canonical.encode()).hexdigest()[:12]
    for k in policy.known_values:
        if policy.rule(k.entity) is None:
            raise ValueError(f"{path}: known_values entity {k.entity} has no rule under entities")
    return policy
