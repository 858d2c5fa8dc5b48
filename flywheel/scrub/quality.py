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

import polars as pl

from flywheel.scrub.traces import texts_of

STRUCTURED = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")


def tool_arguments(messages: list[dict]) -> list[dict | None]:
    """Each tool call's arguments, or None where they no longer parse as a JSON object."""
    out: list[dict | None] = []
    for m in messages:
        for call in m.get("tool_calls") or ():
            try:
                args = json.loads(call["function"]["arguments"])
            except ValueError:
                args = None
            out.append(args if isinstance(args, dict) else None)
    return out


def _conversation(messages: list[dict]) -> str:
    return "\n".join(m["content"] for m in messages if m.get("role") == "user" and isinstance(m.get("content"), str))


def evaluate(pairs: Iterable[tuple[str, list[dict], list[dict]]], truth: pl.DataFrame) -> dict:
    """`pairs`: (request_id, original conversation incl. response, scrubbed conversation);
    `truth`: the generator's pii.parquet (request_id, entity, value, path)."""
    pii: dict[str, list[tuple[str, str]]] = {}
    for rid, entity, value in truth.select("request_id", "entity", "value").iter_rows():
        pii.setdefault(rid, []).append((entity, value))
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
        for call_before, call_after in zip(tool_arguments(before), tool_arguments(after), strict=True):
            for key, value in (call_before or {}).items():
                if isinstance(value, str) and len(value) > 2 and value in convo_before:
                    args_total += 1
                    kept_value = (call_after or {}).get(key)
                    args_ok += isinstance(kept_value, str) and kept_value in convo_after
    recall = {e: 1 - kept[e] / n for e, n in planted.items()}
    return {
        "leaked_structured": sum(kept[e] for e in STRUCTURED),
        "recall": recall,
        "destroyed_share": words_lost / max(1, words_total),
        "argument_match": args_ok / max(1, args_total),
        "arguments_checked": args_total,
    }
