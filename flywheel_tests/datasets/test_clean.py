"""Cleaning, deduplication and the split: counted per reason, decided by content, stable."""

import json
import random

import polars as pl

from flywheel.datasets.build import EXACT, NEAR, DatasetConfig, clean, version_of
from flywheel.datasets.card import card
from flywheel.datasets.examples import NOT_OFFERED

TOOLS = json.dumps([{"type": "function", "function": {"name": "get_order_status", "parameters": {"type": "object"}}}])


def trace(rid: str, order: str, user: str = "Where is order {o}?", tool: str = "get_order_status") -> dict:
    call = {"id": f"call_{rid}", "type": "function", "function": {"name": tool, "arguments": json.dumps({"id": order})}}
    return {
        "request_id": rid,
        "messages": json.dumps([{"role": "user", "content": user.format(o=order)}]),
        "tools": TOOLS,
        "response_message": json.dumps({"role": "assistant", "content": None, "tool_calls": [call]}),
        "finish_reason": "tool_calls",
    }


def words(texts):  # a tokenizer stand-in for speed: the card's lengths are not under test here
    return [len(t.split()) for t in texts]


def frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={c: pl.String for c in rows[0]})


def test_duplicates_are_counted_and_the_kept_copy_does_not_depend_on_order():
    rows = [
        trace("r1", "ORD-1", "Where is order {o} of Anna?"),
        trace("r2", "ORD-1", "Where is order {o} of Anna?"),  # the same call logged twice
        trace("r3", "ORD-2", "Where is order {o} of Anna?"),  # the same once digits are set aside
        trace("r4", "ORD-3", "Cancel {o}?"),
        trace("r5", "ORD-4", "Cancel {o}?", tool="cancel_order"),  # a tool that was not offered
    ]
    one_copy = DatasetConfig(near_copies=1)
    out, left = clean(frame(rows), one_copy, words)
    assert left == {EXACT: 1, NEAR: 1, NOT_OFFERED: 1}
    shuffled, _ = clean(frame(list(reversed(rows))), one_copy, words)
    assert out.sort("request_id").equals(shuffled.sort("request_id"))
    assert version_of(out) == version_of(shuffled)
    assert sorted(out["request_id"]) == ["r1", "r4"]


def test_a_few_near_copies_are_kept_the_same_ones_whatever_the_order_and_the_card_counts_them():
    rng = random.Random(5)
    # one form of request with 40 order numbers (the values a model must learn to copy), and 40 forms once each
    same_form = [trace(f"s{i}", f"ORD-{1000 + i}", "Where is order {o}?") for i in range(40)]
    forms = [trace(f"f{i}", f"ORD-{i}", "Where is {o}? " + "xyzw"[i % 4] * (i + 1)) for i in range(40)]
    rows = same_form + forms
    out, left = clean(frame(rows), DatasetConfig(near_copies=6), words)
    assert left == {NEAR: 34}
    kept = out.filter(pl.col("request_id").str.starts_with("s"))
    assert kept.height == 6 and kept["near_key"].n_unique() == 1
    assert out.filter(pl.col("request_id").str.starts_with("f")).height == 40
    again, _ = clean(frame(rng.sample(rows, len(rows))), DatasetConfig(near_copies=6), words)
    assert sorted(again["request_id"]) == sorted(out["request_id"])
    info = card(out, left, version_of(out), True, 50)
    in_train = set(out.filter(pl.col("split") == "train")["near_key"])
    test = out.filter(pl.col("split") == "test")
    assert info["test_forms_in_train"] == sum(k in in_train for k in test["near_key"])
    assert 0 < info["test_forms_in_train"] < test.height  # the repeated form's test copies, not the one-off forms


def test_a_trace_keeps_its_split_as_the_task_grows_and_a_conversation_is_never_split():
    rng = random.Random(3)
    first = [trace(f"a{i}", f"ORD-{i}", rng.choice(["Status of {o} please", "Where is {o}?", "Track {o}"]) + f" #{i}")
             for i in range(300)]  # fmt: skip
    follow = {**first[0], "request_id": "a0-follow-up"}  # the second call of the first conversation
    follow["messages"] = json.dumps([*json.loads(first[0]["messages"]), json.loads(first[0]["response_message"]),
                                     {"role": "tool", "tool_call_id": "call_a0", "content": "shipped"}])  # fmt: skip
    follow["response_message"] = json.dumps({"role": "assistant", "content": "It has shipped."})
    first.append(follow)
    grown = first + [trace(f"b{i}", f"X-{i}", "Has {o} shipped? " + "ab"[i % 2] * (i + 1)) for i in range(300)]
    v1, _ = clean(frame(first), DatasetConfig(), words)
    v2, _ = clean(frame(grown), DatasetConfig(), words)
    assert version_of(v1) != version_of(v2)
    assert len(set(v1.filter(pl.col("request_id").str.starts_with("a0"))["split"])) == 1
    split1 = dict(v1.select("request_id", "split").iter_rows())
    split2 = dict(v2.select("request_id", "split").iter_rows())
    assert all(split2[rid] == s for rid, s in split1.items())
    shares = v2["split"].value_counts(normalize=True)
    assert set(shares["split"]) == {"train", "validation", "test"}
    test_share = shares.filter(pl.col("split") == "test")["proportion"][0]
    assert 0.10 < test_share < 0.20  # configured 0.15
    assert v2.group_by("conversation_key").agg(pl.col("split").n_unique()).get_column("split").max() == 1
