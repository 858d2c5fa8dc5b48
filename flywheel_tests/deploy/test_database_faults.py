"""The database under Dagster's storage goes away while a run works: a private PostgreSQL cluster
(its own folder and port, so the machine's server is never touched) holds the instance's run,
event-log and schedule storage, as `deploy/dagster.yaml` configures them. Inside the scrub step
the server is restarted, then stopped for a few seconds, then for longer than the storage
retries: what was written before is kept, the run completes or fails with an error that names
the database connection, and a re-run once the server is back leaves the same data as a run
nobody disturbed. Measured: a restart and a 4-second outage are carried over by
dagster-postgres's connection retries; a longer outage fails the run after about 50 s of retries
with "too many retries for DB connection"."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import dagster as dg
import pytest

from flywheel.defs.collect.assets import collect_logs
from flywheel.defs.resources import LakeResource, LandingResource
from flywheel.defs.scrub import assets as scrub_assets
from flywheel.defs.scrub.assets import scrubbed_traces
from flywheel.lake import Lake
from flywheel.sample.generator import DEFAULT_START, generate
from flywheel.scrub.pipeline import SCRUBBED, scrub_day

DAY = DEFAULT_START.isoformat()


def _bin(name: str) -> str | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(found[-1]) if found else shutil.which(name)


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Cluster:
    """A throwaway PostgreSQL cluster with trust auth on a free port."""

    def __init__(self, folder: Path) -> None:
        self.data = folder / "pgdata"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        subprocess.run(_as_postgres([_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]),
                       check=True, capture_output=True)  # fmt: skip

    def ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        done = subprocess.run(_as_postgres([_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60",
                                            "-l", str(self.data / "server.log"), *args]),
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, f"pg_ctl {' '.join(args)}: {done.stdout} {done.stderr}"


@pytest.fixture()
def cluster():
    if not _bin("initdb") or not _bin("pg_ctl"):
        pytest.fail("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: .ci/run installs them")
    # (not under pytest's folders: the `postgres` user cannot enter them)
    folder = Path(tempfile.mkdtemp(prefix="flywheel-pg-"))
    try:
        server = Cluster(folder)
        server.ctl("start")
        yield server
    finally:
        if (folder / "pgdata").exists():
            subprocess.run(_as_postgres([_bin("pg_ctl"), "-D", str(folder / "pgdata"), "-m", "immediate", "stop"]),
                           capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _instance(cluster: Cluster, home: Path):
    db = {"hostname": "127.0.0.1", "port": cluster.port, "username": "postgres", "password": "", "db_name": "postgres",
          "scheme": "postgresql+psycopg2"}  # as deploy/dagster.yaml names it  # fmt: skip
    storage = {"postgres": {"postgres_db": db}}
    return dg.instance_for_test(temp_dir=str(home), overrides={"storage": storage, "telemetry": {"enabled": False}})


def _scrub_with(monkeypatch: pytest.MonkeyPatch, fault) -> None:  # noqa: ANN001 (a callable)
    """Run `fault` inside the scrub step, before it scrubs (in place of an earlier fault)."""
    real = scrub_day

    def disturbed(*args, **kwargs):
        fault()
        return real(*args, **kwargs)

    monkeypatch.setattr(scrub_assets, "scrub_day", disturbed)


def _written(lake: Path) -> list[tuple]:
    """The day's scrubbed calls, by what no lake salts (ids and tool-call ids are pseudonyms salted per lake)."""
    traces = Lake(lake).read(SCRUBBED, DAY, "traces")
    return sorted(traces.select("timestamp", "n_messages", "total_tokens", "finish_reason", "pii_replaced").iter_rows())


def _back(cluster: Cluster, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    ready = [_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(cluster.port)]
    while subprocess.run(ready, capture_output=True).returncode:
        assert time.monotonic() < deadline, "the database did not come back"
        time.sleep(0.5)


def test_a_database_restart_or_outage_mid_run_loses_nothing(cluster: Cluster, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    generate(tmp_path / "landing", tmp_path / "truth", records=120, days=1, seed=3)
    landing = LandingResource(folder=str(tmp_path / "landing"))
    calm = {"lake": LakeResource(root=str(tmp_path / "calm")), "landing": landing}
    resources = {"lake": LakeResource(root=str(tmp_path / "lake")), "landing": landing}
    (tmp_path / "home").mkdir()
    with _instance(cluster, tmp_path / "home") as instance:
        # undisturbed, for reference
        assert dg.materialize([collect_logs, scrubbed_traces], partition_key=DAY, instance=instance,
                              resources=calm).success  # fmt: skip
        expected = _written(tmp_path / "calm")
        assert dg.materialize([collect_logs], partition_key=DAY, instance=instance, resources=resources).success

        # a restart inside the step: the run's later events go to the restarted server
        _scrub_with(monkeypatch, lambda: cluster.ctl("restart", "-m", "fast"))
        assert dg.materialize([scrubbed_traces], partition_key=DAY, instance=instance, resources=resources).success
        assert _written(tmp_path / "lake") == expected

        # an outage of a few seconds: the storage's connection retries carry the run over it
        def outage(seconds: float):  # noqa: ANN202
            def stop() -> None:
                cluster.ctl("stop", "-m", "fast")
                threading.Timer(seconds, lambda: cluster.ctl("start")).start()

            return stop

        _scrub_with(monkeypatch, outage(4))
        assert dg.materialize([scrubbed_traces], partition_key=DAY, instance=instance, resources=resources).success
        assert _written(tmp_path / "lake") == expected
        _back(cluster, 60)

        # an outage longer than the retries: the run stops with an error that says so
        _scrub_with(monkeypatch, outage(75))
        with pytest.raises(Exception, match="(?i)retries for DB connection|connection refused|could not connect"):
            dg.materialize([scrubbed_traces], partition_key=DAY, instance=instance, resources=resources)
        monkeypatch.undo()
        _back(cluster, 120)
        # the day as the lake holds it is whole (the previous version or the new one, never a part),
        # and a re-run once the server is back writes what an undisturbed run wrote
        assert _written(tmp_path / "lake") == expected
        assert dg.materialize([scrubbed_traces], partition_key=DAY, instance=instance, resources=resources).success
        assert _written(tmp_path / "lake") == expected
        assert len(instance.fetch_materializations(scrubbed_traces.key, limit=10).records) >= 4
