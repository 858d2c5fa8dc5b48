"""Scrub quality against the sample generator's ground truth (for tests and benchmarks).

- leaks: structured personal values (emails, phones, cards, IBANs, SSNs, IPs) still present;
- recall per entity type: planted values no longer present anywhere in their scrubbed call;
- destroyed: the share of non-personal words of the original texts missing after scrubbing;
- argument match: of the string arguments of logged tool calls that also appear in the
  conversation, the share that still appear in the scrubbed conversation (kept as they were, or
  replaced by the same placeholder).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from flywheel.scrub.traces import texts_of

STRUCTURED = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")


def _arguments(messages: list[dict]) -> Iterable[str]:
    for m in messages:
        for call in m.get("tool_calls") or ():
            try:
                args = json.loads(call["function"]["arguments"])
            except ValueError:
                continue
            yield from (v for v in args.values() if isinstance(v, str))


def _conversation(messages: list[dict]) -> str:
    return "\n".join(m["content"] for m in messages if m.get("role") == "user" and isinstance(m.get("content"), str))


def evaluate(pairs: Iterable[tuple[str, list[dict], list[dict]]], pii: dict[str, list[tuple[str, str]]]) -> dict:
    """`pairs`: (request_id, original conversation incl. response, scrubbed conversation);
    `pii`: request_id -> [(entity, value)] planted in it."""
    planted, kept = Counter(), Counter()
    words_total = words_lost = 0
    args_total = args_ok = 0
    for rid, before, after in pairs:
        after_text = "\n".join(texts_of(after))
        values = pii.get(rid, [])
        for entity, value in set(values):
            planted[entity] += 1
            if value in after_text:
                kept[entity] += 1
        before_texts = texts_of(before)
        personal = {w for _, v in values for w in _WORD.findall(v)}
        before_words = Counter(w for t in before_texts for w in _WORD.findall(t) if w not in personal)
        after_words = Counter(_WORD.findall(after_text))
        words_total += sum(before_words.values())
        words_lost += sum((before_words - after_words).values())
        convo_before, convo_after = _conversation(before), _conversation(after)
        for a_before, a_after in zip(_arguments(before), _arguments(after), strict=True):
            if len(a_before) > 2 and a_before in convo_before:
                args_total += 1
                args_ok += a_after in convo_after
    recall = {e: 1 - kept[e] / n for e, n in planted.items()}
    return {
        "leaked_structured": sum(kept[e] for e in STRUCTURED),
        "recall": recall,
        "destroyed_share": words_lost / max(1, words_total),
        "argument_match": args_ok / max(1, args_total),
        "arguments_checked": args_total,
    }
