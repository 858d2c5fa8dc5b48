"""The model half of `flywheel demo`: fine-tune, evaluate and promote the largest ready tasks
through the `fine_tune` job, refresh `traffic_takeover`, and print the summary a data team reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import CLUSTERS, current, members
from flywheel.datasets.build import current_dataset
from flywheel.evaluate.report import current_report
from flywheel.lake import Lake

if TYPE_CHECKING:
    from flywheel.commands import Session


def largest_tasks(lake: Lake, count: int) -> list[str]:
    """The `count` active tasks with the most traces."""
    info = current(lake)
    if info is None:
        return []
    sizes = members(lake).filter(pl.col("cluster_id").is_in(info["task_ids"]) & (pl.col("cluster_id") != NOISE))
    ranked = sizes.group_by("cluster_id").len().sort(["len", "cluster_id"], descending=[True, False])
    return ranked["cluster_id"].head(count).to_list()


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def summary(lake: Lake, tasks: list[str], shares: dict[str, float]) -> str:
    """The demo's table: per task its label, examples, base / in-context / fine-tuned agreement,
    the promotion, the SLM's and the LLM's cost per 1,000 calls and the share of traffic taken over."""
    info = current(lake) or {}
    labels = {}
    if info:
        table = pl.read_parquet(lake.fetch(lake.root / CLUSTERS / info["version"]) / "clusters.parquet")
        labels = dict(table.select("cluster_id", "label").iter_rows())
    head = ["task", "label", "examples", "metric", "base", "in-context", "fine-tuned", "promoted", "SLM $/1k",
            "LLM $/1k", "traffic taken"]  # fmt: skip
    rows = []
    for task in tasks:
        report, dataset = current_report(lake, task) or {}, current_dataset(lake, task) or {}
        scores, metric = report.get("scores", {}), report.get("metric", "name_args")
        row = [task, (labels.get(task) or "")[:34], str(dataset.get("examples", 0)), metric]
        for variant in ("base", "in_context", "fine_tuned"):
            row.append(_fmt((scores.get(variant) or {}).get("metrics", {}).get(metric)))
        costs = report.get("costs", {})
        row += ["yes" if report.get("promoted") else "no" if report else "not trained",
                _fmt(costs.get("slm_per_1000"), 4), _fmt(costs.get("llm_per_1000"), 4),
                f"{shares.get(task, 0.0):.1%}"]  # fmt: skip
        rows.append(row)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows])


def train_largest(runs: Session, lake: Lake, count: int, quiet: dict, catalog: str | None = None,
                  steps_at_most: int | None = None, epochs: float | None = None, eval_limit: int | None = None,
                  max_length: int | None = None, learning_rate: float | None = None,
                  schedule: str | None = None, stop_at_loss: float | None = None) -> int:  # fmt: skip
    """Run `fine_tune` (dataset, selection, training, evaluation, promotion) for the `count`
    largest tasks, then `takeover`; print each task's outcome and the summary. Returns failures."""
    import time

    from flywheel.commands import failure_reasons, run_config
    from flywheel.definitions import defs

    tasks = largest_tasks(lake, count)
    if not tasks:
        print("No tasks to fine-tune yet.")
        return 0
    job, failed = defs().resolve_job_def("fine_tune"), 0
    config = run_config(quiet, catalog, None, epochs, eval_limit, max_length, learning_rate, steps_at_most, schedule,
                        stop_at_loss)  # fmt: skip
    for task in tasks:
        print(f"Fine-tuning, evaluating and promoting {task} (dataset, base model, LoRA training, lm-eval) ...")
        start = time.perf_counter()
        result = runs.run(job, partition_key=task, run_config=config)
        failed += not result.success
        outcome = "ok" if result.success else "FAILED " + "; ".join(failure_reasons(result))
        print(f"  {task}  {outcome}  ({time.perf_counter() - start:.0f} s)")
    result = runs.run(defs().resolve_job_def("takeover"), run_config=quiet)
    if not result.success:
        print("  traffic_takeover FAILED: " + "; ".join(failure_reasons(result)))
        return failed + 1
    meta = {k: v.value for k, v in result.asset_materializations_for_node("traffic_takeover")[0].metadata.items()}
    print(summary(lake, tasks, meta["share_by_task"]))
    print(f"Champions answer {meta['share_taken_over']:.1%} of the last {meta['days']} days' calls, saving "
          f"${meta['saved_usd_per_day']:.4f} of ${meta['llm_usd_per_day']:.4f} LLM cost per day at the configured "
          "prices.")  # fmt: skip
    return failed
