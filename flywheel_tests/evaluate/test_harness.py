"""The lm-eval task of a test split, run on the tiny model with and without a real LoRA adapter:
what the harness scores is what the metrics say of each output, the adapter beats its base, and
the `lm_eval` command line reruns the same evaluation to the same numbers."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from transformers import AutoTokenizer

from flywheel.evaluate import harness
from flywheel.evaluate.metrics import METRICS, score


@pytest.fixture(scope="module")
def task(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path, tiny_dataset: Path) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("lm_eval") / "task"
    test, train = (pl.read_parquet(tiny_dataset / f"{s}.parquet") for s in ("test", "train"))
    name = harness.write_task(folder, "task-001", test, train, AutoTokenizer.from_pretrained(str(tiny_model)),
                              shots=2, max_new_tokens=100)  # fmt: skip
    return folder, name


def test_the_task_folder_holds_every_test_example_with_its_prompts(task, tiny_dataset: Path):
    folder, name = task
    assert name == "flywheel_task_001"
    assert {p.name for p in folder.iterdir()} >= {"test.jsonl", "utils.py", f"{name}.yaml", f"{name}_icl.yaml"}
    docs = [json.loads(line) for line in (folder / "test.jsonl").read_text().splitlines()]
    assert len(docs) == pl.read_parquet(tiny_dataset / "test.parquet").height == 8
    first = docs[0]
    assert first["prompt"].endswith("<start_of_turn>model\n") and "get_weather" in first["prompt"]
    # the in-context prompt holds two train conversations, with their replies, before this one
    assert first["prompt_icl"].count("<tool_call>") - first["prompt"].count("<tool_call>") == 2
    assert first["prompt_icl"].endswith(first["prompt"].split("<end_of_turn>\n", 1)[1])
    assert json.loads(first["reference"])["tool_calls"][0]["function"]["name"] == "get_weather"


def test_the_adapter_beats_its_base_and_every_score_is_the_metric_of_its_output(task, tiny_model: Path,
                                                                                tiny_adapter: Path):  # fmt: skip
    folder, name = task
    base = harness.run(folder, [name, name + "_icl"], tiny_model)
    tuned = harness.run(folder, [name], tiny_model, tiny_adapter)[name]
    assert base[name].examples == tuned.examples == 8
    assert tuned.metrics["valid_call"] > base[name].metrics["valid_call"]
    assert tuned.metrics["name"] > max(base[name].metrics["name"], base[name + "_icl"].metrics["name"])
    assert tuned.metrics["name_args"] >= 0.75 > base[name].metrics["name_args"]
    assert tuned.seconds > 0 and tuned.generated_tokens > 0 and tuned.tokens_per_second > 0
    docs = {d["request_id"]: d for d in map(json.loads, (folder / "test.jsonl").read_text().splitlines())}
    for out in tuned.outputs:
        doc = docs[out["request_id"]]
        expected = score(out["output"], json.loads(doc["reference"]), json.loads(doc["tools"]))
        for m in METRICS:
            assert (math.isnan(expected[m]) and math.isnan(out[m])) or expected[m] == out[m]
    assert math.isnan(tuned.metrics["rouge_l"])  # no text answers in this task


def test_the_lm_eval_command_line_reruns_the_same_evaluation(task, tiny_model: Path, tiny_adapter: Path):
    folder, name = task
    line = harness.command(folder, name, tiny_model, tiny_adapter)
    assert line.startswith("lm_eval --model hf") and f"peft={tiny_adapter}" in line
    ours = harness.run(folder, [name], tiny_model, tiny_adapter)[name].metrics
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(line, shell=True, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"})  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(next((folder / "results").rglob("results_*.json")).read_text())["results"][name]
    for m in ("valid_call", "name", "name_args", "decision"):
        assert results[f"{m},none"] == pytest.approx(ours[m])


def test_the_generation_budget_is_the_longest_reply_and_a_quarter(tiny_model: Path, tiny_dataset: Path):
    tokenizer = AutoTokenizer.from_pretrained(str(tiny_model))
    test = pl.read_parquet(tiny_dataset / "test.parquet")
    lengths = harness.reply_tokens(test, tokenizer)
    # byte-level: '<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>' and the turn's end
    assert lengths[0] == len('<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>') + 2
    assert harness.generation_budget(test, test, tokenizer, 256) == int(max(lengths) * 1.25) + 8
    assert harness.generation_budget(test, test, tokenizer, 50) == 50


def test_a_limit_reads_each_kind_of_reply_in_its_share_whatever_the_ids():
    # 3 calls among 24 examples, all with the largest ids: read in id order, the first 12 hold none
    ids = [f"r{i:02}" for i in range(24)]
    test = pl.DataFrame({"request_id": ids, "kind": ["text"] * 21 + ["tool_call"] * 3})
    order = harness.interleaved(test)
    assert sorted(order["request_id"]) == ids  # every example, once
    assert order["kind"].head(12).to_list().count("tool_call") in (1, 2)
    assert order["kind"].head(16).to_list().count("tool_call") == 2
    texts = order.filter(pl.col("kind") == "text")["request_id"].to_list()
    assert texts == sorted(texts)  # within a kind, the id order
    assert harness.interleaved(test.reverse()).equals(order)
