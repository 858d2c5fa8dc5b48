"""The Pipes message reader of the training and evaluation processes: Dagster's file reader, but
one that hands on a message only once its line is whole.

Dagster 1.13's `PipesFileMessageReader` tails the file with `readline()` and parses whatever it
returns; the child appends each message with one buffered write, which the operating system may
split (a message over 8 KiB, the final materialisation's metadata), so the reader can meet half a
line, fail on it and stop reading: the step then fails without the materialisation ("did not
receive closed message"). Seen in CI on a tiny training run. It also stops at the first empty read
after the session closes, which can miss the last message written just before.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import dagster as dg


def whole_lines(path: str, should_stop: Callable[[], bool], poll: float = 0.01) -> Iterator[str]:
    """The lines another process appends to `path`, each once it ends in a newline; after
    `should_stop()` turns true the rest of the file is read, and a last line without a newline
    is handed on as it is."""
    pending = ""
    with open(path, encoding="utf-8") as f:
        while True:
            piece = f.readline()
            if piece:
                pending += piece
                if pending.endswith("\n"):
                    yield pending
                    pending = ""
                continue
            if should_stop():
                pending += f.read()  # written between the last read and the stop
                for line in pending.splitlines():
                    if line.strip():
                        yield line
                return
            time.sleep(poll)


class WholeLineFileMessageReader(dg.PipesFileMessageReader):
    """`PipesFileMessageReader` reading with `whole_lines`."""

    def _reader_thread(self, handler, is_resource_complete) -> None:  # noqa: ANN001 (Dagster's signature)
        try:
            for line in whole_lines(self._path, is_resource_complete.is_set):
                handler.handle_message(json.loads(line))
        except Exception:
            handler.report_pipes_framework_exception(f"{self.__class__.__name__} reader thread", sys.exc_info())
            raise


class WholeLineTempFileMessageReader(dg.PipesTempFileMessageReader):
    """`PipesTempFileMessageReader` (the subprocess client's default) reading with `whole_lines`."""

    @contextmanager
    def read_messages(self, handler) -> Iterator[dict]:  # noqa: ANN001
        with tempfile.TemporaryDirectory() as folder:
            reader = WholeLineFileMessageReader(os.path.join(folder, "messages"))
            with reader.read_messages(handler) as params:
                yield params
