"""`flywheel erase --client-id` end to end on a real Dagster instance: a client's calls (with a
duplicate copy and a line too broken to parse) collected, scrubbed, embedded, clustered, assigned
and built into the tasks' datasets, an adapter recorded on one of them; then erased. Nothing of the
client is left in the lake (raw zone included) or the instance's storage, every line stays
accounted for on a fresh collect, the adapter is due for retraining, and the audit entry holds no
personal data. Twice: with the lake in a folder, and on an object store (moto's S3 server on this
machine, every run with an empty working copy of its own), where the store and the erasing
process's working copy are searched."""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from flywheel.cluster.embed import CACHE_DIR, MODEL_NAME
from flywheel.cluster.pipeline import EMBEDDINGS
from flywheel.cluster.signature import text_hash
from flywheel.datasets.build import SPLITS, current_dataset, read_split
from flywheel.defs.cluster.assets import task_assignments, task_clusters, trace_embeddings
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.collect.checks import every_line_accounted_for
from flywheel.defs.datasets.assets import task_datasets
from flywheel.defs.erasure import erase
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.erasure import AUDIT, must_retrain
from flywheel.lake import Lake
from flywheel.sample.generator import generate
from flywheel.scrub.identifiers import Pseudonyms, lake_salt
from flywheel.scrub.policy import load_policy
from flywheel.train.adapters import record
from flywheel.train.trigger import decide
from flywheel_tests.conftest import s3_endpoint
from flywheel_tests.privacy.canaries import hits

CLIENT = "acme-tenant-7781"
MARKER = "per the quillback ledger entry"  # task content only this client's calls hold (survives scrubbing)
DAYS = ["2026-11-01", "2026-11-02"]
DAILY = [collect_logs, scrubbed_traces, trace_embeddings]


def _plant(landing: Path) -> int:
    """Give 40 of the first day's calls to CLIENT (the marker in their first user message), copy one
    of them again (a duplicate) and add a line naming the client that is not valid JSON."""
    path = landing / "traffic-2026-11-01.jsonl"
    lines, planted = path.read_bytes().split(b"\n"), []
    for i, line in enumerate(lines):
        try:
            r = json.loads(line)
            user = next(m for m in r["request"]["messages"] if m["role"] == "user" and isinstance(m["content"], str))
        except (ValueError, KeyError, TypeError, StopIteration, UnicodeDecodeError):
            continue
        if len(planted) < 40 and isinstance(r.get("client_id"), str):
            r["client_id"] = CLIENT
            user["content"] += f" ({MARKER})"
            lines[i] = json.dumps(r).encode()
            planted.append(lines[i])
    broken = json.dumps({"client_id": CLIENT, "timestamp": "2026-11-01T09:00:00Z"})[:-1].encode() + b', "request": {'
    path.write_bytes(b"\n".join([*lines[:-1], planted[0], broken, lines[-1]]))
    return len(planted) + 2


class Stored:
    """Where the lake's bytes are: its folder, or the object store and the erasing process's
    working copy (the runs' working copies go with their processes)."""

    def __init__(self, lake: Lake, fs=None) -> None:
        self.lake, self.fs = lake, fs

    def hits(self, needles: list[str]) -> dict[str, list[str]]:
        if self.fs is None:
            return hits(self.lake.root, needles=needles)
        self.fs.invalidate_cache()  # the store as it is now
        copy = Path(tempfile.mkdtemp())
        self.fs.get("flywheel-test/lake/", str(copy) + "/", recursive=True)
        found = hits(copy, needles=needles)
        found |= {f"(working copy) {k}": v for k, v in hits(self.lake.root, needles=needles).items()}
        shutil.rmtree(copy)
        return found

    def cache_keys(self) -> set[str]:
        if self.fs is None:
            return set(pl.read_parquet(sorted((self.lake.root / CACHE_DIR).glob("part-*.parquet")))["key"])
        self.fs.invalidate_cache()
        shards = self.fs.glob(f"flywheel-test/lake/{CACHE_DIR}/part-*.parquet")
        return set().union(*(set(pl.read_parquet(self.fs.cat_file(s))["key"]) for s in shards))


@pytest.fixture(scope="module", params=["folder", "s3"])
def erased(request, tmp_path_factory: pytest.TempPathFactory) -> dict:
    with s3_endpoint() if request.param == "s3" else contextlib.nullcontext() as fs:
        yield _erase(tmp_path_factory.mktemp("erase"), fs)


def _erase(root: Path, fs) -> dict:
    generate(root / "landing", root / "truth", records=600, days=2, seed=3)
    lines = _plant(root / "landing")
    url = str(root / "lake") if fs is None else "s3://flywheel-test/lake"
    lake = Lake(url) if fs is None else Lake(url, root / "erasing")
    stored = Stored(lake, fs)
    resources = {"lake": LakeResource(root=url), "landing": LandingResource(folder=str(root / "landing"))}
    (root / "dagster").mkdir()
    (root / "dagster" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    with dg.instance_for_test(temp_dir=str(root / "dagster")) as instance, pytest.MonkeyPatch.context() as patch:
        copies = iter(range(1000))

        def materialize(assets: list, **kwargs) -> dg.ExecuteInProcessResult:  # on a store: an empty working copy
            patch.setenv("FLYWHEEL_LAKE_WORKING_COPY", str(root / f"copy-{next(copies)}"))
            return dg.materialize(assets, instance=instance, resources=resources, **kwargs)

        for day in DAYS:
            assert materialize(DAILY, partition_key=day).success
        assert materialize([task_clusters]).success
        for day in DAYS:
            assert materialize([task_assignments], partition_key=day).success
        tasks = sorted(instance.get_dynamic_partitions(task_cluster.name))
        for task in tasks:
            materialize([task_datasets], partition_key=task, raise_on_error=False)
        policy = load_policy()
        ids = Pseudonyms(lake_salt(lake, policy.salt_env), policy.identifiers)
        client = ids("client_id", CLIENT)
        theirs = set().union(*(set(lake.read("scrubbed_traces", d, "traces").filter(pl.col("client_id") == client)
                                   ["request_id"]) for d in DAYS))  # fmt: skip
        by_task = {}
        for task in tasks:
            info = current_dataset(lake, task)
            if info:
                rows = pl.concat([read_split(lake, task, info["version"], s) for s in SPLITS])
                by_task[task] = (info["version"], int(rows["request_id"].is_in(list(theirs)).sum()))
        trained = max(by_task, key=lambda t: by_task[t][1])
        record(lake, trained, {"adapter": "lora", "dataset_version": by_task[trained][0], "examples": 50})
        embedded = pl.concat([lake.read(EMBEDDINGS, d, "embeddings") for d in DAYS])
        mine = embedded.filter(pl.col("request_id").is_in(list(theirs)))
        others = embedded.filter(~pl.col("request_id").is_in(list(theirs)))
        only_theirs = (set(mine["request"]) | set(mine["tool_use"])) - set(others["request"]) - set(others["tool_use"])
        needles = [CLIENT, MARKER, client, *sorted(theirs)]
        before = {"lake": stored.hits(needles), "dagster": hits(root / "dagster", needles=needles),
                  "traces": sum(lake.manifest("scrubbed_traces", d)["traces"] for d in DAYS)}  # fmt: skip
        done = erase(instance, lake, CLIENT, policy, root / "landing")
        after = {"lake": stored.hits(needles), "dagster": hits(root / "dagster", needles=needles),
                 "traces": sum(lake.manifest("scrubbed_traces", d)["traces"] for d in DAYS)}  # fmt: skip
        # a fresh collect of the day: the client's lines are read, dropped and counted, the check passes
        again = materialize([collect_logs, every_line_accounted_for], partition_key=DAYS[0])
        checks = [e for e in again.get_asset_check_evaluations() if e.check_name == "every_line_accounted_for"]
    return {"lake": lake, "stored": stored, "done": done, "before": before, "after": after, "theirs": theirs,
            "trained": trained, "lines": lines, "again": again, "checks": checks, "only_theirs": only_theirs,
            "needles": needles, "dagster": root / "dagster"}  # fmt: skip


def test_the_client_was_everywhere_before(erased):
    before = erased["before"]
    assert len(erased["theirs"]) >= 35  # scrubbed calls of the client (a few may be withheld or invalid)
    where = {Path(f).parts[0].replace(".together", "raw_logs") for f in before["lake"]}  # on a store: its place
    assert {"raw_logs", "scrubbed_traces", "trace_embeddings", "task_assignments", "task_clusters",
            "task_datasets"} <= where  # fmt: skip
    assert any(MARKER in hits for hits in before["dagster"].values())  # a task table or card showed it
    # the client id and its pseudonym never reach Dagster's storage (counts and previews show pseudonyms)
    assert not any(CLIENT in hits for hits in before["dagster"].values())


def test_nothing_of_the_client_is_left(erased):
    assert erased["after"]["lake"] == {}  # raw zone, quarantine, scrubbed, embeddings, clusters, datasets, audit
    assert erased["after"]["dagster"] == {}  # the instance's event log and run storage
    gone = {text_hash(f"{MODEL_NAME}\x00{t}") for t in erased["only_theirs"]}
    assert gone and not gone & erased["stored"].cache_keys()
    done = erased["done"]
    assert done.removed["scrubbed_traces"] == len(erased["theirs"])
    assert erased["before"]["traces"] - erased["after"]["traces"] == len(erased["theirs"])
    assert done.removed["raw_lines"] == erased["lines"]  # 40 calls, a duplicate, a broken line
    assert done.runs_deleted >= 1 and done.landing_lines_left == erased["lines"]


def test_lines_stay_accounted_for_and_collect_skips_the_client(erased):
    lake = erased["lake"]
    assert erased["again"].success and erased["checks"] and all(c.passed for c in erased["checks"])
    assert lake.manifest("raw_logs", DAYS[0])["counts"]["erased"] == erased["lines"]
    assert erased["stored"].hits(erased["needles"]) == {}


def test_the_trained_task_is_retrained_and_the_audit_names_no_one(erased):
    lake, done, task = erased["lake"], erased["done"], erased["trained"]
    assert done.tasks_to_retrain == [task] and must_retrain(lake, task) == done.erasure_id
    decision = decide(lake, [task], {}, min_examples=1)
    assert decision.requests == [task] and "erased on request" in decision.reasons[task]
    [entry] = [json.loads(line) for line in lake.fetch(lake.root / AUDIT).read_text().splitlines()]
    assert entry["erasure_id"] == done.erasure_id and entry["removed"]["scrubbed_traces"] == len(erased["theirs"])
    assert CLIENT not in json.dumps(entry) and MARKER not in json.dumps(entry)
