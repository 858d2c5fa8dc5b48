"""Folders published whole: a folder is a link to a version of it, swapped by one rename, so a
reader or a concurrent writer sees the previous version or the new one, never a partial or an
absent folder. The lake's partitions, datasets, adapters and converted models are written so.
No polars here: the training process (a GPU job in deployment) writes its adapter with it.

Where the lake is on an object store, its working copy is registered here (`mirror`): a folder
published, linked or removed under it is published, linked or removed on the store too (see
`remote.py`), so every writer of the lake, the training process included, keeps the store current.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flywheel.remote import Remote

VERSIONS = ".versions"
GRACE_SECONDS = 30.0  # a replaced version stays this long for a reader still on it
_MIRRORS: dict[Path, Remote] = {}  # working copy -> the store it mirrors


def mirror(remote: Remote) -> None:
    """Keep the store `remote` current with what is written under its working copy."""
    _MIRRORS[remote.local.resolve()] = remote


def _mirrored(path: Path) -> tuple[Remote, str] | None:
    """The store that holds `path`, and `path` relative to its working copy."""
    if not _MIRRORS:
        return None
    path = path.parent.resolve() / path.name  # the path itself may be a link
    for local, remote in _MIRRORS.items():
        if path.is_relative_to(local):
            return remote, path.relative_to(local).as_posix()
    return None


def write_folder(final: Path, fill: Callable[[Path], None]) -> Path:
    """Write the folder `final` as a whole. `final` is a symbolic link to a version folder in the
    hidden `.versions` folder beside it (`.versions/NAME.v-TOKEN`, out of reach of a `*/file.parquet`
    glob over the partitions): `fill` writes a new version in full, then one rename swaps the
    link to it. Readers and concurrent writers only ever see a whole version, and a kill at any
    point leaves the previous one in place (never an absent or half-written folder). Versions no
    longer linked, and those of killed writers, are removed by the next write (see `clean`)."""
    store = final.parent / VERSIONS
    store.mkdir(parents=True, exist_ok=True)
    token = uuid.uuid4().hex[:12]
    version = store / f"{final.name}.v-{token}"
    lock = store / f"{final.name}.v-{token}.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # released by the kernel if this process dies
        version.mkdir()
        link = final.with_name(f".{final.name}.link-{token}")
        try:
            fill(version)
            _adopt_plain_folder(final)
            os.symlink(f"{VERSIONS}/{version.name}", link)
            os.replace(link, final)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            link.unlink(missing_ok=True)
            lock.unlink(missing_ok=True)
            raise
        lock.unlink(missing_ok=True)
    if store_of := _mirrored(final):  # the store's link is written last: a failure here leaves it as it was
        store_of[0].publish(store_of[1], f"{VERSIONS}/{version.name}")
    clean(final)
    return final


def _adopt_plain_folder(final: Path) -> None:
    """A folder written before versions existed becomes a version, so the link can replace it."""
    if final.is_dir() and not final.is_symlink():
        with contextlib.suppress(FileNotFoundError):  # another writer adopted it first
            os.replace(final, final.parent / VERSIONS / f"{final.name}.v-{uuid.uuid4().hex[:12]}")


def _versions(final: Path) -> list[Path]:
    """`final`'s versions, temporary links, and the staging and old folders that the layout before
    versions left beside it."""
    store = final.parent / VERSIONS
    found = [p for p in store.iterdir() if p.name.startswith(f"{final.name}.v-")] if store.is_dir() else []
    found += [p for p in final.parent.iterdir() if p.name.startswith(f".{final.name}.")]
    return [p for p in found if not p.name.endswith(".lock")]


def clean(final: Path) -> None:
    """Remove what `final` no longer links to: versions of killed writers (their lock is free)
    and replaced versions once the current one is `GRACE_SECONDS` old; leftovers of the layout
    before versions (`.staging-`, `.old-`) too. A version another writer is still filling (its
    lock held) stays."""
    try:
        current = Path(os.readlink(final)).name
        settled = time.time() - final.lstat().st_mtime >= GRACE_SECONDS
    except OSError:
        return
    for path in _versions(final):
        if path.name != current:
            with contextlib.suppress(FileNotFoundError):  # another writer got there first
                _remove_if_stale(final, path, settled)


def purge(final: Path) -> None:
    """Remove every version `final` no longer links to now, without the grace a reader on an old
    version gets (an erasure: the old versions hold what was erased). One another writer is still
    filling (its lock held) stays."""
    if store_of := _mirrored(final):
        store_of[0].purge(store_of[1])
    try:
        current = Path(os.readlink(final)).name
    except OSError:
        return
    for path in _versions(final):
        if path.name != current and ".link-" not in path.name:
            with contextlib.suppress(FileNotFoundError):
                _remove_if_stale(final, path, settled=True)


def _remove_if_stale(final: Path, path: Path, settled: bool) -> None:
    lock = path.with_name(path.name + ".lock")
    killed = False
    if lock.exists():
        with open(lock) as probe:
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # its writer is alive and filling it
            # a writer that finished unlinked its lock before letting go of it; a killed one did not
            killed = os.fstat(probe.fileno()).st_nlink > 0
        if killed:
            lock.unlink(missing_ok=True)
    recent_link = ".link-" in path.name and time.time() - path.lstat().st_mtime < GRACE_SECONDS
    if not killed and (not settled or recent_link):
        return  # a reader may still be on it; a link another writer is about to swap in
    if Path(os.readlink(final)).name == path.name:
        return  # it has just become the current version
    _delete(path)


def _delete(path: Path) -> None:
    """Remove a link, a file or a folder."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def remove_folder(final: Path) -> None:
    """Delete `final` with every version of it (retention, erasure): the link first, so readers
    see it gone, then the versions."""
    if store_of := _mirrored(final):
        store_of[0].remove(store_of[1])
    _delete(final)
    if final.parent.is_dir():
        for path in _versions(final):
            _delete(path)
    store = final.parent / VERSIONS
    for lock in store.glob(f"{final.name}.v-*.lock") if store.is_dir() else ():
        lock.unlink(missing_ok=True)


def link(final: Path, target: str) -> None:
    """Make `final` a link to `target` (relative to `final`'s folder) by one rename, adopting a
    folder of the layout before versions; versions it linked to before are cleaned as usual."""
    set_link(final, target)
    if store_of := _mirrored(final):
        store_of[0].link(store_of[1], target)


def set_link(final: Path, target: str) -> None:
    """`link` in this folder only (a working copy following its store)."""
    with contextlib.suppress(OSError):
        if os.readlink(final) == target:
            return
    final.parent.mkdir(parents=True, exist_ok=True)
    _adopt_plain_folder(final)
    tmp = final.with_name(f".{final.name}.link-{uuid.uuid4().hex[:12]}")
    os.symlink(target, tmp)
    os.replace(tmp, final)
