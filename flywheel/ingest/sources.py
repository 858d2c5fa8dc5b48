"""The landing folder: which log files are there, and their lines."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

PATTERNS = ("*.jsonl", "*.jsonl.gz")


@dataclass(frozen=True)
class LandingFile:
    """A log file in the landing folder. `name` is its path relative to the folder."""

    path: Path
    name: str
    size: int
    mtime_ns: int

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


def list_landing(folder: str | Path) -> list[LandingFile]:
    """Every JSONL or gzipped JSONL file under `folder`, recursively, in name order."""
    root = Path(folder)
    if not root.is_dir():
        return []
    files = []
    for pattern in PATTERNS:
        for path in root.rglob(pattern):
            if path.is_file():
                st = path.stat()
                files.append(LandingFile(path, path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns))
    return sorted(files, key=lambda f: f.name)


def read_lines(path: Path) -> FileLines:
    """All lines of a file, without line endings.

    A gzip file that is cut off or corrupt yields the lines before the damage and an error; a
    file that cannot be opened yields no lines and an error. The error names the problem, not
    the content.
    """
    out = FileLines()
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                for line in f:
                    out.lines.append(line.rstrip(b"\r\n"))
        else:
            lines = path.read_bytes().split(b"\n")
            if lines[-1] == b"":
                lines.pop()  # the text after the final newline is not a line
            out.lines = [line.removesuffix(b"\r") for line in lines]
    except (OSError, EOFError, zlib.error) as exc:
        out.error = f"file could not be read after line {len(out.lines)}: {_describe(exc)}"
    return out


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
