"""Score a scrubber on the evaluation set: what survived, per kind, in everything it wrote.

- survived: a planted value still present anywhere in the call's written row (every column, not
  only the texts the scrubber visits); a withheld call survives nothing, and is counted apart;
- destroyed: the share of the original texts' non-personal words missing afterwards;
- arguments consistent: of the tool-call string arguments that also appear in the user's text,
  the share still found in the scrubbed user text (kept, or replaced by the same placeholder);
- arguments verbatim: of the tool-call string arguments that hold no personal value, the share
  left exactly as they were (task content kept).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

import polars as pl

from flywheel.scrub.quality import tool_arguments
from flywheel.scrub.traces import texts_of

_WORD = re.compile(r"[^\W\d_][\w'-]+|\d+")


def _args(messages: list[dict]) -> list[dict]:
    return [args or {} for args in tool_arguments(messages)]


def _user(messages: list[dict]) -> str:
    return "\n".join(m["content"] for m in messages if m.get("role") == "user" and isinstance(m.get("content"), str))


def score(before: dict[str, list[dict]], after: dict[str, list[dict]], rows: dict[str, str],
          truth: pl.DataFrame) -> dict:  # fmt: skip
    """`before`/`after`: request id -> conversation (messages and reply) before and after
    scrubbing; `rows`: request id -> the whole written row as text (absent where withheld)."""
    planted, survived, withheld = Counter(), Counter(), Counter()
    survivors: list[tuple[str, str, str]] = []
    truth = truth.filter(pl.col("request_id").is_in(list(before)))  # calls collect accepted
    for rid, entity, value in truth.select("request_id", "entity", "value").unique().iter_rows():
        planted[entity] += 1
        if rid not in rows:
            withheld[entity] += 1
        elif value in rows[rid]:
            survived[entity] += 1
            survivors.append((rid, entity, value))
    personal = {rid: set() for rid in before}
    values: dict[str, list[str]] = {rid: [] for rid in before}
    for rid, value in truth.select("request_id", "value").iter_rows():
        personal[rid].update(_WORD.findall(value))
        values[rid].append(value)
    words = lost = args = consistent = plain = verbatim = 0
    for rid, convo in before.items():
        if rid not in after:
            continue
        kept = Counter(w for t in texts_of(after[rid]) for w in _WORD.findall(t))
        original = Counter(w for t in texts_of(convo) for w in _WORD.findall(t) if w not in personal[rid])
        words += sum(original.values())
        lost += sum((original - kept).values())
        user_before, user_after = _user(convo), _user(after[rid])
        for a_before, a_after in zip(_args(convo), _args(after[rid]), strict=True):
            for key, value in a_before.items():
                if not isinstance(value, str) or len(value) <= 2:
                    continue
                if not any(v in value for v in values[rid]):
                    plain += 1
                    verbatim += a_after.get(key) == value
                elif value in user_before:
                    args += 1
                    new = a_after.get(key)
                    consistent += isinstance(new, str) and new in user_after
    total = sum(planted.values())
    return {
        "planted": dict(planted),
        "survived": dict(survived),
        "withheld": dict(withheld),
        "survived_share": sum(survived.values()) / max(1, total),
        "withheld_calls": len(before) - len(rows),
        "destroyed_share": lost / max(1, words),
        "arguments_checked": args,
        "arguments_consistent": consistent / max(1, args),
        "arguments_verbatim": verbatim / max(1, plain),
        "survivors": sorted(survivors),  # (request id, kind, value): for the development part only
    }


def conversations(frame: pl.DataFrame) -> dict[str, list[dict]]:
    """request id -> messages and reply, from a `raw_logs` or `scrubbed_traces` table."""
    out = {}
    for rid, messages, reply in frame.select("request_id", "messages", "response_message").iter_rows():
        out[rid] = [*json.loads(messages), json.loads(reply)]
    return out


def row_texts(frame: pl.DataFrame) -> dict[str, str]:
    """request id -> every column of the row as one text."""
    return {row["request_id"]: json.dumps(row, default=str, ensure_ascii=False) for row in frame.iter_rows(named=True)}


def table(results: dict[str, dict], kinds: Iterable[str]) -> str:
    """A plain-text table: per kind, planted and survived for each scrubber."""
    names = list(results)
    head = f"{'kind':16}{'planted':>8}" + "".join(f"{n + ' survived':>22}" for n in names)
    lines = [head]
    for kind in kinds:
        first = results[names[0]]
        cells = "".join(
            f"{r['survived'].get(kind, 0):>12} ({r['survived'].get(kind, 0) / max(1, r['planted'].get(kind, 0)):6.1%})"
            for r in results.values()
        )
        lines.append(f"{kind:16}{first['planted'].get(kind, 0):>8}{cells}")
    lines.append(f"{'all':16}{sum(results[names[0]]['planted'].values()):>8}" + "".join(
        f"{sum(r['survived'].values()):>12} ({r['survived_share']:6.1%})" for r in results.values()))  # fmt: skip
    for metric in ("withheld_calls", "destroyed_share", "arguments_consistent", "arguments_verbatim"):
        cells = "".join(f"{r[metric]:>22.3f}" if isinstance(r[metric], float) else f"{r[metric]:>22}"
                        for r in results.values())  # fmt: skip
        lines.append(f"{metric:24}{cells}")
    return "\n".join(lines)
