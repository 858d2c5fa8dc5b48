"""The lake: Parquet files under a root folder, one folder per asset partition, written atomically.

Layout: `<root>/<asset>/day=YYYY-MM-DD/<table>.parquet`, where `day=…` is a link to the version
of the partition last published (see `write_folder`): a killed or concurrent run leaves the
previous version or the other run's, never a partial or an absent partition.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.folders import remove_folder, write_folder

__all__ = ["Lake", "remove_folder", "write_folder"]


class Lake:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def partition_dir(self, asset: str, day: date | str) -> Path:
        return self.root / asset / f"day={day}"

    def write_partition(
        self,
        asset: str,
        day: date | str,
        tables: dict[str, pl.DataFrame],
        manifest: dict | None = None,
    ) -> Path:
        """Replace a day partition of `asset` with `tables` (name -> frame) and a JSON manifest."""

        def fill(staging: Path) -> None:
            for name, df in tables.items():
                df.write_parquet(staging / f"{name}.parquet")
            if manifest is not None:
                (staging / "_manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))

        return write_folder(self.partition_dir(asset, day), fill)

    def delete_partition(self, asset: str, day: date | str) -> None:
        """Delete a day partition of `asset` and every version of it."""
        remove_folder(self.partition_dir(asset, day))

    def read(self, asset: str, day: date | str, table: str, columns: list[str] | None = None) -> pl.DataFrame:
        return pl.read_parquet(self.partition_dir(asset, day) / f"{table}.parquet", columns=columns)

    def manifest(self, asset: str, day: date | str) -> dict | None:
        path = self.partition_dir(asset, day) / "_manifest.json"
        return json.loads(path.read_text()) if path.exists() else None

    def days(self, asset: str) -> list[date]:
        """The day partitions of `asset` that have been written, in order."""
        base = self.root / asset
        if not base.is_dir():
            return []
        return sorted(date.fromisoformat(p.name[4:]) for p in base.glob("day=*") if p.is_dir())

    def write_json(self, name: str, value: object) -> None:
        """Atomically replace a small JSON document at `<root>/<name>`."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
        tmp.write_text(json.dumps(value, sort_keys=True))
        os.replace(tmp, path)

    def read_json(self, name: str, default: object = None) -> object:
        path = self.root / name
        return json.loads(path.read_text()) if path.exists() else default
