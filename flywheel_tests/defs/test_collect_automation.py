"""The daily schedule and the landing-folder sensor, evaluated with Dagster's test contexts."""

import json
import os
import shutil
from datetime import UTC, datetime

import dagster as dg

from flywheel.definitions import defs as project_definitions
from flywheel.defs.collect.sensors import landing_files
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.ingest.sources import file_key
from flywheel_tests.conftest import make_record


def test_schedule_collects_the_day_that_just_ended():
    schedule = project_definitions().resolve_schedule_def("daily_ingest")
    assert schedule.cron_schedule == "30 0 * * *"
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 10, 0, 30, tzinfo=UTC))
    [request] = schedule.evaluate_tick(context).run_requests
    assert request.partition_key == "2026-11-09"


def _tick(landing, lake, cursor=None):
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(
            instance=instance,
            cursor=cursor,
            resources={"lake": LakeResource(root=str(lake)), "landing": LandingResource(folder=str(landing))},
        )
        return landing_files(context)


def test_sensor_requests_the_days_new_files_touch_and_remembers_them(sample, tmp_path):
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    assert isinstance(_tick(landing, lake), dg.SkipReason)

    shutil.copytree(sample.landing, landing, dirs_exist_ok=True)
    first = _tick(landing, lake)
    assert sorted(r.partition_key for r in first.run_requests) == sample.days
    assert len({r.run_key for r in first.run_requests}) == len(sample.days)
    assert set(json.loads(first.cursor)) == {file_key(p.name) for p in landing.iterdir()}

    again = _tick(landing, lake, first.cursor)
    assert isinstance(again, dg.SkipReason)
    assert "No new or changed files" in again.skip_message

    # a file appended to: its days are requested again, under a new run key
    changed = landing / f"traffic-{sample.days[2]}.jsonl"
    with changed.open("ab") as f:
        f.write(json.dumps(make_record(request_id="late-1", timestamp=f"{sample.days[2]}T23:00:00Z")).encode() + b"\n")
    third = _tick(landing, lake, first.cursor)
    assert {r.partition_key for r in third.run_requests} == {sample.days[1], sample.days[2]}  # with late arrivals
    old_keys = {r.run_key for r in first.run_requests}
    assert not old_keys & {r.run_key for r in third.run_requests}


def test_todays_lines_wait_for_their_partition(tmp_path):
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    now = datetime.now(UTC)
    lines = [make_record(request_id="y", timestamp="2026-11-02T10:00:00Z"),
             make_record(request_id="t", timestamp=now.isoformat())]  # fmt: skip
    path = landing / "today.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    os.utime(path, (now.timestamp(), now.timestamp()))
    result = _tick(landing, lake)
    assert [r.partition_key for r in result.run_requests] == ["2026-11-02"]
    assert file_key("today.jsonl") not in json.loads(result.cursor)  # looked at again until today's partition exists
    later = _tick(landing, lake, result.cursor)
    assert [r.run_key for r in later.run_requests] == [r.run_key for r in result.run_requests]  # deduplicated


def test_a_file_still_being_written_waits_and_nothing_is_lost(tmp_path):
    """A shipper that has written half a line: the sensor leaves the file for a later tick. A run
    started by hand meanwhile quarantines the unfinished line, counted; once the line is finished
    the sensor requests the day again and collecting it keeps the record, with nothing left in
    quarantine."""
    from datetime import date

    from flywheel.ingest.pipeline import ingest_days
    from flywheel.lake import Lake

    landing, lake = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    day = "2026-11-02"
    lines = [json.dumps(make_record(request_id=f"r{i}", timestamp=f"{day}T10:0{i}:00Z")) for i in range(3)]
    path = landing / "shipper.jsonl"
    path.write_text(lines[0] + "\n" + lines[1] + "\n" + lines[2][:40])  # the third line half written
    held = _tick(landing, lake)
    assert isinstance(held, dg.SkipReason) and "1 still being written" in held.skip_message

    [early] = ingest_days(Lake(lake), landing, {date(2026, 11, 2)})
    assert (early.raw.height, early.quarantine.height) == (2, 1)  # every line accounted for, none lost
    assert early.lines_per_file == {"shipper.jsonl": 3}

    path.write_text("\n".join(lines) + "\n")  # the shipper finishes the line
    done = _tick(landing, lake)
    assert [r.partition_key for r in done.run_requests] == [day]
    [final] = ingest_days(Lake(lake), landing, {date(2026, 11, 2)})
    assert (final.raw.height, final.quarantine.height) == (3, 0)
    assert sorted(final.raw["request_id"]) == ["r0", "r1", "r2"]


def test_an_unfinished_line_left_long_ago_is_collected_and_quarantined(tmp_path, monkeypatch):
    """A shipper that died mid-line: after FLYWHEEL_SETTLE_SECONDS the file is collected."""
    monkeypatch.setenv("FLYWHEEL_SETTLE_SECONDS", "60")
    landing, lake = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    path = landing / "dead.jsonl"
    path.write_text(json.dumps(make_record(request_id="a", timestamp="2026-11-02T10:00:00Z")) + "\n{\"request_i")
    old = datetime.now(UTC).timestamp() - 120
    os.utime(path, (old, old))
    assert [r.partition_key for r in _tick(landing, lake).run_requests] == ["2026-11-02"]
