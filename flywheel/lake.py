"""The lake: Parquet files under a root folder, one folder per asset partition, written atomically.

Layout: `<root>/<asset>/day=YYYY-MM-DD/<table>.parquet`, where `day=…` is a link to the version
of the partition last published (see `write_folder`): a killed or concurrent run leaves the
previous version or the other run's, never a partial or an absent partition. Assets whose day
partitions must change together (`raw_logs` and `quarantine`) share one published folder in
`<root>/.together/<group>/day=…/<asset>/`, which their `day=…` links point into (`write_together`).

The root is a folder, or an object-store URL (`s3://bucket/prefix`; see `remote.py`): then `root`
is the local working copy and every read goes through `fetch`, `exists` or `names`, which bring
the working copy up to date with the store first. On a folder they cost nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import date
from pathlib import Path

import polars as pl

from flywheel import settings
from flywheel.folders import clean, link, mirror, remove_folder, write_folder
from flywheel.remote import Remote, is_url

__all__ = ["Lake", "remove_folder", "write_folder"]

TOGETHER = ".together"


class Lake:
    def __init__(self, root: str | Path, working_copy: str | Path | None = None) -> None:
        """`root`: a folder, or an fsspec URL with `working_copy` (default
        `settings.lake_working_copy`) as the local folder that mirrors it."""
        self.remote: Remote | None = None
        if is_url(root):
            self.url = str(root)
            self.root = Path(working_copy or settings.lake_working_copy(self.url)).resolve()
            self.remote = Remote(self.url, self.root)
            mirror(self.remote)
        else:
            self.root = Path(root)
            self.url = str(self.root)

    def _rel(self, path: Path | str) -> str:
        rel = (Path(path).relative_to(self.root) if Path(path).is_absolute() else Path(path)).as_posix()
        return "" if rel == "." else rel

    def fetch(self, path: Path | str) -> Path:
        """`path` (under `root`, or as `stored` gave it: a published folder, a file in one, or a
        plain file), current in the working copy; returns where it is there."""
        if self.remote is not None:
            self.remote.fetch(rel := self._rel(path))
            return self.root / rel
        return Path(path)

    def stored(self, path: Path | str) -> str:
        """How the lake's JSON documents keep a path in the lake: relative on an object store (each
        process has its own working copy), absolute in a folder."""
        return self._rel(path) if self.remote is not None else str(path)

    def _follow(self, path: Path) -> Path:
        """On a store: the working copy's links on the way to `path` set as the store's (nothing
        downloaded), for a writer that replaces or removes the folder."""
        if self.remote is not None:
            self.remote.resolve(self._rel(path))
        return path

    def exists(self, path: Path | str) -> bool:
        if self.remote is not None:
            return self.remote.exists(self._rel(path))
        return Path(path).exists()

    def names(self, folder: Path | str, pattern: str = "*", plain: bool = False) -> list[str]:
        """Names in `folder` matching `pattern`: its published folders (written by `write_folder`),
        or with `plain` its plain folders and files; hidden ones never."""
        if self.remote is not None:
            return self.remote.names(self._rel(folder), pattern, plain)
        folder = Path(folder)
        found = folder.glob(pattern) if folder.is_dir() else []
        shown = (lambda p: not p.is_symlink()) if plain else (lambda p: p.is_dir())
        return sorted(p.name for p in found if not p.name.startswith(".") and shown(p))

    def modified(self, path: Path | str) -> int:
        """When the published folder (or file) at `path` was last written, in nanoseconds."""
        if self.remote is not None:
            return self.remote.modified(self._rel(path))
        return Path(path).stat().st_mtime_ns

    def where(self, path: Path | str) -> str:
        """`path` as a user finds it: in the lake's folder, or its URL on the object store."""
        return f"{self.url.rstrip('/')}/{self._rel(path)}" if self.remote is not None else str(path)

    def put(self, path: Path | str) -> None:
        """Send a plain file written under `root` (outside any published folder) to the store."""
        if self.remote is not None:
            self.remote.put_file(self._rel(path))

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

        finals = {asset: self._follow(self.partition_dir(asset, day)) for asset in assets}
        targets = {asset: f"../{TOGETHER}/{group}/day={day}/{asset}" for asset in assets}
        for asset, final in finals.items():  # a new day: its links first, shown only once `shared` is
            if not final.is_symlink() and not final.exists():
                link(final, targets[asset])
        write_folder(shared, fill)
        for asset, final in finals.items():  # a day of the earlier layout (a version of its own)
            link(final, targets[asset])
            clean(final)

    def rewrite(self, folder: Path, files: dict[str, bytes | pl.DataFrame]) -> None:
        """A new version of the published `folder`: `files` (name -> bytes, or a table written as
        Parquet) added or replacing theirs, every other file copied as it is."""
        current = self.fetch(folder)

        def fill(staging: Path) -> None:
            for path in current.iterdir():
                if path.is_file() and path.name not in files:
                    shutil.copyfile(path, staging / path.name)
            for name, content in files.items():
                if isinstance(content, bytes):
                    (staging / name).write_bytes(content)
                else:
                    content.write_parquet(staging / name)

        write_folder(current, fill)

    def delete_partition(self, asset: str, day: date | str) -> None:
        """Delete a day partition of `asset` and every version of it (for a day published with
        others, theirs too: the data is one folder)."""
        final = self.partition_dir(asset, day)
        if self.remote is not None:  # the working copy's links as on the store
            for rel in self.remote.links(f"*/day={day}"):
                self._follow(self.root / rel)
        target = os.readlink(final) if final.is_symlink() else ""
        if f"/{TOGETHER}/" in target:
            shared = Path(os.path.normpath(final.parent / target)).parent
            for sibling in (folder / f"day={day}" for folder in self.root.iterdir()):  # links, dangling ones too
                if sibling.is_symlink() and os.readlink(sibling).startswith(target.rsplit("/", 1)[0] + "/"):
                    remove_folder(sibling)
            remove_folder(shared)
        remove_folder(final)

    def read(self, asset: str, day: date | str, table: str, columns: list[str] | None = None) -> pl.DataFrame:
        return pl.read_parquet(self.fetch(self.partition_dir(asset, day)) / f"{table}.parquet", columns=columns)

    def manifest(self, asset: str, day: date | str) -> dict | None:
        path = self.fetch(self.partition_dir(asset, day)) / "_manifest.json"
        return json.loads(path.read_text()) if path.exists() else None

    def days(self, asset: str) -> list[date]:
        """The day partitions of `asset` that have been written, in order."""
        if self.remote is not None:
            return sorted(date.fromisoformat(n[4:]) for n in self.names(self.root / asset, "day=*"))
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
        self.put(path)

    def read_json(self, name: str, default: object = None) -> object:
        path = self.fetch(self.root / name)
        return json.loads(path.read_text()) if path.exists() else default
