import copy
import json

import pytest

from flywheel.ingest.contract import Rejected, decode_record
from flywheel_tests.conftest import make_record

SECRET = "jane.secret@example.org"


def _reject(line: bytes) -> Rejected:
    with pytest.raises(Rejected) as info:
        decode_record(line)
    return info.value


def _with(path: list, value: object, delete: bool = False) -> bytes:
    rec = copy.deepcopy(make_record())
    target = rec
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(rec).encode()


def test_valid_record_decodes_with_its_fields():
    rec = decode_record(json.dumps(make_record()).encode())
    assert rec.workload_id == "support-agent"
    assert rec.response.choices[0].message.tool_calls[0].function.name == "get_order_status"
    assert rec.response.usage.prompt_tokens == 50


@pytest.mark.parametrize(
    ("line", "code", "names"),
    [
        (b"", "empty_line", "empty"),
        (b"   ", "empty_line", "empty"),
        (b'{"request_id": "x", "workload_id": ', "invalid_json", "JSON"),
        (b"not json at all", "invalid_json", "JSON"),
        (json.dumps(make_record()).encode().replace(b"Where", b"\xff\xfeWhere"), "invalid_utf8", "UTF-8"),
        (_with(["workload_id"], None, delete=True), "missing_field", "`workload_id`"),
        (_with(["response"], None, delete=True), "missing_field", "`response`"),
        (_with(["request", "messages"], None, delete=True), "missing_field", "`messages`"),
        (_with(["client_id"], 12345), "wrong_type", "`$.client_id`"),
        (_with(["latency_ms"], "812ms"), "wrong_type", "`$.latency_ms`"),
        (_with(["response", "usage", "prompt_tokens"], "many"), "wrong_type", "prompt_tokens"),
        (_with(["response", "usage", "prompt_tokens"], -3), "invalid_value", "prompt_tokens"),
        (_with(["request", "messages"], []), "invalid_value", "`$.request.messages`"),
        (_with(["request", "messages", 1, "role"], "customer"), "invalid_value", "`$.request.messages[1].role`"),
        (b"[1, 2]", "wrong_type", "object"),
    ],
)
def test_each_defect_gets_its_reason(line: bytes, code: str, names: str):
    rej = _reject(line)
    assert rej.code == code
    assert names in rej.reason


def test_tool_call_arguments_must_be_a_json_object():
    rec = make_record()
    rec["response"]["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = "{order_id: ORD-1"
    rej = _reject(json.dumps(rec).encode())
    assert rej.code == "invalid_value"
    assert "$.response.choices[0].message.tool_calls[0].function.arguments" in rej.reason


@pytest.mark.parametrize(
    "line",
    [
        _with(["client_id"], {"email": SECRET}),
        _with(["request", "messages", 1, "role"], SECRET),
        _with(["latency_ms"], SECRET),
        _with(["response", "usage", "prompt_tokens"], SECRET),
        json.dumps(make_record(workload_id=SECRET)).encode()[:-40],
    ],
)
def test_reasons_never_quote_the_value(line: bytes):
    rej = _reject(line)
    assert SECRET not in rej.reason
    assert "jane" not in str(rej)
