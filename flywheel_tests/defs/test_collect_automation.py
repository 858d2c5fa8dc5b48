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
