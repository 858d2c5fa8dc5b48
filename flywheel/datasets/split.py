"""Duplicates and the train / validation / test split, both decided by content, not by order.

- Exact duplicates: the same conversation, tools and reply (tool-call ids aside, which the
  gateway makes up per call).
- Near duplicates: the same once case, digits and personal placeholders are set aside ("order
  123 for <PERSON_1>" and "Order 456 for <PERSON_2>"): one form of request with other values. Of
  each group a few copies are kept (`near_copies`, those with the smallest content hashes, so the
  choice does not depend on arrival order): enough to teach which values to copy where, few
  enough that one form does not swamp the task.
- The split: by a hash of the conversation's opening (its system prompt and first user message,
  whitespace collapsed), so both calls of a conversation share a split and a trace never changes
  split as the task grows: the test split is never trained on. (Normalising the opening too would
  put every templated request of a task, "Where is order 123?", in one split.) So a test example
  can have near copies in train, the same form with other values: it then tests whether the model
  fills in the new values, as it must on tomorrow's traffic; the card counts those examples
  (`test_forms_in_train`). An exact copy is never in two splits: exact duplicates go first.
"""

from __future__ import annotations

import hashlib
import json
import re

from flywheel.cluster.signature import PLACEHOLDER

SPLITS = ("train", "validation", "test")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_IDS = {"id", "tool_call_id"}


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def normalised(text: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("0", PLACEHOLDER.sub("<p>", text.lower()))).strip()


def _without_ids(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def content_text(messages: list[dict], tools: list[dict]) -> str:
    """The example's content as one canonical text (tool-call ids left out)."""
    return json.dumps([_without_ids(messages), tools], sort_keys=True, ensure_ascii=False)


def exact_key(messages: list[dict], tools: list[dict]) -> str:
    return _hash(content_text(messages, tools))


def near_key(messages: list[dict], tools: list[dict]) -> str:
    return _hash(normalised(content_text(messages, tools)))


def conversation_key(messages: list[dict]) -> str:
    """The hash of the conversation's opening: system prompts and the first user message."""
    opening = []
    for m in messages:
        opening.append(f"{m.get('role')}:{m.get('content') if isinstance(m.get('content'), str) else ''}")
        if m.get("role") == "user":
            break
    return _hash(_SPACES.sub(" ", "\n".join(opening)).strip())


def split_of(key: str, validation: float, test: float) -> str:
    """The split of a conversation key: `test` share to test, `validation` share to validation."""
    point = int(key[:8], 16) / 2**32
    return "test" if point < test else "validation" if point < test + validation else "train"
