"""What scrub_day writes besides scrubbed text: pseudonymised ids, verified metadata, calls it must leave out."""

import json
from datetime import date

import polars as pl

from flywheel.defs.metadata import verified
from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.pipeline import SCRUBBED, scrub_day
from flywheel.scrub.verify import Verifier


def _record(rid: str, client: str) -> dict:
    call = {"id": "call_jane.doe@example.org", "type": "function",
            "function": {"name": "lookup", "arguments": json.dumps({"order": "ORD-1"})}}  # fmt: skip
    return {"request_id": rid, "timestamp": "2026-11-02T10:00:00Z", "workload_id": "support", "client_id": client,
            "request": {"model": "m", "messages": [
                {"role": "user", "content": "where is ORD-1?"},
                {"role": "assistant", "content": None, "tool_calls": [call]},
                {"role": "tool", "tool_call_id": call["id"], "content": "{\"status\": \"shipped\"}"}]},
            "response": {"choices": [{"message": {"role": "assistant", "content": "It shipped."}}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1}}}  # fmt: skip


def test_ids_become_salted_pseudonyms_and_tool_calls_stay_linked(tmp_path, scrubber, monkeypatch):
    monkeypatch.delenv("FLYWHEEL_SCRUB_SALT", raising=False)
    (tmp_path / "landing").mkdir()
    lines = [_record("req-jane.doe@example.org", "jane.doe@example.org"), _record("r2", "web")]
    (tmp_path / "landing" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    lake = Lake(tmp_path / "lake")
    ingest_days(lake, tmp_path / "landing", {date(2026, 11, 2)})
    scrub_day(lake, "2026-11-02", scrubber)
    written = lake.read(SCRUBBED, "2026-11-02", "traces")
    text = written.write_json()
    assert "jane" not in text and "r2" not in set(written["request_id"])
    assert written.height == 2 and written["request_id"].str.starts_with("req-").all()
    messages = json.loads(written["messages"][0])
    assert messages[1]["tool_calls"][0]["id"] == messages[2]["tool_call_id"] != "call_jane.doe@example.org"
    salt_file = lake.root / "_secrets" / "identifier_salt"
    assert salt_file.stat().st_mode & 0o077 == 0
    ids = Pseudonyms(lake_salt(lake), {"request_id": "hash"})
    assert ids("request_id", "r2") in set(written["request_id"])
    assert Pseudonyms(b"other", {"request_id": "hash"})("request_id", "r2") != ids("request_id", "r2")


def test_raw_strings_shown_in_metadata_are_withheld_when_personal():
    df = pl.DataFrame({"client_id": ["web", "jane.doe@example.org", "+44 20 7946 0958"], "n": [1, 2, 3],
                       "tools": [["lookup"], ["mail_jane.doe@example.org"], []]})  # fmt: skip
    out = verified(df, Verifier())
    assert out["client_id"].to_list() == ["web", "[withheld: EMAIL_ADDRESS]", "[withheld: PHONE_NUMBER]"]
    assert out["tools"].to_list()[1] == ["[withheld: EMAIL_ADDRESS]"] and out["n"].to_list() == [1, 2, 3]


def test_a_call_too_long_to_scrub_is_left_out_with_its_reason_and_the_day_goes_on(tmp_path, scrubber):
    (tmp_path / "landing").mkdir()
    huge = _record("big", "web")
    huge["request"]["messages"][0]["content"] = "word " * 250_000
    lines = [huge, _record("ok", "web")]
    (tmp_path / "landing" / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    lake = Lake(tmp_path / "lake")
    ingest_days(lake, tmp_path / "landing", {date(2026, 11, 2)})
    result = scrub_day(lake, "2026-11-02", scrubber)
    assert result.traces.height == 1 and result.published
    [reason] = result.failures["reason"].to_list()
    assert reason.startswith("too long to scrub: a text of 1,250,000 characters")
