"""Timestamps of log records and the UTC day (partition) each line belongs to."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

import msgspec

from flywheel.ingest.contract import Rejected


def parse_timestamp(value: str | int | float) -> datetime:
    """An ISO 8601 string (naive means UTC) or Unix epoch seconds/milliseconds, as aware UTC."""
    if isinstance(value, bool):
        raise Rejected("wrong_type", "wrong type: Expected `str | number`, got `bool` - at `$.timestamp`")
    if isinstance(value, str):
        try:
            ts = datetime.fromisoformat(value)
        except ValueError:
            raise Rejected("invalid_value", "invalid value: `$.timestamp` is not ISO 8601") from None
        try:
            return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)
        except OverflowError:  # 9999-12-31T23:00:00-05:00 is past the last representable instant
            raise Rejected("invalid_value", "invalid value: `$.timestamp` is out of range") from None
    try:
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        raise Rejected("invalid_value", "invalid value: `$.timestamp` is out of range") from None


class _Stamp(msgspec.Struct):
    timestamp: Any = None


_stamp_decoder = msgspec.json.Decoder(_Stamp)


def own_day(line: bytes, file_day: date) -> date | None:
    """The day of a line's own timestamp, `file_day` for a record without one, None if unreadable."""
    try:
        value = _stamp_decoder.decode(line).timestamp
    except (msgspec.DecodeError, RecursionError):
        return None
    if value is None:
        return file_day
    try:
        return parse_timestamp(value).date()
    except (Rejected, TypeError, OverflowError, ValueError):
        return None


MAX_PENDING_LINES = 10_000  # undated lines held back while waiting for the next dated one
MAX_PENDING_BYTES = 8 * 2**20


def dated(lines: Iterable[tuple[bytes, int | None]], file_day: date) -> Iterator[tuple[bytes, int | None, date]]:
    """Each `(line, extra)` of one file with the partition day of the line, as a stream.

    A line with a readable timestamp goes to that timestamp's UTC day. A well-formed record
    without a timestamp takes the file's day (its modification time), as the log contract says.
    A line whose timestamp cannot be read at all (broken JSON, invalid UTF-8, a malformed
    timestamp) goes with its nearest dated neighbour in the same file, since gateways write in
    time order; with no dated line in the file, it takes the file's day. Only the undated lines
    since the last dated one are held, up to `MAX_PENDING_LINES` or `MAX_PENDING_BYTES`; past
    that they go with the dated line before them (or the file's day) without waiting.
    """
    pending: list[tuple[bytes, int | None]] = []
    size, last = 0, None
    for line, extra in lines:
        day = own_day(line, file_day)
        if day is None:
            pending.append((line, extra))
            size += len(line)
            if len(pending) >= MAX_PENDING_LINES or size >= MAX_PENDING_BYTES:
                yield from ((held, x, last or file_day) for held, x in pending)
                pending, size = [], 0
            continue
        # lines before the first dated one go to it; gaps take the previous dated line's day
        yield from ((held, x, last or day) for held, x in pending)
        pending, size = [], 0
        yield line, extra, day
        last = day
    yield from ((held, x, last or file_day) for held, x in pending)
