"""The held-out agent's traffic: every line passes the log contract, every logged call fits the
tool it names, and the dates and times in the calls are the ones the request asked for."""

import json
from datetime import date

import polars as pl

from flywheel.datasets.examples import fits_schema
from flywheel.heldout_agent.tasks import TASKS
from flywheel.heldout_agent.tools import TOOLS, WORKLOADS
from flywheel.heldout_agent.traffic import generate
from flywheel.ingest.contract import decode_record


def test_the_traffic_is_valid_gateway_logs_with_calls_that_fit_their_tools(tmp_path):
    counts = generate(tmp_path / "landing", tmp_path / "truth", records=400, days=2, seed=3)
    files = sorted((tmp_path / "landing").iterdir())
    assert [f.name for f in files] == ["kestrel-2026-09-14.jsonl", "kestrel-2026-09-15.jsonl"]
    lines = [line for f in files for line in f.read_bytes().splitlines()]
    truth = pl.read_parquet(tmp_path / "truth" / "calls.parquet")
    assert len(lines) == truth.height == sum(counts.values()) >= 400
    assert set(counts) == set(TASKS)
    kinds, parallel = {"tool_call": 0, "text": 0}, 0
    for line, (rid, task, kind) in zip(lines, truth.select("request_id", "task", "kind").rows(), strict=True):
        record = decode_record(line)  # raises on a line that breaks the contract
        raw = json.loads(line)
        assert raw["request_id"] == record.request_id == rid
        offered = {t["function"]["name"] for t in raw["request"]["tools"]}
        assert offered == set(WORKLOADS[raw["workload_id"]]["tools"])
        reply = raw["response"]["choices"][0]["message"]
        kinds[kind] += 1
        assert (kind == "tool_call") == ("tool_calls" in reply)
        calls = reply.get("tool_calls", [])
        parallel += len(calls) > 1
        day = date.fromisoformat(raw["timestamp"][:10])
        for call in calls:
            name, args = call["function"]["name"], json.loads(call["function"]["arguments"])
            assert name in offered and fits_schema(TOOLS[name]["function"]["parameters"], args), (task, args)
            if name == "reserve_room":
                assert date.fromisoformat(args["date"]) >= day and args["end"] > args["start"]
            if name == "submit_expense":
                assert date.fromisoformat(args["date"]) < day
    assert kinds["tool_call"] > kinds["text"] > 0 and parallel > 0


def test_a_request_asks_for_what_the_call_holds():
    import random

    rng = random.Random(7)
    today = date(2026, 9, 16)  # a Wednesday
    seen = 0
    for _ in range(300):
        ex = TASKS["room_booking"][0](rng, today)
        if not ex.calls:
            assert ex.answer.endswith("?")  # a clarifying question
            continue
        args = ex.calls[0][1]
        if "tomorrow" in ex.user:
            assert args["date"] == "2026-09-17"
            seen += 1
        if " on Friday" in ex.user:
            assert args["date"] == "2026-09-18"
            seen += 1
        assert args["room"] in ex.user
    assert seen > 5
