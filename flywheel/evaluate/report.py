"""`eval_reports` in the lake: a task's newest adapter against its base model (zero-shot and with
a few train examples in context) and against the champion, on the task's test split, with the
LLM's logged replies as the reference; the promotion decision; costs per 1,000 calls.

Stored under `eval_reports/<task>/`: `<dataset version>-<base model>/` (the lm-eval task, the base
model's scores, which do not change until the dataset does, and every run's outputs) and
`v<model version>.json`, the report of each adapter version; `current.json` is the newest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flywheel.datasets.build import current_dataset, read_split, task_traces
from flywheel.evaluate import harness, judge, promote
from flywheel.evaluate.costs import llm_per_1000, load_prices, slm_per_1000
from flywheel.evaluate.metrics import applying, nanmean, primary_metric
from flywheel.lake import Lake, write_folder
from flywheel.train.adapters import current_adapter
from flywheel.train.template import parse_reply

REPORTS = "eval_reports"
USAGE = ["request_id", "model", "prompt_tokens", "completion_tokens"]


@dataclass(frozen=True)
class EvalConfig:
    shots: int = 3  # train examples shown in context to the base model
    max_new_tokens: int = 256  # at most; a task whose replies are shorter gets its longest reply and a quarter more
    limit: int | None = None  # evaluate on at most this many test examples (None: the whole split)
    batch_size: int = 8  # requests generated together; seconds per call is then a throughput (2.3x on 2 cores)
    gate: promote.Gate = field(default_factory=promote.Gate)
    mlflow_uri: str = ""
    prices: str | None = None  # a price table other than the packaged one
    judge_url: str | None = None  # an OpenAI-compatible endpoint for the LLM-as-judge score (off when None)
    judge_model: str = "gpt-4o-mini"


def _summary(run: harness.Run) -> dict:
    metrics = {k: None if v != v else round(v, 4) for k, v in run.metrics.items()}  # NaN: does not apply
    return {"metrics": metrics, "examples": run.examples, "seconds_per_call": round(run.seconds_per_call, 4),
            "tokens_per_second": round(run.tokens_per_second, 2)}  # fmt: skip


def _save_outputs(lake: Lake, folder: Path, label: str, run: harness.Run) -> None:
    pl.DataFrame(run.outputs).write_parquet(folder / f"outputs-{label}.parquet")
    lake.put(folder / f"outputs-{label}.parquet")


def judge_run(run: harness.Run, test: pl.DataFrame, config: EvalConfig) -> None:
    """Add the LLM judge's score to each output and to the run's metrics, when a judge is configured."""
    if not config.judge_url:
        return
    references = {rid: json.loads(m)[-1] for rid, m in test.select("request_id", "messages").iter_rows()}
    key = os.environ.get("FLYWHEEL_JUDGE_API_KEY")
    for out in run.outputs:
        out["judge"] = judge.rate(config.judge_url, config.judge_model, judge.as_text(references[out["request_id"]]),
                                  judge.as_text(parse_reply(out["output"])), key)  # fmt: skip
    run.metrics["judge"] = nanmean(float("nan") if o["judge"] is None else o["judge"] for o in run.outputs)


def report_of(lake: Lake, task_id: str, version: str) -> dict | None:
    return lake.read_json(f"{REPORTS}/{task_id}/v{version}.json")


def current_report(lake: Lake, task_id: str) -> dict | None:
    return lake.read_json(f"{REPORTS}/{task_id}/current.json")


def evaluate_task(lake: Lake, task_id: str, config: EvalConfig, log: Callable[[str], None] = print) -> dict:
    """Evaluate the task's newest adapter, decide on its promotion, record it all; returns the report."""
    dataset, adapter = current_dataset(lake, task_id), current_adapter(lake, task_id)
    if not adapter:
        raise ValueError(f"{task_id} has no adapter: materialize lora_adapters for it first")
    version, candidate, model_dir = dataset["version"], adapter["model_version"], adapter["model_dir"]
    test, train = read_split(lake, task_id, version, "test"), read_split(lake, task_id, version, "train")
    if test.height == 0:
        raise ValueError(f"{task_id}: the test split of dataset {version} is empty")
    folder = lake.root / REPORTS / task_id / f"{version}-{adapter['base_model']}"
    name, tasks = harness.task_name(task_id), folder / "lm_eval"
    if not lake.exists(tasks):
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        budget = harness.generation_budget(train, test, tokenizer, config.max_new_tokens)
        write_folder(
            tasks,
            lambda staging: harness.write_task(
                staging, task_id, test, train, tokenizer, config.shots, budget, tasks / "test.jsonl"
            ),
        )
    lake.fetch(tasks)
    examples = min(test.height, config.limit or test.height)
    cached = folder / f"base-{config.limit or 'all'}.json"  # scores of the same examples only
    base = json.loads(cached.read_text()) if lake.fetch(cached).is_file() else None
    if base is None:
        log(f"{task_id}: evaluating {adapter['base_model']} zero-shot and in-context on {examples} test examples")
        runs = harness.run(tasks, [name, name + "_icl"], model_dir, None, config.limit, config.batch_size)
        judge_run(runs[name], test, config), judge_run(runs[name + "_icl"], test, config)
        base = {"base": _summary(runs[name]), "in_context": _summary(runs[name + "_icl"])}
        _save_outputs(lake, folder, "base", runs[name]), _save_outputs(lake, folder, "in_context", runs[name + "_icl"])
        cached.write_text(json.dumps(base, indent=1))
        lake.put(cached)
    log(f"{task_id}: evaluating adapter version {candidate}")
    local = lake.fetch(adapter["adapter"])
    tuned_run = harness.run(tasks, [name], model_dir, local, config.limit, config.batch_size)[name]
    judge_run(tuned_run, test, config)
    _save_outputs(lake, folder, f"v{candidate}", tuned_run)
    tuned = _summary(tuned_run)
    metric = primary_metric(test["kind"].to_list())
    champion = promote.alias(config.mlflow_uri, task_id)
    champion_score = None
    if champion is not None and champion != candidate:
        champion_score = _champion_score(lake, task_id, champion, version, tasks, name, model_dir, config, log)
    score = tuned["metrics"][metric]
    ok, reasons = promote.decide(metric, score, champion_score, config.gate)
    counts = {m: len(applying(o.get(m) for o in tuned_run.outputs)) for m in promote.KINDS}
    passes, why = promote.judge_other_kind(metric, tuned["metrics"], counts, config.gate)
    ok, reasons = ok and passes, reasons + ([why] if why else [])
    prices = load_prices(config.prices)
    llm = llm_per_1000(task_traces(lake, task_id, USAGE), prices)
    costs = {"llm_per_1000": None if llm is None else round(llm, 4),
             "slm_per_1000": round(slm_per_1000(tuned["seconds_per_call"], prices), 4),
             "slm_machine": prices.slm_machine}  # fmt: skip
    report = {
        "task_id": task_id, "model_version": candidate, "dataset_version": version, "adapter": adapter["adapter"],
        "model_dir": model_dir, "base_model": adapter["base_model"], "test_examples": test.height, "metric": metric,
        "scores": {**base, "fine_tuned": tuned}, "champion_before": champion, "champion_score": champion_score,
        "regression": champion_score is not None and (score or 0.0) + config.gate.tolerance < champion_score,
        "promoted": ok, "reasons": reasons, "costs": costs,
        "batch_size": config.batch_size, "limit": config.limit,
        "lm_eval_command": harness.command(tasks, name, model_dir, local, config.batch_size),
    }  # fmt: skip
    if ok:
        report["previous"] = promote.promote(config.mlflow_uri, task_id, candidate, reasons)
    lake.write_json(f"{REPORTS}/{task_id}/v{candidate}.json", report)
    lake.write_json(f"{REPORTS}/{task_id}/current.json", report)
    return report


def _champion_score(lake: Lake, task_id: str, champion: str, version: str, tasks: Path, name: str, model_dir: str,
                    config: EvalConfig, log: Callable[[str], None]) -> float | None:  # fmt: skip
    """The champion's task metric on the same test examples (evaluated again if its report was on
    another dataset version or another `limit`); None if its adapter is gone."""
    stored = report_of(lake, task_id, champion)
    if stored is None or not lake.exists(stored["adapter"]):
        return None
    if stored["dataset_version"] == version and stored.get("limit") == config.limit:
        return stored["scores"]["fine_tuned"]["metrics"][stored["metric"]]
    log(f"{task_id}: the champion (version {champion}) was evaluated on other test examples: evaluating it again")
    run = harness.run(tasks, [name], model_dir, lake.fetch(stored["adapter"]), config.limit, config.batch_size)[name]
    return run.metrics[primary_metric(read_split(lake, task_id, version, "test")["kind"].to_list())]
