"""The optional LLM judge against a local OpenAI-compatible endpoint: what it is sent (the two
replies only), how its answer becomes a score, and that an unrated reply is missing, not 0."""

import json

import polars as pl
import pytest

from flywheel.evaluate import judge
from flywheel.evaluate.harness import Run
from flywheel.evaluate.report import EvalConfig, judge_run
from flywheel_tests.fake_llm import serve


@pytest.fixture
def endpoint():
    """Answers "4" unless the candidate says "unsure", then words without a number."""
    with serve(lambda body: "I cannot tell" if "unsure" in body["messages"][1]["content"] else "4") as found:
        yield found


def test_the_judge_sees_both_replies_and_its_rating_is_scaled(endpoint, monkeypatch: pytest.MonkeyPatch):
    url, seen = endpoint
    call = {"role": "assistant", "tool_calls": [{"function": {"name": "get_weather", "arguments": {"city": "Oslo"}}}]}
    assert judge.as_text(call) == '{"name": "get_weather", "arguments": {"city": "Oslo"}}'
    assert judge.rate(url, "judge-model", judge.as_text(call), "It is sunny.", api_key="k") == 0.75
    path, auth, body = seen[0]
    assert path == "/v1/chat/completions" and auth == "Bearer k" and body["model"] == "judge-model"
    assert "get_weather" in body["messages"][1]["content"] and "It is sunny." in body["messages"][1]["content"]
    assert judge.rate(url, "judge-model", "x", "unsure") is None


def test_an_evaluation_with_a_judge_scores_each_output_and_the_mean_leaves_out_unrated_ones(endpoint):
    url, seen = endpoint
    messages = [{"role": "user", "content": "Weather in Oslo?"}, {"role": "assistant", "content": "Sunny."}]
    test = pl.DataFrame({"request_id": ["a", "b"], "messages": [json.dumps(messages)] * 2})
    run = Run("t", {"decision": 1.0}, 2, 1.0, 5, [{"request_id": "a", "output": "Sunny today."},
                                                 {"request_id": "b", "output": "unsure"}])  # fmt: skip
    judge_run(run, test, EvalConfig())
    assert "judge" not in run.metrics and not seen  # off unless configured
    judge_run(run, test, EvalConfig(judge_url=url))
    assert [o["judge"] for o in run.outputs] == [0.75, None] and run.metrics["judge"] == 0.75
    assert all("Weather in Oslo" not in body["messages"][1]["content"] for _, _, body in seen)  # replies only
