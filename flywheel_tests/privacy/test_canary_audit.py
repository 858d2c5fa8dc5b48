"""The canary audit: unique personal values planted in every field a gateway logs (and in a landing
file's name), the steps from collection to task assignment run through Dagster, and every artifact
past the scrub zone searched for them: the lake outside raw logs and quarantine (scrubbed traces,
embeddings and their cache, clusters, assignments, the landing index) and the Dagster instance's
storage. The datasets, training and evaluation steps, and PostgreSQL storage, are not in it yet."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.sample.generator import generate
from flywheel_tests.conftest import make_record

DAY = "2026-11-01"
UNSCRUBBED = ("raw_logs", "quarantine")  # the scrub zone: what the collect step keeps as it came


def canary(i: int) -> str:
    return f"canary{i:02d}.qzx@example.org"


def _canary_records() -> list[dict]:
    """One call per field a gateway logs, a canary in it (an e-mail address: any scrubber must know one)."""
    base = make_record(timestamp=f"{DAY}T12:00:00Z")
    edits = [
        lambda r: r.update(client_id=canary(1)),
        lambda r: r.update(workload_id=canary(2)),
        lambda r: r.update(request_id=canary(3)),
        lambda r: r["request"].update(model=f"gpt-4o {canary(4)}"),
        lambda r: r["request"]["tools"][0]["function"].update(description=f"Looks up {canary(5)}"),
        lambda r: r["request"]["tools"][0]["function"].update(
            parameters={"type": "object", "properties": {"order_id": {"type": "string", "description": canary(6)}}}),
        lambda r: r["request"].update(tool_choice={"type": "function", "function": {"name": canary(7)}}),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0].update(id=f"call_{canary(8)}"),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0]["function"].update(name=canary(9)),
        lambda r: r["request"]["messages"].extend([
            {"role": "assistant", "content": None, "tool_calls": [{"id": "c0", "type": "function",
             "function": {"name": "get_order_status", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": "c0", "name": canary(10), "content": "shipped"}]),
        lambda r: r["response"]["choices"][0]["message"]["tool_calls"][0]["function"].update(
            arguments=json.dumps({canary(11): "ORD-1"})),
        lambda r: r["request"]["messages"].append({"role": "user", "content": [
            {"type": "text", "text": "this one"},
            {"type": "image_url", "image_url": {"url": f"https://img.example.net/{canary(12)}.png"}}]}),
        lambda r: r["request"]["messages"][1].update(content=f"Where is ORD-1? Write to {canary(13)}"),
        lambda r: r["request"]["messages"][0].update(content=f"Be brief. The user is {canary(14)}."),
        lambda r: r["request"]["messages"].append({"role": "user", "content": "x", "name": canary(15)}),
        lambda r: r["response"]["choices"][0].update(message={"role": "assistant", "content": f"Sent to {canary(16)}"},
                                                      finish_reason="stop"),
    ]  # fmt: skip
    out = []
    for i, edit in enumerate(edits):
        record = copy.deepcopy(base)
        record["request_id"] = f"canary-call-{i}"
        edit(record)
        out.append(record)
    return out


CANARIES = [canary(i) for i in range(1, 18)]


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("canary")
    generate(root / "landing", root / "truth", records=700, days=1, seed=5)
    # a landing file named after a person too (file names never leave the scrub zone)
    named = root / "landing" / f"export-{canary(17)}.jsonl"
    named.write_text("".join(json.dumps(r) + "\n" for r in _canary_records()))
    resources = {"lake": LakeResource(root=str(root / "lake")),
                 "landing": LandingResource(folder=str(root / "landing"))}  # fmt: skip
    (root / "dagster").mkdir()
    (root / "dagster" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    with dg.instance_for_test(temp_dir=str(root / "dagster")) as instance:
        daily = [collect_logs, scrubbed_traces, trace_embeddings]
        assert dg.materialize(daily, partition_key=DAY, instance=instance, resources=resources).success
        assert dg.materialize([task_clusters], instance=instance, resources=resources,
                              run_config={"ops": {"task_clusters": {"config": {"min_cluster_share": 0.02}}}}).success
        assert dg.materialize([task_assignments], partition_key=DAY, instance=instance, resources=resources).success
    return root / "lake", root / "dagster"


def _text(path: Path) -> bytes:
    """A file's content as a search sees it: a Parquet file's rows (its pages are compressed)."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path).write_ndjson().encode()
    return path.read_bytes()


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, through symlinks too (a published partition is a link)."""
    return [Path(d) / n for d, _, names in os.walk(folder, followlinks=True) for n in names]


def _hits(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, list[str]]:
    found = {}
    for path in _files(folder):
        if not any(part in skip for part in path.relative_to(folder).parts):
            data = _text(path)
            hits = [c for c in CANARIES if c.encode() in data]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


def test_the_canaries_reach_the_scrub_zone(audited):
    lake, _ = audited
    raw = _hits(lake / "raw_logs")
    assert {c for hits in raw.values() for c in hits} >= set(CANARIES[:16])  # (the audit could find them)


def test_no_canary_past_the_scrub_zone(audited):
    lake, dagster = audited
    assert len(_files(lake)) > 15
    assert _hits(lake, skip=UNSCRUBBED) == {}  # scrubbed traces, embeddings and their cache, clusters, index
    assert any(p.suffix == ".db" for p in _files(dagster))  # (SQLite storage, as dagster.yaml's default)
    assert _hits(dagster) == {}  # the instance's event log, run storage and compute logs
