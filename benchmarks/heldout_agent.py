"""The whole flywheel on traffic it was not shaped on: Kestrel Labs' workplace assistant
(`flywheel.heldout_agent`: its own tools, phrasings and values; dates and times the LLM resolved,
amounts in words and signs, parallel calls, clarifying questions, answers worded several ways).

It writes that traffic into a fresh project's landing folder, runs `flywheel demo` there as a user
would (collect, scrub, cluster, and for the largest tasks the dataset, base model, LoRA training,
lm-eval, promotion), then measures against the generator's ground truth, which the pipeline never
reads:
- clustering: each true task's share in its main cluster, each trained cluster's purity, the
  adjusted Rand index;
- the fine-tuned adapters on their task's **whole** validation split (the development part: choose
  settings on it) and test split (the figure to report), beside the base model with a few train
  examples in context (the baseline) on the test split, and their ratio.

    .venv/bin/python benchmarks/heldout_agent.py                       # 3,000 calls over 5 days, 2 tasks
    .venv/bin/python benchmarks/heldout_agent.py --workdir /tmp/ho --no-baseline
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl
from sklearn.metrics import adjusted_rand_score

from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import members
from flywheel.datasets.build import current_dataset, read_split
from flywheel.demo import largest_tasks
from flywheel.evaluate import harness
from flywheel.heldout_agent.traffic import generate
from flywheel.lake import Lake
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.train.adapters import current_adapter

SHOWN = ("valid_call", "name", "name_args", "decision", "rouge_l")


def cluster_quality(lake: Lake, truth: pl.DataFrame, trained: list[str]) -> None:
    ids = Pseudonyms(lake_salt(lake), {})
    truth = truth.with_columns(pl.col("request_id").map_elements(lambda r: ids("request_id", r), pl.String))
    joined = members(lake).join(truth, on="request_id")
    print(f"clustering: {joined.height:,} of {truth.height:,} logged calls clustered; adjusted Rand index "
          f"{adjusted_rand_score(joined['task'], joined['cluster_id']):.3f}")  # fmt: skip
    counts = joined.group_by("task", "cluster_id").len()
    for (task,), group in counts.sort("len", descending=True).group_by("task", maintain_order=True):
        top, total = group.row(0, named=True), group["len"].sum()
        where = f"{top['len'] / total:.0%} in {top['cluster_id']} ({group.height} clusters)"
        print(f"  {task:<16} {total:>5} calls, {where}")
    noise = joined.filter(pl.col("cluster_id") == NOISE).height
    print(f"  noise: {noise} calls")
    for task_id in trained:
        group = counts.filter(pl.col("cluster_id") == task_id).sort("len", descending=True)
        mix = ", ".join(f"{t} {n}" for t, n in group.select("task", "len").rows())
        print(f"  {task_id} holds: {mix} (purity {group['len'].max() / group['len'].sum():.0%})")


def score_split(lake: Lake, task_id: str, split: str, adapter: str | None, shots: int, work: Path) -> dict:
    """lm-eval on the whole split, as the demo evaluates its test examples (batch 8, greedy)."""
    from transformers import AutoTokenizer

    dataset, model = current_dataset(lake, task_id), current_adapter(lake, task_id)
    frame = read_split(lake, task_id, dataset["version"], split)
    train = read_split(lake, task_id, dataset["version"], "train")
    tokenizer = AutoTokenizer.from_pretrained(model["model_dir"])
    folder = work / f"{task_id}-{split}"
    name = harness.write_task(folder, task_id, frame, train, tokenizer, shots,
                              harness.generation_budget(train, frame, tokenizer, 256))  # fmt: skip
    task = name if adapter else name + "_icl"
    run = harness.run(folder, [task], model["model_dir"], adapter, None, 8)[task]
    return {"examples": run.examples, "calls": int((frame["kind"] == "tool_call").sum()), **run.metrics}


def _row(label: str, scores: dict) -> str:
    cells = "  ".join("   -  " if v != v else f"{v:6.3f}" for v in (scores[m] for m in SHOWN))
    return f"  {label:<34} {scores['examples']:>4} ({scores['calls']:>3} calls)  {cells}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--workdir", default=None, help="the project folder (default: a new temporary one)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the base model on the whole test split")
    parser.add_argument("--score-only", action="store_true", help="score the --workdir project's demo, do not rerun it")
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="flywheel-heldout-")).resolve()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; project {work}")
    landing = work / ".flywheel" / "landing"
    if not landing.exists():
        print("held-out traffic per task:", generate(landing, work / "heldout-truth", args.records, args.days,
                                                      args.seed))  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLYWHEEL_", "DAGSTER_"))}
    start, code = time.perf_counter(), 0
    if not args.score_only:
        demo = [str(Path(sys.executable).with_name("flywheel")), "demo", "--tasks", str(args.tasks)]
        code = subprocess.run(demo, cwd=work, env=env).returncode
        print(f"flywheel demo: exit {code} in {time.perf_counter() - start:.0f} s")
    lake = Lake(work / ".flywheel" / "lake")
    trained = [t for t in largest_tasks(lake, args.tasks) if current_adapter(lake, t)]
    cluster_quality(lake, pl.read_parquet(work / "heldout-truth" / "calls.parquet"), trained)
    print(f"whole splits, greedy, batch 8 ({'  '.join(SHOWN)}):")
    for task_id in trained:
        adapter = current_adapter(lake, task_id)["adapter"]
        tuned = {s: score_split(lake, task_id, s, adapter, 3, work / "scores") for s in ("validation", "test")}
        print(_row(f"{task_id} fine-tuned, validation", tuned["validation"]))
        print(_row(f"{task_id} fine-tuned, test", tuned["test"]))
        if not args.no_baseline:
            base = score_split(lake, task_id, "test", None, 3, work / "scores")
            print(_row(f"{task_id} base in context, test", base))
            for m in ("name_args", "rouge_l"):
                if base[m] == base[m] and tuned["test"][m] == tuned["test"][m]:
                    ratio = tuned["test"][m] / base[m] if base[m] else float("inf")
                    print(f"    test {m}: fine-tuned {tuned['test'][m]:.3f} / base in context {base[m]:.3f} "
                          f"= {ratio:.1f}x")  # fmt: skip
    return code


if __name__ == "__main__":
    sys.exit(main())
