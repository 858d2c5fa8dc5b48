"""S6 assets: `eval_reports` (per task: base, in-context and fine-tuned SLM against the LLM's
logged replies, and the promotion decision) and `traffic_takeover` (the share of traffic and LLM
cost the champions take over)."""

import base64

import dagster as dg
import polars as pl
from pydantic import Field

from flywheel import settings
from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.metadata import as_table
from flywheel.defs.pipes import run_in_child
from flywheel.defs.resources import LakeResource
from flywheel.evaluate.chart import LABELS, VARIANTS, scores_png, takeover_png
from flywheel.evaluate.costs import load_prices
from flywheel.evaluate.promote import Gate
from flywheel.evaluate.report import REPORTS, current_report
from flywheel.evaluate.takeover import takeover
from flywheel.train.adapters import ADAPTERS

_GATE = Gate()


class EvalSettings(dg.Config):
    """How a task is evaluated and what the promotion gate asks."""

    shots: int = Field(default=3, description="Train examples shown to the base model in the in-context run.")
    max_new_tokens: int = 256
    limit: int | None = Field(default=None, description="Evaluate on at most this many test examples (all: none).")
    batch_size: int = Field(default=8, description="Requests generated together (seconds per call: a throughput).")
    min_name_args: float = Field(default=_GATE.min_name_args, description="Gate for tool-calling tasks.")
    min_rouge_l: float = Field(default=_GATE.min_rouge_l, description="Gate for tasks answered in text.")
    tolerance: float = Field(default=_GATE.tolerance, description="How far below the champion is still no worse.")
    min_other_kind: int = Field(default=_GATE.min_other_kind, description="A task's other kind of reply (tool calls "
                                "in a task judged on text, or text in one judged on calls) must pass its gate too "
                                "where at least this many are evaluated.")  # fmt: skip
    mlflow_uri: str = Field(default_factory=settings.mlflow_uri, description="MLflow tracking URI.")
    prices: str | None = Field(default=None, description="A price table other than flywheel/evaluate/prices.yaml.")
    judge_url: str | None = Field(default=None, description="OpenAI-compatible base URL of an LLM judge (off: none); "
                                  "its key in FLYWHEEL_JUDGE_API_KEY.")  # fmt: skip
    judge_model: str = Field(default="gpt-4o-mini", description="The judge's model name at that endpoint.")


def _png(png: bytes, alt: str) -> dg.MetadataValue:
    return dg.MetadataValue.md(f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})")


def scores_table(report: dict) -> pl.DataFrame:
    rows = []
    for variant, label in VARIANTS:
        summary = report["scores"][variant]
        rows.append({"model": label, **{LABELS.get(m, m): v for m, v in summary["metrics"].items()},
                     "s/call": summary["seconds_per_call"], "tokens/s": summary["tokens_per_second"]})  # fmt: skip
    return pl.DataFrame(rows)


@dg.asset(
    name=REPORTS,
    partitions_def=task_cluster,
    deps=[ADAPTERS, DATASETS],
    pool="gpu",
    group_name="evaluate",
    kinds={"pytorch", "mlflow"},
    description="Per task, on its test split with the LLM's logged replies as the reference: the base SLM zero-shot, "
    "with a few train examples in context, and the newest fine-tuned adapter (lm-evaluation-harness). An adapter that "
    "passes the gate and is no worse than the champion becomes the MLflow alias `champion`.",
)
def eval_reports(context: dg.AssetExecutionContext, config: EvalSettings, lake: LakeResource,
                 pipes_client: dg.ResourceParam[dg.PipesClient]) -> dg.MaterializeResult:  # fmt: skip
    task, the_lake = context.partition_key, lake.lake()
    extras = {"task_id": task, "lake_root": the_lake.url, "working_copy": str(the_lake.root),
              "config": config.model_dump()}  # fmt: skip
    result = run_in_child(pipes_client, context, "flywheel.evaluate.entry", extras, "evaluation",
                          "Nothing was promoted; the champion, if any, still serves.", the_lake.url)  # fmt: skip
    report = current_report(the_lake, task)
    scores = {variant: summary["metrics"] for variant, summary in report["scores"].items()}
    metadata = {
        **(result.metadata or {}),
        "scores": as_table(scores_table(report)),
        "chart": _png(scores_png(task, scores), "base, in-context and fine-tuned"),
        "decision": dg.MetadataValue.md("**promoted**" if report["promoted"] else "**not promoted**"),
        "reasons": dg.MetadataValue.md("\n".join(f"- {r}" for r in report["reasons"])),
        "champion_before": str(report["champion_before"] or "none"),
        "llm_usd_per_1000_calls": report["costs"]["llm_per_1000"],
        "slm_usd_per_1000_calls": report["costs"]["slm_per_1000"],
        "lm_eval_command": dg.MetadataValue.md(f"```\n{report['lm_eval_command']}\n```"),
    }
    version = dg.DataVersion(f"{report['dataset_version']}-{report['model_version']}")
    return dg.MaterializeResult(metadata={k: v for k, v in metadata.items() if v is not None}, data_version=version)


class TakeoverSettings(dg.Config):
    days: int = Field(default=14, description="How many of the latest days of traffic to count.")
    mlflow_uri: str = Field(default_factory=settings.mlflow_uri, description="MLflow tracking URI.")
    prices: str | None = Field(default=None, description="A price table other than flywheel/evaluate/prices.yaml.")


@dg.asset(
    deps=[REPORTS],
    group_name="evaluate",
    kinds={"polars", "mlflow"},
    automation_condition=dg.AutomationCondition.eager(),
    description="Over the last days of logged traffic: the share of calls whose task has a champion SLM, and the LLM "
    "cost that share saves per day at the configured prices (net of serving the SLM), per task and overall.",
)
def traffic_takeover(config: TakeoverSettings, lake: LakeResource) -> dg.MaterializeResult:
    result = takeover(lake.lake(), config.mlflow_uri, load_prices(config.prices), config.days)
    days = [str(d) for d in result.by_day["day"].to_list()]
    by_task = result.by_task.with_columns(pl.col(pl.Float64).round(4))
    return dg.MaterializeResult(metadata={
        "share_taken_over": dg.MetadataValue.float(round(result.share, 4)),
        "llm_usd_per_day": dg.MetadataValue.float(round(result.llm_per_day, 4)),
        "saved_usd_per_day": dg.MetadataValue.float(round(result.saved_per_day, 4)),
        "days": result.days,
        "tasks_with_champion": int(by_task["champion"].is_not_null().sum()),
        "share_by_task": dg.MetadataValue.json({t: s for t, s, c in by_task.select(
            "task_id", "share_of_traffic", "champion").iter_rows() if c is not None}),  # tasks with a champion
        "by_task": as_table(by_task, max_rows=40),
        "chart": _png(takeover_png(days, result.by_day["share"].to_list(), result.by_day["saved_usd"].to_list()),
                      "takeover by day"),
    })  # fmt: skip
