"""Removing one client's calls from each store of the lake, each store rewritten whole (a new
version of each partition or folder, published by one rename, as every write in the lake is).

Raw stores (`raw_logs`, its duplicates ledger, `quarantine`) know the client by its id; every
store past the scrub zone knows it only by pseudonyms (`scrub.identifiers`): the client's and
its requests' pseudonyms under the lake's salt."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polars as pl

from flywheel.cluster.pipeline import CLUSTERS, EMBEDDINGS
from flywheel.datasets.build import DATASETS, read_card, versions
from flywheel.datasets.card import card
from flywheel.datasets.split import SPLITS
from flywheel.folders import purge
from flywheel.ingest.erased import ErasedClients
from flywheel.ingest.pipeline import COLLECTED, QUARANTINE, RAW_LOGS
from flywheel.lake import TOGETHER, Lake

Keep = Callable[[pl.DataFrame], pl.Series]  # a table -> which of its rows stay
Files = dict[str, pl.DataFrame | bytes]  # file name -> a table to write as Parquet, or bytes


def raw_days(lake: Lake, client_id: str, erased: ErasedClients) -> tuple[set[str], int]:
    """Drop the client's rows from every `raw_logs` and `quarantine` day (the client's records,
    their copies in the duplicates ledger, and quarantined lines naming the client) and count them
    in the day's manifest as `erased`, so every line stays accounted for. Returns the request ids
    dropped and the lines."""
    ids: set[str] = set()  # first every day's, so that a copy on a later day goes too
    for day in lake.days(RAW_LOGS):
        records = lake.read(RAW_LOGS, day, "records", ["request_id", "client_id"])
        ids |= set(records.filter(pl.col("client_id") == client_id)["request_id"])
    total = 0
    for day in lake.days(RAW_LOGS):
        records, dups = lake.read(RAW_LOGS, day, "records"), lake.read(RAW_LOGS, day, "duplicates")
        lines = lake.read(QUARANTINE, day, "lines")
        keep_q = pl.Series([not erased.in_line(raw) for raw in lines["raw_line"].to_list()], dtype=pl.Boolean)
        gone = {"accepted": int(records["request_id"].is_in(list(ids)).sum()),
                "duplicates": int(dups["request_id"].is_in(list(ids)).sum()),
                "quarantined": int(lines.filter(~keep_q)["lines"].sum())}  # fmt: skip
        if not any(gone.values()):
            continue
        manifest = lake.manifest(RAW_LOGS, day) or {}
        counts = Counter(manifest.get("counts") or {})
        counts.subtract(gone)
        counts["erased"] += sum(gone.values())
        tables = {RAW_LOGS: {"records": records.filter(~pl.col("request_id").is_in(list(ids))),
                             "duplicates": dups.filter(~pl.col("request_id").is_in(list(ids)))},
                  QUARANTINE: {"lines": lines.filter(keep_q)}}  # fmt: skip
        lake.write_together(COLLECTED, day, tables, {**manifest, "counts": dict(counts)})
        purge(lake.root / TOGETHER / COLLECTED / f"day={day}")
        total += sum(gone.values())
    return ids, total


def rewrite_days(lake: Lake, asset: str, keep: dict[str, Keep], count: str = "traces") -> dict[str, pl.DataFrame]:
    """Rewrite each day of `asset` whose tables hold rows `keep` drops (other files, such as a
    `_blocked.json` mark, are copied as they are; the manifest's `count` is lowered). Returns, per
    table, the rows dropped."""
    dropped: dict[str, list[pl.DataFrame]] = {t: [] for t in keep}
    for day in lake.days(asset):
        folder = lake.fetch(lake.partition_dir(asset, day))
        tables = {t: pl.read_parquet(folder / f"{t}.parquet") for t in keep if (folder / f"{t}.parquet").exists()}
        masks = {t: keep[t](df) for t, df in tables.items()}
        if all(bool(m.all()) for m in masks.values()):
            continue
        for t, df in tables.items():
            dropped[t].append(df.filter(~masks[t]))
        first = next(iter(keep))
        _rewrite_folder(lake, folder, {f"{t}.parquet": df.filter(masks[t]) for t, df in tables.items()},
                        lowered=(count, int((~masks[first]).sum())) if first in tables else None)  # fmt: skip
    return {t: pl.concat(frames) for t, frames in dropped.items() if frames}


def _rewrite_folder(lake: Lake, folder: Path, files: Files, lowered: tuple[str, int] | None = None) -> None:
    """A new version of `folder` with `files` (tables or bytes) replacing those files and every
    other file copied (`Lake.rewrite`); `lowered` (key, n) lowers a count in its manifest."""
    manifest_path = folder / "_manifest.json"
    if lowered and "_manifest.json" not in files and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text())
        if isinstance(manifest.get(lowered[0]), int):
            manifest[lowered[0]] -= lowered[1]
        files = {**files, "_manifest.json": json.dumps(manifest, indent=1, sort_keys=True).encode()}
    lake.rewrite(folder, files)
    purge(folder)  # the replaced version holds what was erased: no grace for a reader still on it


def remaining_texts(lake: Lake) -> tuple[set[str], set[str]]:
    """The texts the remaining traces embed, and their examples (as task tables show them)."""
    texts, examples = set(), set()
    for day in lake.days(EMBEDDINGS):
        kept = lake.read(EMBEDDINGS, day, "embeddings", ["request", "tool_use", "example"])
        texts |= set(kept["request"].to_list()) | set(kept["tool_use"].to_list())
        examples |= set(kept["example"].to_list())
    return texts, examples


def cluster_versions(lake: Lake, ids: set[str], examples: set[str]) -> int:
    """Drop the requests from every clustering's assignments and their examples from its task
    table; returns the assignments dropped."""
    dropped = 0
    for name in lake.names(lake.root / CLUSTERS, "v[0-9]*"):
        version = lake.fetch(lake.root / CLUSTERS / name)
        assignments = pl.read_parquet(version / "assignments.parquet")
        keep = ~assignments["request_id"].is_in(list(ids))
        tasks = pl.read_parquet(version / "clusters.parquet")
        cleaned = tasks.with_columns(pl.col("examples").list.eval(pl.element().filter(~pl.element().is_in(examples))))
        if keep.all() and cleaned.equals(tasks):
            continue
        dropped += int((~keep).sum())
        _rewrite_folder(lake, version, {"assignments.parquet": assignments.filter(keep), "clusters.parquet": cleaned})
    return dropped


def datasets(lake: Lake, ids: set[str]) -> dict[str, list[str]]:
    """Drop the requests' examples from every version of every task's dataset (its card made
    again from what is left, with the count erased); returns the versions changed per task."""
    changed: dict[str, list[str]] = {}
    base = lake.root / DATASETS
    for task in lake.names(base, plain=True):
        for version in versions(lake, task):
            folder = lake.fetch(base / task / version)
            splits = {s: pl.read_parquet(folder / f"{s}.parquet") for s in SPLITS}
            frame = pl.concat(splits.values())
            gone = int(frame["request_id"].is_in(list(ids)).sum())
            if not gone:
                continue
            old = read_card(lake, task, version) or {}
            kept = frame.filter(~pl.col("request_id").is_in(list(ids)))
            info = card(kept, Counter(old.get("left_out") or {}), version, bool(old.get("ready")),
                        int(old.get("min_examples") or 0))  # fmt: skip
            info.update(traces=old.get("traces"), erased_examples=int(old.get("erased_examples") or 0) + gone)
            files: Files = {f"{s}.parquet": kept.filter(pl.col("split") == s) for s in SPLITS}
            files["card.json"] = json.dumps(info, indent=1, ensure_ascii=False).encode()
            _rewrite_folder(lake, folder, files)
            changed.setdefault(task, []).append(version)
    return changed

