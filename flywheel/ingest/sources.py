"""The landing folder: which log files are there, and their lines."""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from dataclasses import dataclass, field
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


@dataclass
class FileLines:
    """The lines read from a file, and why reading stopped early, if it did."""

    lines: list[bytes] = field(default_factory=list)
    error: str | None = None
    too_long: dict[int, int] = field(default_factory=dict)  # index of a line over the limit -> its length


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


def _landing_file(root: Path, inside: Path, path: Path) -> LandingFile:
    name = path.relative_to(root).as_posix()
    if path.is_symlink() and not path.resolve().is_relative_to(inside):
        st = path.lstat()
        return LandingFile(
            path, name, st.st_size, st.st_mtime_ns, "symlink to a file outside the landing folder: not read"
        )
    st = path.stat()
    return LandingFile(path, name, st.st_size, st.st_mtime_ns)


def read_file(file: LandingFile) -> FileLines:
    """`read_lines`, or no lines and the reason for a file that must not be read."""
    return FileLines(error=file.refused) if file.refused else read_lines(file.path)


def read_lines(path: Path) -> FileLines:
    """All lines of a file, without line endings, read as a stream: a line longer than
    `settings.max_line_bytes()` is skipped over, never held whole, and counted with its length
    as an empty line in `too_long`.

    A gzip file that is cut off or corrupt yields the lines before the damage and an error; a
    file that cannot be opened yields no lines and an error. The error names the problem, not
    the content.
    """
    gz, out = path.name.endswith(".gz"), FileLines()
    try:
        with gzip.open(path, "rb") if gz else open(path, "rb") as f:
            head = f.peek(4)[:4]
            boms = (b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
            if not gz and (head[:2] in boms[:2] or head in boms[2:]):
                out.error = "file is UTF-16 or UTF-32 (it starts with a byte order mark): convert it to UTF-8"
                return out
            _read_stream(f, settings.max_line_bytes(), out)
        if not gz and len(out.lines) == 1 and b"\r" in out.lines[0]:
            out.lines, out.error = [], "file ends its lines with CR only (classic Mac): convert them to LF"
    except (OSError, EOFError, zlib.error) as exc:
        out.error = f"file could not be read after line {len(out.lines)}: {_describe(exc)}"
    return out


def _read_stream(f, limit: int, out: FileLines) -> None:
    while line := f.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n") and len(line) == limit + 1:
            out.lines.append(line.rstrip(b"\r\n"))
            continue
        length = len(line)
        while not line.endswith(b"\n") and (line := f.readline(2**20)):
            length += len(line)
        out.too_long[len(out.lines)] = length - (1 if line.endswith(b"\n") else 0)
        out.lines.append(b"")


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
