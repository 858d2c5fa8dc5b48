"""A trace becomes an example, or is left out for a named reason."""

import json

import pytest

from flywheel.datasets import examples as E
from flywheel.datasets.examples import Example, to_example

TOOLS = [{"type": "function", "function": {"name": "get_order_status", "parameters": {
    "type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"],
    "additionalProperties": False}}}]  # fmt: skip
MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Where is ORD-1?"}]


def call(name: str = "get_order_status", arguments: str = '{"order_id": "ORD-1"}') -> dict:
    function = {"name": name, "arguments": arguments}
    tool_call = {"id": "c1", "type": "function", "function": function}
    return {"role": "assistant", "content": None, "tool_calls": [tool_call]}


def example(reply: dict, finish: str | None = "tool_calls", tools: list | None = TOOLS) -> Example | str:
    return to_example(json.dumps(MESSAGES), json.dumps(reply), json.dumps(tools) if tools is not None else None, finish)


def test_a_tool_call_becomes_the_target_with_parsed_arguments():
    out = example(call())
    assert isinstance(out, Example)
    assert out.messages[:-1] == MESSAGES and out.tools == TOOLS
    target = out.messages[-1]
    assert target["role"] == "assistant" and target["content"] is None
    assert target["tool_calls"][0]["function"] == {"name": "get_order_status", "arguments": {"order_id": "ORD-1"}}
    assert (out.kind, out.first_tool) == ("tool_call", "get_order_status")


def test_a_text_reply_and_a_follow_up_are_examples():
    out = example({"role": "assistant", "content": "It ships today."}, finish="stop")
    assert isinstance(out, Example) and out.kind == "text" and out.first_tool is None
    follow = [*MESSAGES, call(), {"role": "tool", "tool_call_id": "c1", "content": '{"status": "shipped"}'}]
    out = to_example(json.dumps(follow), json.dumps({"role": "assistant", "content": "Shipped."}), json.dumps(TOOLS),
                     "stop")  # fmt: skip
    assert isinstance(out, Example) and out.messages[:-1] == follow


@pytest.mark.parametrize(
    ("reply", "finish", "reason"),
    [
        (call(), "length", E.ERRORED),
        (call(), "content_filter", E.ERRORED),
        ({"role": "assistant", "content": "  "}, "stop", E.EMPTY),
        (call(arguments='{"order_id": '), "tool_calls", E.NOT_JSON),
        (call(arguments='["ORD-1"]'), "tool_calls", E.NOT_JSON),
        (call(name="cancel_order"), "tool_calls", E.NOT_OFFERED),
        (call(arguments='{"order": "ORD-1"}'), "tool_calls", E.OFF_SCHEMA),
        (call(arguments='{"order_id": 7}'), "tool_calls", E.OFF_SCHEMA),
    ],
)
def test_bad_replies_are_left_out_with_their_reason(reply: dict, finish: str, reason: str):
    assert example(reply, finish) == reason


def test_no_tools_offered_means_any_tool_call_names_an_unoffered_tool():
    assert example(call(), tools=None) == E.NOT_OFFERED


def test_an_unreadable_trace_is_counted_not_raised():
    assert to_example("{not json", "{}", None, "stop") == E.UNREADABLE
