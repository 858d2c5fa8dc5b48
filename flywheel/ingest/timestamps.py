"""Timestamps of log records and the UTC day (partition) each line belongs to."""

from __future__ import annotations

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


def _own_day(line: bytes, file_day: date) -> date | None:
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


def assign_days(lines: list[bytes], file_day: date) -> list[date]:
    """The partition day of every line of one file.

    A line with a readable timestamp goes to that timestamp's UTC day. A well-formed record
    without a timestamp takes the file's day (its modification time), as the log contract says.
    A line whose timestamp cannot be read at all (broken JSON, invalid UTF-8, a malformed
    timestamp) goes with its nearest dated neighbour in the same file, since gateways write in
    time order; with no dated line in the file, it takes the file's day.
    """
    own = [_own_day(line, file_day) for line in lines]
    days: list[date] = []
    last: date | None = None
    pending = 0
    for day in own:
        if day is None:
            pending += 1
            continue
        # lines before the first dated one go to it; gaps take the previous dated line's day
        days.extend([last or day] * pending)
        pending = 0
        days.append(day)
        last = day
    days.extend([last or file_day] * pending)
    return days
