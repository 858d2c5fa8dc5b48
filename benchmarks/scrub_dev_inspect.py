"""Look into the scrubber's mistakes on the PII evaluation set's development part (never the test
part: its figures are only reported, see `flywheel/pii_eval/templates.py`).

    .venv/bin/python benchmarks/scrub_dev_inspect.py survivors --seed 83 --conversations 1500
    .venv/bin/python benchmarks/scrub_dev_inspect.py arguments --seed 71
    .venv/bin/python benchmarks/scrub_dev_inspect.py words --seed 83 --conversations 400

- survivors: each planted value still in the written row, with the text around it;
- arguments: tool-call arguments found in the user's text whose scrubbed form is not found in the
  scrubbed text (placeholders that disagree), with both texts;
- words: the non-personal words changed most often (false positives);
- withheld: the texts of scrubbed calls in which the second detector finds something (the calls
  the scrub step withholds), with what it found.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from flywheel.ingest.pipeline import RAW_LOGS
from flywheel.pii_eval.build import DAY, build, write_landing
from flywheel.pii_eval.run import collect
from flywheel.pii_eval.score import _WORD, _args, _user, conversations, row_texts
from flywheel.scrub.engine import Scrubber
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.pipeline import SCRUBBED, scrub_day
from flywheel.scrub.policy import load_policy
from flywheel.scrub.traces import texts_of


def scrubbed(seed: int, conversations_: int) -> tuple[list[dict], dict, dict, dict, list]:
    """The development part's records, conversations before and after the scrub step (by
    pseudonymised request id), the written rows as text, and the truth with pseudonymised ids."""
    records, truth = build("dev", conversations_, seed=seed)
    with tempfile.TemporaryDirectory() as tmp:
        landing = write_landing(records, Path(tmp) / "eval").parent
        scrubber = Scrubber(load_policy())
        lake = collect(landing, DAY.date(), Path(tmp))
        raw = lake.read(RAW_LOGS, DAY.date(), "records")
        scrub_day(lake, DAY.date(), scrubber, workers=2)
        written = lake.read(SCRUBBED, DAY.date(), "traces")
        ids = Pseudonyms(lake_salt(lake, scrubber.policy.salt_env), scrubber.policy.identifiers)
    before = {ids("request_id", rid): convo for rid, convo in conversations(raw).items()}
    planted = [(ids("request_id", rid), kind, value) for rid, kind, value in truth.select(
        "request_id", "entity", "value").iter_rows()]  # fmt: skip
    return records, before, conversations(written), row_texts(written), planted


def survivors(records: list[dict], rows: dict, planted: list) -> None:
    texts = [json.dumps(r, ensure_ascii=False) for r in records]
    for rid, kind, value in sorted(set(planted)):
        if rid in rows and value in rows[rid]:
            where = next((t for t in texts if value in t), "")
            at = where.find(value)
            print(f"{kind:15} {value!r} :: {where[max(0, at - 90) : at + len(value) + 40]!r}")
            at = rows[rid].find(value)
            print(f"{'':15} written :: {rows[rid][max(0, at - 90) : at + len(value) + 40]!r}")


def arguments(before: dict, after: dict) -> None:
    for rid, convo in before.items():
        if rid not in after:
            continue
        user_before, user_after = _user(convo), _user(after[rid])
        for args_before, args_after in zip(_args(convo), _args(after[rid]), strict=True):
            for key, value in args_before.items():
                new = args_after.get(key)
                if isinstance(value, str) and len(value) > 2 and value in user_before and not (
                        isinstance(new, str) and new in user_after):  # fmt: skip
                    print(f"{key}: {value!r} -> {new!r}")
                    print(f"   before: {user_before[:200]!r}\n   after:  {user_after[:200]!r}")


def words(before: dict, after: dict, planted: list) -> None:
    personal: dict[str, set[str]] = {}
    for rid, _, value in planted:
        personal.setdefault(rid, set()).update(_WORD.findall(value))
    lost: Counter = Counter()
    for rid, convo in before.items():
        if rid in after:
            kept = Counter(w for t in texts_of(after[rid]) for w in _WORD.findall(t))
            original = Counter(w for t in texts_of(convo) for w in _WORD.findall(t) if w not in personal.get(rid, ()))
            lost.update(original - kept)
    for word, count in lost.most_common(60):
        print(count, word)


def withheld(records: list[dict]) -> None:
    from flywheel.scrub import verify

    scrubber = Scrubber(load_policy())
    verifier = verify.Verifier(scrubber.policy.allow_list)
    calls = [(r["request"]["messages"], r["response"]["choices"][0]["message"]) for r in records]
    scrubber.detect(t for m, r in calls for t in texts_of([*m, r]))
    flagged = 0
    for messages, response in calls:
        result = scrubber.scrub_trace(messages, response)
        texts = list(verify.strings([result.messages, result.response]))
        verifier.detect(texts)
        hits = [(t, verifier.cache[t]) for t in texts if verifier.cache[t]]
        flagged += bool(hits)
        for text, kinds in hits:
            clean = verify.PLACEHOLDER.sub("·", text)
            spans = [e.text for e in verify._nlp()(clean).ents if e.label_ == "PERSON"] if "PERSON" in kinds else []
            spans += [m.group() for m in verify._PHONE_CANDIDATE.finditer(clean) if verify._is_phone(m.group())]
            print(f"{','.join(kinds):30} {spans} :: {clean[:300]!r}")
    print(f"{flagged} of {len(calls)} calls withheld")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["survivors", "arguments", "words", "withheld"])
    parser.add_argument("--seed", type=int, default=83)
    parser.add_argument("--conversations", type=int, default=1500)
    args = parser.parse_args()
    if args.what == "withheld":
        return withheld(build("dev", args.conversations, seed=args.seed)[0])
    records, before, after, rows, planted = scrubbed(args.seed, args.conversations)
    if args.what == "survivors":
        survivors(records, rows, planted)
    elif args.what == "arguments":
        arguments(before, after)
    else:
        words(before, after, planted)


if __name__ == "__main__":
    main()
