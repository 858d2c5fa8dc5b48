"""The landing folder: which log files are there, and their lines."""

from __future__ import annotations

import gzip
import hashlib
import itertools
import os
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from flywheel import settings

PATTERNS = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class LandingFile:
    """A log file in the landing folder. `name` is its path relative to the folder."""

    path: Path
    name: str
    size: int
    mtime_ns: int
    refused: str | None = None  # why the file is not read at all (a symlink out of the folder, ...)

    @property
    def signature(self) -> str:
        """Changes whenever the file is rewritten or appended to."""
        return f"{self.size}:{self.mtime_ns}"

    @property
    def day(self) -> date:
        """The UTC day of the file's modification time: the day of records that carry none."""
        return datetime.fromtimestamp(self.mtime_ns / 1e9, UTC).date()


def list_landing(folder: str | Path) -> list[LandingFile]:
    """Every JSONL or gzipped JSONL file under `folder`, recursively, in name order.

    Never read, but listed with the reason (so that each is quarantined as one entry): a symlink
    whose target lies outside the folder, and a subfolder that cannot be listed. Symlinks to
    folders are not followed."""
    root = Path(folder)
    if not root.is_dir():
        return []
    inside = root.resolve()
    files, stack = [], [root]
    while stack:
        here = stack.pop()
        try:
            entries = list(os.scandir(here))
        except OSError as exc:
            st = here.lstat()
            reason = f"folder could not be listed: {_describe(exc)}"
            files.append(LandingFile(here, here.relative_to(root).as_posix() + "/", 0, st.st_mtime_ns, reason))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                stack.append(path)
            elif entry.name.endswith(PATTERNS):
                files.append(_landing_file(root, inside, path))
    return sorted(files, key=lambda f: f.name)


def being_written(file: LandingFile) -> bool:
    """True for a plain JSONL file whose last line is unfinished (no line ending yet) and that was
    modified less than `settings.settle_seconds()` ago: a shipper is still writing it."""
    if file.refused or file.size == 0 or file.name.endswith(".gz"):
        return False
    if time.time() - file.mtime_ns / 1e9 >= settings.settle_seconds():
        return False
    try:
        with open(file.path, "rb") as f:
            f.seek(-1, os.SEEK_END)
            return f.read(1) != b"\n"
    except OSError:
        return False  # collect says what is wrong with it


def _landing_file(root: Path, inside: Path, path: Path) -> LandingFile:
    name = path.relative_to(root).as_posix()
    if path.is_symlink() and not path.resolve().is_relative_to(inside):
        st = path.lstat()
        return LandingFile(
            path, name, st.st_size, st.st_mtime_ns, "symlink to a file outside the landing folder: not read"
        )
    st = path.stat()
    return LandingFile(path, name, st.st_size, st.st_mtime_ns)


class LineStream:
    """The lines of a landing file, read as a stream, one at a time: iterating yields
    `(line, too_long)`, the line without its ending and None, or for a line longer than
    `settings.max_line_bytes()` an empty line and its length (skipped over, never held whole).
    A file that must not be read (`LandingFile.refused`) yields nothing. Once iterated, `error`
    says why reading stopped early, if it did: a gzip file that is cut off or corrupt yields the
    lines before the damage; a UTF-16 file or one with CR-only line endings yields none. The error
    names the problem, not the content."""

    def __init__(self, file: LandingFile | Path) -> None:
        self.path = file.path if isinstance(file, LandingFile) else file
        self.error: str | None = file.refused if isinstance(file, LandingFile) else None
        self.count = 0

    def __iter__(self) -> Iterator[tuple[bytes, int | None]]:
        if self.error is not None:
            return
        gz = self.path.name.endswith(".gz")
        try:
            with gzip.open(self.path, "rb") if gz else open(self.path, "rb") as f:
                head = f.peek(4)[:4]
                boms = (b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
                if not gz and (head[:2] in boms[:2] or head in boms[2:]):
                    self.error = "file is UTF-16 or UTF-32 (it starts with a byte order mark): convert it to UTF-8"
                    return
                lines = _stream(f, settings.max_line_bytes())
                first = next(lines, None)
                if first is None:
                    return
                second = next(lines, None)
                if not gz and second is None and b"\r" in first[0]:
                    self.error = "file ends its lines with CR only (classic Mac): convert them to LF"
                    return
                for item in itertools.chain([first], [] if second is None else [second], lines):
                    self.count += 1
                    yield item
        except (OSError, EOFError, zlib.error) as exc:
            self.error = f"file could not be read after line {self.count}: {_describe(exc)}"


def _stream(f, limit: int) -> Iterator[tuple[bytes, int | None]]:
    while line := f.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n") and len(line) == limit + 1:
            yield line.rstrip(b"\r\n"), None
            continue
        length = len(line)
        while not line.endswith(b"\n") and (line := f.readline(2**20)):
            length += len(line)
        yield b"", length - (1 if line.endswith(b"\n") else 0)


def _describe(exc: BaseException) -> str:
    """Words for a read error. Never str(exc) of a gzip error: it can quote the file's bytes."""
    if isinstance(exc, gzip.BadGzipFile):
        return "not a gzip file"
    if isinstance(exc, EOFError):
        return "gzip stream ends early (truncated file)"
    if isinstance(exc, zlib.error):
        return "gzip stream is corrupt"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__


def file_key(name: str) -> str:
    """A landing file's name as Dagster's storage may hold it (sensor cursor, metadata): a hash.
    File names can carry a person's name or an email; the lake's manifests map keys back."""
    return "file-" + hashlib.sha256(name.encode()).hexdigest()[:12]
