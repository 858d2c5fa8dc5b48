"""The evaluation metrics on hand-made replies: valid and invalid calls, argument order, parallel
calls, schema violations, text against tool."""

import math

import pytest

from flywheel.evaluate.metrics import nanmean, primary_metric, score

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
          "required": ["city"], "additionalProperties": False}  # fmt: skip
TOOLS = [{"type": "function", "function": {"name": "get_weather", "parameters": SCHEMA}},
         {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}]  # fmt: skip


def call(name: str, arguments) -> dict:
    return {"type": "function", "function": {"name": name, "arguments": arguments}}


def tool_reply(*calls: dict) -> dict:
    return {"role": "assistant", "content": None, "tool_calls": list(calls)}


def line(body: str) -> str:
    return f"<tool_call>{body}</tool_call>"


WEATHER = tool_reply(call("get_weather", '{"city": "Oslo", "days": 3}'))


def test_the_same_call_with_arguments_in_another_order_and_form_agrees_fully():
    out = line('{"name": "get_weather", "arguments": {"days": 3.0, "city": " Oslo"}}') + "<end_of_turn>"
    got = score(out, WEATHER, TOOLS)
    assert (got["valid_call"], got["name"], got["name_args"], got["decision"]) == (1.0, 1.0, 1.0, 1.0)
    assert math.isnan(got["rouge_l"])


def test_arguments_given_as_a_json_string_compare_as_the_object():
    out = line('{"name": "get_weather", "arguments": "{\\"city\\": \\"Oslo\\", \\"days\\": 3}"}')
    assert score(out, WEATHER, TOOLS)["name_args"] == 1.0


def test_a_different_argument_value_keeps_the_name_but_not_the_arguments():
    got = score(line('{"name": "get_weather", "arguments": {"city": "Lima", "days": 3}}'), WEATHER, TOOLS)
    assert (got["valid_call"], got["name"], got["name_args"]) == (1.0, 1.0, 0.0)


def test_schema_violations_and_unoffered_tools_are_not_valid_calls():
    wrong_type = score(line('{"name": "get_weather", "arguments": {"city": "Oslo", "days": "three"}}'), WEATHER, TOOLS)
    assert (wrong_type["valid_call"], wrong_type["name"], wrong_type["name_args"]) == (0.0, 1.0, 0.0)
    missing = score(line('{"name": "get_weather", "arguments": {"days": 3}}'), WEATHER, TOOLS)
    assert missing["valid_call"] == 0.0
    unoffered = score(line('{"name": "book_flight", "arguments": {"city": "Oslo"}}'), WEATHER, TOOLS)
    assert (unoffered["valid_call"], unoffered["name"], unoffered["decision"]) == (0.0, 0.0, 1.0)


def test_malformed_or_unclosed_calls_are_invalid_but_still_a_decision_to_call():
    for out in (line('{"name": "get_weather", "arguments": {"city": '), '<tool_call>{"name": "get_weather", "arg'):
        got = score(out, WEATHER, TOOLS)
        assert (got["valid_call"], got["name_args"], got["decision"]) == (0.0, 0.0, 1.0)
    # one good and one broken line: the reply is not a valid call
    both = line('{"name": "get_weather", "arguments": {"city": "Oslo", "days": 3}}') + line("{nope")
    assert score(both, WEATHER, TOOLS)["valid_call"] == 0.0


def test_parallel_calls_compare_as_a_set_whatever_their_order():
    reference = tool_reply(call("get_weather", {"city": "Oslo"}), call("get_time", {"zone": "CET"}))
    swapped = line('{"name": "get_time", "arguments": {"zone": "CET"}}') + "\n" + line(
        '{"name": "get_weather", "arguments": {"city": "Oslo"}}')  # fmt: skip
    assert score(swapped, reference, TOOLS)["name_args"] == 1.0
    one_missing = line('{"name": "get_weather", "arguments": {"city": "Oslo"}}')
    got = score(one_missing, reference, TOOLS)
    assert (got["valid_call"], got["name"], got["name_args"]) == (1.0, 0.0, 0.0)
    twice = one_missing + one_missing  # the same call twice is not the two calls the LLM made
    assert score(twice, reference, TOOLS)["name"] == 0.0


def test_text_against_tool_decisions_and_rouge_for_text_answers():
    text_reference = {"role": "assistant", "content": "Your order ships on Monday."}
    got = score("Your order ships on Monday.<end_of_turn>", text_reference, TOOLS)
    assert (got["decision"], got["rouge_l"]) == (1.0, 1.0) and math.isnan(got["name_args"])
    partly = score("It ships Monday.", text_reference, TOOLS)["rouge_l"]
    assert 0.3 < partly < 1.0
    called = score(line('{"name": "get_time", "arguments": {}}'), text_reference, TOOLS)
    assert called["decision"] == 0.0 and called["rouge_l"] == 0.0
    answered = score("It is sunny in Oslo.", WEATHER, TOOLS)
    assert (answered["decision"], answered["valid_call"], answered["name_args"]) == (0.0, 0.0, 0.0)


def test_means_leave_out_what_does_not_apply_and_the_task_metric_follows_its_replies():
    assert nanmean([1.0, float("nan"), 0.0]) == pytest.approx(0.5)
    assert math.isnan(nanmean([float("nan")]))
    assert primary_metric(["tool_call", "text", "tool_call"]) == "name_args"
    assert primary_metric(["text", "text", "tool_call"]) == "rouge_l"
