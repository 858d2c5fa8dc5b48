"""S4 asset `task_datasets`: each task's training data, cleaned, split and versioned."""

import dagster as dg
import polars as pl
from pydantic import Field

from flywheel.cluster.pipeline import ASSIGNMENTS, CLUSTERS
from flywheel.datasets.build import DATASETS, DatasetConfig, build_dataset, task_status
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.metadata import as_table
from flywheel.defs.resources import LakeResource
from flywheel.scrub.pipeline import SCRUBBED

_DEFAULTS = DatasetConfig()
_ALL = dg.AllPartitionMapping()


class DatasetSettings(dg.Config):
    """How a task's dataset is made. Changing a share moves examples between splits: the first
    version built after it has a new test split, so compare evaluations within one setting."""

    min_examples: int = _DEFAULTS.min_examples
    validation_share: float = _DEFAULTS.validation_share
    test_share: float = _DEFAULTS.test_share
    near_copies: int = Field(
        default=_DEFAULTS.near_copies,
        description="Copies kept of each group of near "
        "duplicates (the same request once digits, case and placeholders are set aside).",
    )

    def config(self) -> DatasetConfig:
        return DatasetConfig(self.min_examples, self.validation_share, self.test_share, self.near_copies)


@dg.asset(
    name=DATASETS,
    partitions_def=task_cluster,
    deps=[dg.AssetDep(SCRUBBED, partition_mapping=_ALL), CLUSTERS, dg.AssetDep(ASSIGNMENTS, partition_mapping=_ALL)],
    group_name="select",
    kinds={"parquet"},
    code_version="datasets-v1",
    description="The task's training data in chat format with tools (the conversation and offered tools as the "
    "prompt, the LLM's logged reply as the target), without errored or truncated replies, malformed tool calls or "
    "duplicates, split into train / validation / test by a hash of the conversation. Versioned by content.",
)
def task_datasets(
    context: dg.AssetExecutionContext, config: DatasetSettings, lake: LakeResource
) -> dg.MaterializeResult:
    task = context.partition_key
    status = task_status(lake.lake(), task)
    if status != "active":
        raise dg.Failure(
            description=f"{task} is {status or 'unknown to the clustering'}: it has no live traffic to learn from. "
            "Its earlier datasets stay in the lake.",
        )
    result = build_dataset(lake.lake(), task, config.config())
    card = result.card
    context.log.info(f"{task}: {card['examples']} examples from {result.traces} traces, version {result.version}"
                     f"{'' if result.written else ' (unchanged, already stored)'}; ready={result.ready}")  # fmt: skip
    lengths = pl.DataFrame([{"tokens": name, **card[name]} for name in ("prompt_tokens", "target_tokens")])
    tools = pl.DataFrame({"tool": list(card["tools_called"]), "examples": list(card["tools_called"].values())},
                         schema={"tool": pl.String, "examples": pl.Int64})  # fmt: skip
    left_out = pl.DataFrame({"reason": list(card["left_out"]), "traces": list(card["left_out"].values())},
                            schema={"reason": pl.String, "traces": pl.Int64})  # fmt: skip
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": card["examples"],
            "version": result.version,
            "ready": card["ready"],
            "min_examples": card["min_examples"],
            "traces": result.traces,
            **{f"{split}_examples": n for split, n in card["splits"].items()},
            "test_forms_in_train": card["test_forms_in_train"],
            "left_out": as_table(left_out),
            "token_lengths": as_table(lengths),
            "tokenizer": card["tokenizer"],
            "tool_call_share": dg.MetadataValue.float(round(card["tool_call_share"], 4)),
            "tools_called": as_table(tools),
            "example": dg.MetadataValue.md(f"```json\n{card['example'] or '(no example)'}\n```"),
            "path": dg.MetadataValue.path(str(result.path)),
        },
        data_version=dg.DataVersion(result.version),
    )
