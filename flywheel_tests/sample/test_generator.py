import contextlib
import gzip
import json
import re
from pathlib import Path

import polars as pl

from flywheel.sample.generator import generate


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in re.sub(r"\D", "", number)][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def _iban_ok(value: str) -> bool:
    v = value.replace(" ", "")
    return int("".join(str(int(c, 36)) for c in v[4:] + v[:4])) % 97 == 1


def _records(landing: Path) -> list[dict]:
    out = []
    for path in sorted(landing.iterdir()):
        data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
        for line in data.splitlines():
            with contextlib.suppress(ValueError):  # bad lines are not the subject here
                out.append(json.loads(line))
    return out


def test_same_seed_same_files(tmp_path: Path):
    for name in ("a", "b"):
        generate(tmp_path / name, records=300, days=2, seed=3)
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes()
    generate(tmp_path / "c", records=300, days=2, seed=4)
    assert (tmp_path / "c" / "traffic-2026-11-01.jsonl").read_bytes() != (
        tmp_path / "a" / "traffic-2026-11-01.jsonl"
    ).read_bytes()


def test_ground_truth_is_kept_apart_from_the_landing_folder(sample):
    assert not any(p.suffix == ".parquet" for p in sample.landing.rglob("*"))
    assert sample.lines.height == sum(
        len((gzip.decompress(p.read_bytes()) if p.name.endswith(".gz") else p.read_bytes()).splitlines())
        for p in sample.landing.iterdir()
    )


def test_traffic_has_tasks_tools_turns_workloads_and_clients(sample):
    truth = sample.lines
    assert truth["task"].n_unique() >= 6
    records = [r for r in _records(sample.landing) if isinstance(r, dict) and "request" in r]
    assert len({r.get("workload_id") for r in records}) >= 3
    assert len({r.get("client_id") for r in records}) >= 5
    replies = [r["response"]["choices"][0]["message"] for r in records if "choices" in r.get("response", {})]
    calls = [m for m in replies if m.get("tool_calls")]
    assert 0.1 < 1 - len(calls) / len(replies) < 0.7  # a share of plain-text answers
    for m in calls:
        json.loads(m["tool_calls"][0]["function"]["arguments"])
    multi_turn = [r for r in records if any(m["role"] == "tool" for m in r["request"].get("messages", []))]
    assert len(multi_turn) > 0.1 * len(records)
    assert all("parameters" in t["function"] for r in records for t in r["request"].get("tools", []))


def test_every_pii_kind_is_planted_in_messages_tool_arguments_and_tool_results(sample):
    pii = sample.pii
    kinds = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS",
             "STREET_ADDRESS", "US_SSN", "DATE_OF_BIRTH"}  # fmt: skip
    assert set(pii["entity"]) == kinds
    paths = pii["path"]
    assert paths.str.contains(r"messages\[1\]\.content$").any()  # user message
    assert paths.str.contains(r"tool_calls\[0\]\.function\.arguments\.").any()  # tool-call argument
    assert paths.str.contains(r"messages\[3\]\.content\.").any()  # tool result
    cards = pii.filter(pl.col("entity") == "CREDIT_CARD")["value"]
    ibans = pii.filter(pl.col("entity") == "IBAN_CODE")["value"]
    assert all(_luhn_ok(c) for c in cards)
    assert all(_iban_ok(i) for i in ibans)


def test_bad_lines_of_every_kind_and_duplicates(sample):
    truth = sample.lines
    defects = set(truth["defect"].drop_nulls())
    assert defects == {"invalid_json", "invalid_utf8", "missing_field", "wrong_type", "invalid_value", "empty_line"}
    assert truth.filter(pl.col("outcome") == "duplicate").height > 0
    assert set(truth["derived"].drop_nulls()) == {"request_id", "timestamp"}
    late = truth.filter(pl.col("day") != pl.col("source_file").str.extract(r"(\d{4}-\d{2}-\d{2})").str.to_date())
    assert late.height > 0  # late arrivals in the next day's file
