"""Build a task's dataset: its traces from the lake, cleaned, deduplicated, split, versioned.

Layout: `task_datasets/<task>/<version>/{train,validation,test}.parquet` and `card.json`, with
`task_datasets/<task>/current.json` naming the latest version. The version is a hash of the
examples' content, so rebuilding unchanged data gives the same version and writes nothing. Each
Parquet file holds one example per row: `messages` and `tools` as JSON text (the conversation
with the target reply last, and the offered tools), which `datasets.load_dataset("parquet", ...)`
reads and `json.loads` turns back into what a chat template takes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flywheel.cluster.pipeline import CLUSTERS, members
from flywheel.datasets.card import card, count_tokens, prompt_and_target
from flywheel.datasets.examples import Example, to_example
from flywheel.datasets.split import SPLITS, conversation_key, exact_key, near_key, split_of
from flywheel.lake import Lake, write_folder
from flywheel.scrub.pipeline import SCRUBBED, is_published, read_scrubbed

DATASETS = "task_datasets"
EXACT, NEAR = "exact_duplicate", "near_duplicate"
COLUMNS = ["request_id", "messages", "tools", "response_message", "finish_reason"]
ROWS = pl.Schema({"request_id": pl.String, "conversation_key": pl.String, "near_key": pl.String, "split": pl.String,
                  "messages": pl.String, "tools": pl.String, "kind": pl.String, "first_tool": pl.String,
                  "prompt_tokens": pl.Int32, "target_tokens": pl.Int32})  # fmt: skip


@dataclass(frozen=True)
class DatasetConfig:
    """How a task's dataset is made (the reference system asks for 50 examples at least)."""

    min_examples: int = 50
    validation_share: float = 0.10
    test_share: float = 0.15
    # near copies kept per group: enough to teach the values that vary ("order 123" -> id 123), few
    # enough that one template cannot swamp the rest (1: one copy per group, the strictest)
    near_copies: int = 8


@dataclass
class TaskDataset:
    task_id: str
    version: str
    ready: bool
    card: dict
    path: Path
    written: bool = False  # False when this content was already stored
    traces: int = 0
    left_out: Counter = field(default_factory=Counter)


def task_traces(lake: Lake, task_id: str, columns: list[str] = COLUMNS) -> pl.DataFrame:
    """The scrubbed traces the live clustering puts in `task_id` (published days only)."""
    rows = members(lake).filter(pl.col("cluster_id") == task_id)
    frames = []
    for day in sorted(set(rows["day"].to_list())):
        if not is_published(lake, day) or not lake.exists(lake.partition_dir(SCRUBBED, day)):
            continue
        ids = rows.filter(pl.col("day") == day)["request_id"]
        frames.append(read_scrubbed(lake, day, columns).filter(pl.col("request_id").is_in(ids.implode())))
    return pl.concat(frames) if frames else pl.DataFrame(schema={c: pl.String for c in columns})


def clean(traces: pl.DataFrame, config: DatasetConfig,
          counter: Callable[[Sequence[str]], list[int]] = count_tokens) -> tuple[pl.DataFrame, Counter]:  # fmt: skip
    """The examples that are kept (schema `ROWS`) and the count of those left out, per reason."""
    left_out: Counter = Counter()
    by_exact: dict[str, tuple[str, str, Example]] = {}  # exact key -> (request id, near key, example)
    for rid, messages, tools, reply, finish in traces.select(COLUMNS).iter_rows():
        example = to_example(messages, reply, tools, finish)
        if isinstance(example, str):
            left_out[example] += 1
            continue
        exact = exact_key(example.messages, example.tools)
        if exact in by_exact:
            left_out[EXACT] += 1
            if rid >= by_exact[exact][0]:
                continue
        by_exact[exact] = (rid, near_key(example.messages, example.tools), example)
    groups: dict[str, list[tuple[str, str, Example]]] = {}  # near key -> [(exact key, request id, example)]
    for exact, (rid, near, example) in by_exact.items():
        groups.setdefault(near, []).append((exact, rid, example))
    rows = []
    for near, group in groups.items():  # the copies with the smallest exact keys: independent of arrival order
        group.sort(key=lambda item: item[:2])
        rows += [(near, rid, example) for _, rid, example in group[: config.near_copies]]
        if len(group) > config.near_copies:
            left_out[NEAR] += len(group) - config.near_copies
    rows.sort(key=lambda item: item[1])
    texts = [prompt_and_target(e.messages, e.tools) for _, _, e in rows]
    prompt_tokens = counter([p for p, _ in texts])
    target_tokens = counter([t for _, t in texts])
    out = []
    for (near, rid, e), p, t in zip(rows, prompt_tokens, target_tokens, strict=True):
        key = conversation_key(e.messages)
        split = split_of(key, config.validation_share, config.test_share)
        texts_json = json.dumps(e.messages, ensure_ascii=False), json.dumps(e.tools, ensure_ascii=False)
        out.append((rid, key, near, split, *texts_json, e.kind, e.first_tool, p, t))
    return pl.DataFrame(out, schema=ROWS, orient="row"), left_out


def version_of(frame: pl.DataFrame) -> str:
    """The content hash that versions a dataset (independent of row order)."""
    digest = hashlib.blake2b(digest_size=8)
    for row in frame.sort("request_id").select("request_id", "split", "messages", "tools").iter_rows():
        digest.update("\x00".join(row).encode())
    return digest.hexdigest()


def build_dataset(lake: Lake, task_id: str, config: DatasetConfig | None = None,
                  counter: Callable[[Sequence[str]], list[int]] = count_tokens) -> TaskDataset:  # fmt: skip
    """Clean, split and store `task_id`'s dataset; a version already stored is not rewritten."""
    config = config or DatasetConfig()
    traces = task_traces(lake, task_id)
    frame, left_out = clean(traces, config, counter)
    version = version_of(frame)
    sizes = frame["split"].value_counts()
    enough = frame.height >= config.min_examples and all(s in sizes["split"].to_list() for s in SPLITS)
    info = card(frame, left_out, version, enough, config.min_examples)
    info["traces"] = traces.height
    final = dataset_dir(lake, task_id, version)
    written = not lake.exists(final)
    if written:

        def fill(staging: Path) -> None:
            for split in SPLITS:
                frame.filter(pl.col("split") == split).write_parquet(staging / f"{split}.parquet")
            (staging / "card.json").write_text(json.dumps(info, indent=1, ensure_ascii=False))

        write_folder(final, fill)
    pointer = {"version": version, "ready": enough, "examples": frame.height}
    lake.write_json(f"{DATASETS}/{task_id}/current.json", pointer)
    return TaskDataset(task_id, version, enough, info, final, written, traces.height, left_out)


def task_statuses(lake: Lake) -> dict[str, str]:
    """Task id -> "active" or "retired", from the clustering's registry (ids it never gave are absent)."""
    registry = lake.read_json(f"{CLUSTERS}/registry.json") or {}
    return registry.get("status") or {}


def task_status(lake: Lake, task_id: str) -> str | None:
    return task_statuses(lake).get(task_id)


def dataset_dir(lake: Lake, task_id: str, version: str) -> Path:
    """The folder of one version of a task's dataset (its splits and `card.json`)."""
    return lake.root / DATASETS / task_id / version


def read_card(lake: Lake, task_id: str, version: str) -> dict | None:
    path = lake.fetch(dataset_dir(lake, task_id, version)) / "card.json"
    return json.loads(path.read_text()) if path.is_file() else None


def versions(lake: Lake, task_id: str) -> list[str]:
    """Every stored version of the task's dataset, oldest first."""
    base = lake.root / DATASETS / task_id
    return sorted(lake.names(base), key=lambda name: lake.modified(base / name))


def test_leaks(lake: Lake, task_id: str) -> tuple[int, int]:
    """Conversations of the current version found in two splits, and conversations that were in
    the test split of any stored version and are in the current version's train split."""
    info = current_dataset(lake, task_id)
    if info is None:
        return 0, 0
    splits = {s: set(read_split(lake, task_id, info["version"], s)["conversation_key"]) for s in SPLITS}
    crossed = len((splits["train"] & splits["validation"]) | (splits["train"] & splits["test"])
                  | (splits["validation"] & splits["test"]))  # fmt: skip
    tested = set().union(*(set(read_split(lake, task_id, v, "test")["conversation_key"])
                           for v in versions(lake, task_id)))  # fmt: skip
    return crossed, len(tested & splits["train"])


def current_dataset(lake: Lake, task_id: str) -> dict | None:
    """`{"version", "ready"}` of the task's latest dataset, or None before the first."""
    return lake.read_json(f"{DATASETS}/{task_id}/current.json")


def read_split(lake: Lake, task_id: str, version: str, split: str) -> pl.DataFrame:
    return pl.read_parquet(lake.fetch(dataset_dir(lake, task_id, version)) / f"{split}.parquet")
