"""The lake: Parquet files under a root folder, one folder per asset partition, written atomically.

Layout: `<root>/<asset>/day=YYYY-MM-DD/<table>.parquet`, where `day=…` is a link to the version
of the partition last published (see `write_folder`): a killed or concurrent run leaves the
previous version or the other run's, never a partial or an absent partition. Assets whose day
partitions must change together (`raw_logs` and `quarantine`) share one published folder in
`<root>/.together/<group>/day=…/<asset>/`, which their `day=…` links point into (`write_together`).
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import date
from pathlib import Path

import polars as pl

from flywheel.folders import clean, link, remove_folder, write_folder

__all__ = ["Lake", "remove_folder", "write_folder"]

TOGETHER = ".together"


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

    def write_together(
        self, group: str, day: date | str, assets: dict[str, dict[str, pl.DataFrame]], manifest: dict | None = None
    ) -> None:
        """Replace the day partitions of several assets in one step: their tables are written into
        one version of `<root>/.together/<group>/day=…`, published by one rename, and each asset's
        `day=…` is a fixed link into it. A reader or a crash sees all of them old or all new."""
        shared = self.root / TOGETHER / group / f"day={day}"

        def fill(staging: Path) -> None:
            for asset, tables in assets.items():
                (staging / asset).mkdir()
                for name, df in tables.items():
                    df.write_parquet(staging / asset / f"{name}.parquet")
                if manifest is not None:
                    (staging / asset / "_manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))

        finals = {asset: self.partition_dir(asset, day) for asset in assets}
        targets = {asset: f"../{TOGETHER}/{group}/day={day}/{asset}" for asset in assets}
        for asset, final in finals.items():  # a new day: its links first, shown only once `shared` is
            if not final.is_symlink() and not final.exists():
                link(final, targets[asset])
        write_folder(shared, fill)
        for asset, final in finals.items():  # a day of the earlier layout (a version of its own)
            link(final, targets[asset])
            clean(final)

    def delete_partition(self, asset: str, day: date | str) -> None:
        """Delete a day partition of `asset` and every version of it (for a day published with
        others, theirs too: the data is one folder)."""
        final = self.partition_dir(asset, day)
        target = os.readlink(final) if final.is_symlink() else ""
        if f"/{TOGETHER}/" in target:
            shared = Path(os.path.normpath(final.parent / target)).parent
            for sibling in self.root.glob(f"*/day={day}"):
                if sibling.is_symlink() and os.readlink(sibling).startswith(target.rsplit("/", 1)[0] + "/"):
                    remove_folder(sibling)
            remove_folder(shared)
        remove_folder(final)

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
