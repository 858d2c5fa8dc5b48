from datetime import UTC, date, datetime

import pytest

from flywheel.ingest.contract import Rejected
from flywheel.ingest.timestamps import dated, parse_timestamp

FILE_DAY = date(2026, 11, 9)


def assign_days(lines: list[bytes], file_day: date) -> list[date]:
    """The day `dated` gives each line of one file."""
    return [day for _, _, day in dated(((line, None) for line in lines), file_day)]


def _line(ts: str | None) -> bytes:
    return b"{}" if ts is None else f'{{"timestamp": "{ts}"}}'.encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-02T23:30:00Z", datetime(2026, 11, 2, 23, 30, tzinfo=UTC)),
        ("2026-11-02T23:30:00-02:00", datetime(2026, 11, 3, 1, 30, tzinfo=UTC)),  # next UTC day
        ("2026-11-02T10:00:00", datetime(2026, 11, 2, 10, tzinfo=UTC)),  # naive means UTC
        (1793620800, datetime(2026, 11, 2, 12, tzinfo=UTC)),
        (1793620800000, datetime(2026, 11, 2, 12, tzinfo=UTC)),  # milliseconds
    ],
)
def test_parse_timestamp(value, expected):
    assert parse_timestamp(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2026-13-45", True])
def test_unreadable_timestamps_are_rejected(value):
    with pytest.raises(Rejected):
        parse_timestamp(value)


def test_each_line_goes_to_its_own_utc_day():
    lines = [_line("2026-11-01T23:59:59Z"), _line("2026-11-02T00:00:00Z"), _line("2026-11-01T22:00:00-05:00")]
    assert assign_days(lines, FILE_DAY) == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 2)]


def test_record_without_timestamp_takes_the_files_day():
    assert assign_days([_line("2026-11-01T10:00:00Z"), _line(None)], FILE_DAY) == [date(2026, 11, 1), FILE_DAY]


def test_unreadable_lines_go_with_their_nearest_dated_neighbour():
    lines = [b"garbage", _line("2026-11-01T10:00:00Z"), b"{broken", b"", _line("2026-11-02T10:00:00Z"), b"\xff"]
    d1, d2 = date(2026, 11, 1), date(2026, 11, 2)
    assert assign_days(lines, FILE_DAY) == [d1, d1, d1, d1, d2, d2]


def test_a_file_with_no_dated_line_takes_the_files_day():
    assert assign_days([b"garbage", _line("not a time")], FILE_DAY) == [FILE_DAY, FILE_DAY]
