"""One hostile line is quarantined with its file and line; the rest of the file and the day go on."""

import json
import os
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flywheel.ingest.collect import Collector
from flywheel.ingest.sources import list_landing
from flywheel_tests.conftest import make_record

DEEP = "[" * 10_000 + "]" * 10_000
SPAN = (date(2025, 1, 1), date(2026, 11, 30))


def _collect(tmp_path, lines: list[bytes]):
    folder = tmp_path / "landing"
    folder.mkdir(exist_ok=True)
    (folder / "a.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    stamp = datetime(2026, 11, 1, 23, tzinfo=UTC).timestamp()  # the file's day, for records without a timestamp
    os.utime(folder / "a.jsonl", (stamp, stamp))
    files = list_landing(folder)
    days = {SPAN[0] + timedelta(days=i) for i in range((SPAN[1] - SPAN[0]).days + 1)}  # every partition
    collector = Collector(days, span=SPAN)
    for f in files:
        collector.add_file(f)
    return collector.batches


def _good(i: int) -> bytes:
    return json.dumps(make_record(request_id=f"r{i}", timestamp="2026-11-01T10:00:00Z")).encode()


def _with(field_path: list, value_json: str) -> bytes:
    """A good record with `value_json` (raw JSON text) at `field_path`."""
    marker = "__HOSTILE__"
    record = make_record(request_id="bad", timestamp="2026-11-01T11:00:00Z")
    node = record
    for key in field_path[:-1]:
        node = node[key]
    node[field_path[-1]] = marker
    return json.dumps(record).replace(f'"{marker}"', value_json).encode()


def test_deep_json_huge_numbers_and_out_of_range_dates_are_quarantined_per_line(tmp_path):
    hostile = [
        _with(["extra"], DEEP),
        _with(["request", "tool_choice"], DEEP),
        _with(["timestamp"], DEEP),
        _with(["timestamp"], '"9999-12-31T23:00:00-05:00"'),
        _with(["timestamp"], '"0001-01-01T00:30:00+01:00"'),
        _with(["response", "usage", "prompt_tokens"], "36893488147419103232"),
        _with(["timestamp"], "1" + "0" * 400),
    ]
    batches = _collect(tmp_path, [_good(1), *hostile, _good(2)])
    day = batches[date(2026, 11, 1)]
    assert set(day.accepted) == {"r1", "r2"}
    quarantined = [q for b in batches.values() for q in b.quarantined]
    assert [q[2] for q in sorted(quarantined, key=lambda q: q[2])] == list(range(2, 2 + len(hostile)))
    assert all("HOSTILE" not in q[4] and "9999" not in q[4] for q in quarantined)  # reasons quote no content


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)
FIELDS = [["request_id"], ["timestamp"], ["workload_id"], ["client_id"], ["latency_ms"], ["request", "model"],
          ["request", "messages"], ["request", "tools"], ["request", "tool_choice"], ["response", "choices"],
          ["response", "usage", "prompt_tokens"], ["extra"]]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=json_values)
def test_no_value_in_any_field_escapes_the_per_line_handling(tmp_path, field, value):
    batches = _collect(tmp_path, [_good(1), _with(field, json.dumps(value)), _good(2)])
    accepted = {rid for b in batches.values() for rid in b.accepted}
    quarantined = sum(len(b.quarantined) for b in batches.values())
    assert {"r1", "r2"} <= accepted
    assert len(accepted) + quarantined == 3


def test_lines_dated_outside_the_partitions_are_quarantined_on_their_files_day(tmp_path):
    from flywheel.ingest.pipeline import ingest_days
    from flywheel.lake import Lake

    lines = [_good(1), _with(["timestamp"], '"1900-01-01T00:00:00Z"'), _with(["timestamp"], '"9999-01-01T00:00:00Z"')]
    _collect(tmp_path, lines)  # writes the file, dated 2026-11-01
    span = (date(2025, 1, 1), date(2026, 11, 30))
    [day] = ingest_days(Lake(tmp_path / "lake"), tmp_path / "landing", {date(2026, 11, 1)}, span)
    assert day.counts["lines_read"] == 3 and day.counts["accepted"] == 1 and day.counts["quarantined"] == 2
    reasons = sorted(day.quarantine["reason"])
    assert reasons == ["outside the partitions: its timestamp is after the last partition (2026-11-30)",
                       "outside the partitions: its timestamp is before the first partition (2025-01-01)"]  # fmt: skip


def test_the_accounting_check_counts_out_of_range_lines_on_the_day_that_holds_them(tmp_path):
    import dagster as dg

    from flywheel.defs.collect.assets import collect_logs
    from flywheel.defs.collect.checks import every_line_accounted_for
    from flywheel.defs.resources import LakeResource, LandingResource

    _collect(tmp_path, [_good(1), _with(["timestamp"], '"1900-01-01T00:00:00Z"')])
    resources = {"lake": LakeResource(root=str(tmp_path / "lake")),
                 "landing": LandingResource(folder=str(tmp_path / "landing"))}  # fmt: skip
    with dg.instance_for_test() as instance:
        result = dg.materialize([collect_logs, every_line_accounted_for], partition_key="2026-11-01",
                                instance=instance, resources=resources)  # fmt: skip
    [check] = result.get_asset_check_evaluations()
    assert check.passed and check.metadata["quarantined"].value == 1 and check.metadata["lines_in_landing"].value == 2
