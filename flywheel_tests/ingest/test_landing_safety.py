"""The landing folder is read only inside itself; files it cannot read well are one quarantined entry each."""

import json
import os
from datetime import UTC, date, datetime

import pytest

from flywheel.ingest import sources
from flywheel.ingest.pipeline import ingest_days
from flywheel.lake import Lake
from flywheel_tests.conftest import make_record

DAY = date(2026, 11, 1)
STAMP = datetime(2026, 11, 1, 20, tzinfo=UTC).timestamp()


def _touch(path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    os.utime(path, (STAMP, STAMP), follow_symlinks=False)


def _good() -> bytes:
    return (json.dumps(make_record(timestamp="2026-11-01T10:00:00Z")) + "\n").encode()


def _ingest(tmp_path):
    [day] = ingest_days(Lake(tmp_path / "lake"), tmp_path / "landing", {DAY})
    return day


def test_a_symlink_out_of_the_folder_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secrets.jsonl"
    secret.write_text('{"password": "hunter2"}\n')
    _touch(tmp_path / "landing" / "a.jsonl", _good())
    (tmp_path / "landing" / "evil.jsonl").symlink_to(secret)
    os.utime(tmp_path / "landing" / "evil.jsonl", (STAMP, STAMP), follow_symlinks=False)
    day = _ingest(tmp_path)
    assert day.counts["accepted"] == 1 and day.counts["quarantined"] == 1 and day.counts["lines_read"] == 2
    [reason] = day.quarantine["reason"].to_list()
    assert "symlink to a file outside the landing folder" in reason
    assert b"hunter2" not in (tmp_path / "lake" / "quarantine").joinpath(f"day={DAY}", "lines.parquet").read_bytes()


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch: pytest.MonkeyPatch):
    _touch(tmp_path / "landing" / "a.jsonl", _good())
    _touch(tmp_path / "landing" / "locked" / "b.jsonl", _good())
    os.utime(tmp_path / "landing" / "locked", (STAMP, STAMP))
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    day = _ingest(tmp_path)
    assert day.counts["accepted"] == 1 and day.counts["quarantined"] == 1
    assert day.quarantine["reason"].to_list() == ["folder could not be listed: Permission denied"]


def test_utf16_and_cr_only_files_get_a_reason_that_says_so(tmp_path):
    _touch(tmp_path / "landing" / "utf16.jsonl", _good().decode().encode("utf-16"))
    _touch(tmp_path / "landing" / "mac.jsonl", _good().replace(b"\n", b"\r") * 3)
    day = _ingest(tmp_path)
    reasons = sorted(day.quarantine["reason"].to_list())
    assert day.counts["quarantined"] == 2 and day.counts["lines_read"] == 2
    assert "CR only" in reasons[0] and "UTF-16" in reasons[1]
