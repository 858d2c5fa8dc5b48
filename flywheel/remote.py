"""The lake on an object store (`FLYWHEEL_LAKE_ROOT=s3://bucket/prefix`, or gs://, az:// or any
fsspec URL): the store holds the lake, each process works in a local working copy of the parts
it reads and writes (`FLYWHEEL_LAKE_WORKING_COPY`), so Parquet readers, PEFT and lm-eval keep
reading local files and run pods need no shared volume.

The store mirrors the local layout of `folders.py`: a published folder is a version under
`.versions/` plus one small link object `<name>.link` holding the link's target, written last.
A PUT is atomic on S3, GCS and Azure, so a reader sees the previous version or the new one, never
a part. Reading a path resolves its links on the store, downloads the version it lands in once
(versions never change) and points the working copy's link at it; a file outside any version (a
JSON pointer, a report) is downloaded afresh each time. The store is the truth: a working copy is
disposable, and a run pod may start with an empty one. By default each process has its own, in a
temporary folder removed when it ends; a version the store replaced (an erasure's, say) leaves a
working copy the next time the process reads that folder, or with the process.

Versions no longer linked are removed by the next publication of the folder once their marker is
`GRACE_SECONDS` old (a reader or a concurrent writer may still be on a younger one).
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import time
import uuid
from pathlib import Path

VERSIONS = ".versions"
LINK = ".link"
MARKER = ".flywheel-version"  # written first into each version on the store; its age dates the version
GRACE_SECONDS = 3600.0


def is_url(root: str | Path) -> bool:
    return "://" in str(root)


class Remote:
    """The store at `url`, mirrored into the working copy `local`. Paths are relative, '/'-separated."""

    def __init__(self, url: str, local: Path) -> None:
        import fsspec

        self.url, self.local = url, Path(local)
        # no cached listings: another process's writes must show (fsspec caches them per instance)
        self.fs, base = fsspec.core.url_to_fs(url, use_listings_cache=False)
        self.base = base.rstrip("/")

    def key(self, rel: str) -> str:
        return f"{self.base}/{rel}" if rel else self.base

    def _target(self, rel: str) -> str | None:
        try:
            return self.fs.cat_file(self.key(rel) + LINK).decode()
        except FileNotFoundError:
            return None

    def resolve(self, rel: str) -> str:
        """`rel` with every linked folder on its way replaced by the version it links to; the
        working copy's links are set to the store's on the way. The deepest folder is tried first
        (most reads name a published folder or a file in one); nothing in a version is a link."""
        parts = rel.split("/")
        if VERSIONS in parts:
            return rel
        for end in range(len(parts), 0, -1):
            here = "/".join(parts[:end])
            target = self._target(here)
            if target is not None:
                from flywheel.folders import clean, set_link

                set_link(self.local / here, target)
                clean(self.local / here)  # versions the store replaced leave the working copy too (after the grace)
                linked = self.resolve(posixpath.normpath(posixpath.join(posixpath.dirname(here), target)))
                return "/".join([linked, *parts[end:]])
        return rel

    def fetch(self, rel: str) -> None:
        """Make `rel` (a published folder, a file in one, or a plain file) present and current in
        the working copy; where the store has nothing there, the working copy has nothing either."""
        resolved = self.resolve(rel)
        parts = resolved.split("/")
        if VERSIONS in parts:
            self._download_version("/".join(parts[: parts.index(VERSIONS) + 2]))
            return
        local = self.local / resolved
        if self.fs.isfile(self.key(resolved)):
            local.parent.mkdir(parents=True, exist_ok=True)
            tmp = local.with_name(f".{local.name}.get-{uuid.uuid4().hex[:8]}")
            self.fs.get_file(self.key(resolved), str(tmp))
            os.replace(tmp, local)
        elif local.is_symlink() or local.is_file():
            local.unlink()  # gone from the store: gone here too

    def _download_version(self, version: str) -> None:
        local = self.local / version
        if local.is_dir():
            return  # versions never change
        found = self.fs.find(self.key(version))
        if not found:
            raise FileNotFoundError(f"the lake's store has no version {version} (removed while being read?)")
        files = [f for f in found if not f.endswith("/" + MARKER)]
        tmp = local.with_name(f".{local.name}.get-{uuid.uuid4().hex[:8]}")
        prefix = self.key(version) + "/"
        targets = [str(tmp / f[len(prefix):]) for f in files]
        tmp.mkdir(parents=True)
        for t in targets:
            Path(t).parent.mkdir(parents=True, exist_ok=True)
        if files:
            self.fs.get(files, targets)
        try:
            os.replace(tmp, local)
        except OSError:  # another process of this working copy got it first
            shutil.rmtree(tmp, ignore_errors=True)

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self.key(self.resolve(rel)))

    def names(self, rel: str, pattern: str, plain: bool = False) -> list[str]:
        """Names in folder `rel` matching `pattern`: its published folders, or with `plain` its
        plain folders and files (neither hidden)."""
        if plain:
            found = [p for p in self.fs.glob(f"{self.key(rel)}/{pattern}") if not p.endswith(LINK)]
            return sorted(posixpath.basename(p) for p in found if not posixpath.basename(p).startswith("."))
        return sorted(posixpath.basename(p)[: -len(LINK)] for p in self.fs.glob(f"{self.key(rel)}/{pattern}{LINK}"))

    def links(self, pattern: str) -> list[str]:
        """Relative paths of the published folders matching `pattern` (e.g. `*/day=2025-01-01`)."""
        return sorted(p[len(self.base) + 1 : -len(LINK)] for p in self.fs.glob(f"{self.key(pattern)}{LINK}"))

    def modified(self, rel: str) -> int:
        key = self.key(rel)
        when = self.fs.modified(key + LINK if self.fs.exists(key + LINK) else key)
        return int(when.timestamp() * 1e9)

    def put_file(self, rel: str) -> None:
        self.fs.put_file(str(self.local / rel), self.key(rel))

    def publish(self, rel: str, target: str) -> None:
        """Upload the version `target` (relative to `rel`'s folder) of the published folder `rel`,
        then its link object; older versions past the grace period are removed."""
        version = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
        local = self.local / version
        self.fs.pipe_file(f"{self.key(version)}/{MARKER}", b"")
        files = [p for p in local.rglob("*") if p.is_file()]
        if files:  # (an empty version is its marker alone)
            keys = [f"{self.key(version)}/{p.relative_to(local).as_posix()}" for p in files]
            self.fs.put([str(p) for p in files], keys)
        self.link(rel, target)
        self._clean(rel, posixpath.basename(version), GRACE_SECONDS)

    def link(self, rel: str, target: str) -> None:
        self.fs.pipe_file(self.key(rel) + LINK, target.encode())

    def _versions(self, rel: str) -> list[str]:
        parent, name = posixpath.split(rel)
        return list(self.fs.glob(f"{self.key(parent)}/{VERSIONS}/{name}.v-*"))

    def _clean(self, rel: str, current: str, grace: float) -> None:
        for version in self._versions(rel):
            if posixpath.basename(version) == current:
                continue
            try:
                age = time.time() - self.fs.modified(f"{version}/{MARKER}").timestamp()
            except FileNotFoundError:
                age = float("inf")  # a version of the layout without markers, or a half-removed one
            if age >= grace:
                with contextlib.suppress(FileNotFoundError):
                    self.fs.rm(version, recursive=True)

    def purge(self, rel: str) -> None:
        """Remove every version `rel` no longer links to, now (an erasure)."""
        target = self._target(rel)
        self._clean(rel, posixpath.basename(target or ""), grace=0.0)

    def remove(self, rel: str) -> None:
        """Remove the published folder `rel`: its link first, then every version."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self.key(rel) + LINK)
        for version in self._versions(rel):
            with contextlib.suppress(FileNotFoundError):
                self.fs.rm(version, recursive=True)
