"""Flywheel as a service, end to end on real services: a fresh PostgreSQL database (dropped
afterwards) behind `deploy/dagster.yaml`, `dagster-daemon` and `dagster-webserver` as
subprocesses on the repository's workspace; the `landing_files` sensor switched on through
GraphQL, generated logs dropped into the landing folder, and the runs the daemon launches awaited
(bounded); materialisations and check results read back through the webserver's GraphQL API;
then the asset graph and a partitioned asset opened in headless Chromium, their names and
partitions checked and screenshots saved under `test-artifacts/`; the clustering and a task's
fine-tuning launched through the webserver and run by the daemon, and the canary audit over all
they wrote; a run killed, and one cancelled from the UI. Every process is stopped and the database
dropped, also when a step fails."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl
import psycopg2
import pytest
import requests

from flywheel.sample.generator import generate
from flywheel_tests.defs.test_train_graph import run_config as training_config
from flywheel_tests.privacy.canaries import CANARIES, UNSCRUBBED, canary_records, canary_request_ids, files, hits

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DAYS = ["2026-11-01", "2026-11-02"]
# the partitions start at the logs' first day (FLYWHEEL_START_DATE here: the daemon loads the code
# before the logs arrive) and end yesterday
PARTITIONS = (date.today() - date.fromisoformat(DAYS[0])).days
ARTIFACTS = Path(os.environ.get("FLYWHEEL_TEST_ARTIFACTS", REPO / "test-artifacts"))
SENSOR = {"repositoryLocationName": "flywheel", "repositoryName": "__repository__", "sensorName": "landing_files"}
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _admin(sql: str) -> None:
    conn = psycopg2.connect(dbname="postgres", **PG)
    conn.autocommit = True  # CREATE and DROP DATABASE refuse a transaction
    try:
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


class Service:
    def __init__(self, url: str, logs: Path) -> None:
        self.url, self.logs = url, logs
        self.root = logs.parent
        self.dump = b""  # the database's content once the runs are done (pg_dump)
        self.db = ""

    def graphql(self, query: str, **variables: object) -> dict:
        reply = requests.post(f"{self.url}/graphql", json={"query": query, "variables": variables}, timeout=60)
        reply.raise_for_status()
        body = reply.json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    def runs(self) -> list[dict]:
        data = self.graphql("{ runsOrError { ... on Runs { results { runId jobName status tags { key value } } } } }")
        return data["runsOrError"]["results"]


def _wait(what: str, ready, seconds: float, logs: Path):  # noqa: ANN001 (a callable)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        time.sleep(2)
    tail = "".join(p.read_text(errors="replace")[-3000:] for p in sorted(logs.glob("*.log")))
    raise AssertionError(f"{what}: not within {seconds:.0f} s. Service logs (tails):\n{tail}")


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    if not _listening(PG["port"]):
        pytest.skip("PostgreSQL is not listening on 127.0.0.1:5432 (.ci/run starts it on CI's machine)")
    root = tmp_path_factory.mktemp("service")
    db = f"flywheel_e2e_{uuid.uuid4().hex[:8]}"
    home, logs = root / "dagster_home", root / "logs"
    home.mkdir()
    logs.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_POSTGRES_HOST": PG["host"],
           "DAGSTER_POSTGRES_PORT": str(PG["port"]), "DAGSTER_POSTGRES_USER": PG["user"],
           "DAGSTER_POSTGRES_PASSWORD": "", "DAGSTER_POSTGRES_DB": db,
           "FLYWHEEL_LAKE_ROOT": str(root / "lake"), "FLYWHEEL_LANDING_DIR": str(root / "landing"),
           "FLYWHEEL_SCRUB_WORKERS": "1", "FLYWHEEL_START_DATE": DAYS[0]}  # fmt: skip
    (root / "landing").mkdir()
    port = _free_port()
    procs: list[subprocess.Popen] = []
    _admin(f'CREATE DATABASE "{db}"')
    try:
        for name, command in (("daemon", ["dagster-daemon", "run"]),
                              ("webserver", ["dagster-webserver", "-h", "127.0.0.1", "-p", str(port)])):  # fmt: skip
            out = open(logs / f"{name}.log", "w")  # noqa: SIM115 (kept open for the process's life)
            procs.append(subprocess.Popen([str(BIN / command[0]), *command[1:], "-w", str(REPO / "workspace.yaml")],
                                          cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                          start_new_session=True))  # fmt: skip
        svc = Service(f"http://127.0.0.1:{port}", logs)
        svc.db = db
        _wait("the webserver answers", lambda: _answers(svc), 180, logs)
        started = svc.graphql(
            "mutation($s: SensorSelector!) { startSensor(sensorSelector: $s) { __typename "
            "... on Sensor { sensorState { status } } ... on PythonError { message } } }",
            s=SENSOR,
        )["startSensor"]
        assert started.get("sensorState", {}).get("status") == "RUNNING", started
        generate(root / "landing", root / "truth", records=1000, days=len(DAYS), seed=4)
        # the canary audit's calls: a canary e-mail address in every field a gateway logs
        (root / "landing" / "canaries.jsonl").write_text("".join(json.dumps(r) + "\n" for r in canary_records()))
        done = lambda: [r for r in svc.runs() if r["jobName"] == "ingest" and r["status"] == "SUCCESS"]  # noqa: E731
        failed = lambda: [r for r in svc.runs() if r["status"] in ("FAILURE", "CANCELED")]  # noqa: E731
        _wait("the daemon launched and finished one ingest run per day",
              lambda: failed() or (len(done()) >= len(DAYS) and done()), 420, logs)  # fmt: skip
        dump = subprocess.run(["pg_dump", "-h", PG["host"], "-U", PG["user"], "--data-only", db], capture_output=True,
                              timeout=120, check=True)  # fmt: skip
        svc.dump = dump.stdout
        yield svc
    finally:
        _stop(procs)
        _admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def _answers(svc: Service) -> bool:
    try:
        return requests.get(f"{svc.url}/server_info", timeout=5).ok and bool(svc.graphql("{ version }"))
    except requests.RequestException:
        return False


def test_the_sensor_launched_one_ingest_run_per_day_through_the_daemon(service: Service):
    runs = service.runs()
    assert not [r for r in runs if r["status"] in ("FAILURE", "CANCELED")], runs
    ingest = [r for r in runs if r["jobName"] == "ingest"]
    tags = [{t["key"]: t["value"] for t in r["tags"]} for r in ingest]
    assert sorted(t["dagster/partition"] for t in tags) == DAYS
    assert all(t.get("dagster/sensor_name") == "landing_files" for t in tags)  # launched by the daemon's sensor


def test_materialisations_and_checks_read_back_through_graphql(service: Service):
    query = ("query($k: AssetKeyInput!) { assetOrError(assetKey: $k) { ... on Asset { "
             "assetMaterializations(limit: 20) { partition runId } } } }")  # fmt: skip
    for asset in ("raw_logs", "quarantine", "scrubbed_traces", "trace_embeddings", "task_assignments"):
        found = service.graphql(query, k={"path": [asset]})["assetOrError"]["assetMaterializations"]
        assert sorted(m["partition"] for m in found) == DAYS, asset
    checks = ("query($k: AssetKeyInput!, $c: String!) { assetCheckExecutions(assetKey: $k, checkName: $c, "
              "limit: 20) { partition status evaluation { success } } }")  # fmt: skip
    for asset, check in (("raw_logs", "every_line_accounted_for"), ("scrubbed_traces", "residual_pii")):
        runs = service.graphql(checks, k={"path": [asset]}, c=check)["assetCheckExecutions"]
        assert sorted(r["partition"] for r in runs) == DAYS, check
        assert all(r["status"] == "SUCCEEDED" and r["evaluation"]["success"] for r in runs), runs


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as Driver

    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not binary or not driver:
        if os.environ.get("FLYWHEEL_REQUIRE_BROWSER"):
            raise AssertionError("chromium and chromedriver are not installed (.ci/run installs them)")
        pytest.skip("no chromium/chromedriver on this machine (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000"):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Driver(executable_path=driver))


def test_the_asset_graph_and_partitions_are_drawn_in_a_real_browser(service: Service):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser = _browser()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    body = lambda: browser.find_element(By.TAG_NAME, "body").text  # noqa: E731

    def show(path: str, *words: str) -> str:
        browser.get(service.url + path)
        WebDriverWait(browser, 90).until(lambda _: all(w in body() for w in words))
        for skip in browser.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):  # a newsletter prompt
            skip.click()
        time.sleep(2)  # let the graph's layout settle before the picture
        return body()

    try:
        # the collect group's graph: both assets drawn as nodes with their partitions and checks
        graph = show("/locations/flywheel/asset-groups/collect", "raw_logs", "quarantine", "Partitions", "Passed")
        browser.save_screenshot(str(ARTIFACTS / "asset-graph.png"))
        assert "scrubbed_traces" in graph and "filled" in graph  # the edge out, and the partitions' fill
        assert f"{PARTITIONS} partitions" in graph
        partitions = show("/assets/scrubbed_traces?view=partitions", "Materialized (2)")
        browser.save_screenshot(str(ARTIFACTS / "scrubbed-traces-partitions.png"))
        assert "Failed (0)" in partitions and f"Missing ({PARTITIONS - len(DAYS)})" in partitions
    finally:
        browser.quit()
    assert (ARTIFACTS / "asset-graph.png").stat().st_size > 10_000


def test_no_canary_past_the_scrub_zone_on_postgresql(service: Service):
    """The canary audit through the daemon: the lake outside raw logs and quarantine, the instance's
    PostgreSQL database (event log, runs, schedules) and the files under DAGSTER_HOME (compute logs)."""
    lake = service.root / "lake"
    assert hits(lake / "raw_logs")  # (the audit could find them: they reached the scrub zone)
    assert hits(lake, skip=UNSCRUBBED) == {}
    assert len(service.dump) > 10_000 and b"scrubbed_traces" in service.dump  # (the dump holds the event log)
    assert [c for c in CANARIES if c.encode() in service.dump] == []
    assert hits(service.root / "dagster_home") == {}


def _launch(service: Service, job: str, partition: str | None = None, config: dict | None = None) -> str:
    """Launch `job` as the UI's launchpad does (the run queued; the daemon starts it); its run id."""
    launch = ("mutation($p: ExecutionParams!) { launchRun(executionParams: $p) { __typename "
              "... on LaunchRunSuccess { run { runId } } ... on PythonError { message } "
              "... on RunConfigValidationInvalid { errors { message } } } }")  # fmt: skip
    params = {
        "selector": {
            "repositoryLocationName": SENSOR["repositoryLocationName"],
            "repositoryName": SENSOR["repositoryName"],
            "jobName": job,
        },
        "runConfigData": config or {},
        "executionMetadata": {"tags": [{"key": "dagster/partition", "value": partition}] if partition else []},
    }
    launched = service.graphql(launch, p=params)["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    return launched["run"]["runId"]


def _ended(service: Service, run_id: str, seconds: float) -> str:
    """The run's status once it has ended (bounded)."""

    def ended() -> str | None:
        status = next(r["status"] for r in service.runs() if r["runId"] == run_id)
        return status if status in ("SUCCESS", "FAILURE", "CANCELED") else None

    return _wait(f"run {run_id} ended", ended, seconds, service.logs)


def _failures(service: Service, run_id: str) -> list[str]:
    """The run's step failures and failure message, for an assertion's message."""
    query = ("query($id: ID!) { runOrError(runId: $id) { ... on Run { eventConnection { events { __typename "
             "... on ExecutionStepFailureEvent { stepKey error { message cause { message } } } "
             "... on RunFailureEvent { message } } } } } }")  # fmt: skip
    events = service.graphql(query, id=run_id)["runOrError"]["eventConnection"]["events"]
    return [json.dumps(e)[:2000] for e in events if e["__typename"] in ("ExecutionStepFailureEvent", "RunFailureEvent")]


def _succeeded(service: Service, run_id: str, seconds: float) -> None:
    status = _ended(service, run_id, seconds)
    assert status == "SUCCESS", (status, _failures(service, run_id))


def test_the_whole_flywheel_through_the_daemon_leaves_no_canary(service: Service):
    """The canary audit past the datasets: the clustering, each day's assignment and the fine_tune
    job of the task the canary calls fell into (its dataset, the base model's selection, a LoRA
    adapter of the tiny model trained through Pipes and tracked in MLflow, its evaluation and
    promotion), each launched as the UI's launchpad does and run by the daemon on PostgreSQL; then
    the lake, the adapter and MLflow's store, a `pg_dump` of the instance's database and
    DAGSTER_HOME searched: no canary."""
    clusters = {"ops": {"task_clusters": {"config": {"min_cluster_share": 0.02}}}}
    _succeeded(service, _launch(service, "recluster", config=clusters), 300)
    for day in DAYS:
        _succeeded(service, _launch(service, "assign", partition=day), 300)
    lake = service.root / "lake"
    theirs = canary_request_ids(lake)
    assigned = pl.concat([pl.read_parquet(p) for p in lake.glob("task_assignments/day=*/assignments.parquet")])
    tasks = assigned.filter(pl.col("request_id").is_in(list(theirs)))["cluster_id"].value_counts(sort=True)
    task = next(t for t in tasks["cluster_id"] if t.startswith("task-"))  # the task most canary calls went to
    training = service.root / "training"
    training.mkdir()
    config = training_config(training)
    uri = config["ops"]["lora_adapters"]["config"]["mlflow_uri"]
    config["ops"]["task_datasets"] = {"config": {"min_examples": 1}}  # ready whatever its size
    config["ops"]["eval_reports"] = {"config": {"max_new_tokens": 32, "shots": 1, "mlflow_uri": uri}}
    _succeeded(service, _launch(service, "fine_tune", partition=task, config=config), 600)
    assert theirs & set(pl.concat([pl.read_parquet(p) for p in lake.glob(f"task_datasets/{task}/*/*.parquet")])[
        "request_id"])  # (the canary calls' scrubbed forms are training examples)  # fmt: skip
    adapters, tracked = files(lake / "lora_adapters"), files(training)
    assert any(p.suffix == ".safetensors" for p in adapters) and any(p.name == "mlflow.db" for p in tracked)
    assert hits(lake, skip=UNSCRUBBED) == {}  # datasets, adapters, reports included
    assert hits(training) == {}  # MLflow's runs, params and artifacts
    dump = subprocess.run(["pg_dump", "-h", PG["host"], "-U", PG["user"], "--data-only", service.db],
                          capture_output=True, timeout=120, check=True).stdout  # fmt: skip
    assert b"lora_adapters" in dump and [c for c in CANARIES if c.encode() in dump] == []
    assert hits(service.root / "dagster_home") == {}


def _tags(run: dict) -> dict[str, str]:
    return {t["key"]: t["value"] for t in run["tags"]}


def _add_day(service: Service, day: str, seed: int) -> None:
    more = service.root / f"more-{day}"
    generate(more, service.root / f"truth-{day}", records=400, days=1, seed=seed, start=date.fromisoformat(day))
    for path in more.iterdir():
        shutil.copy(path, service.root / "landing" / path.name)


def _holding_slot(service: Service, day: str) -> tuple[str, int] | None:
    """The run id and worker pid of the day's ingest run once it has started and holds its slot."""
    for run in service.runs():
        tags = _tags(run)
        if tags.get("dagster/partition") == day and run["status"] == "STARTED" and "flywheel/worker" in tags:
            return run["runId"], int(tags["flywheel/worker"].split("|")[2])
    return None


def _accounted(service: Service, day: str) -> str | None:
    checks = ("query($k: AssetKeyInput!, $c: String!, $p: String) { assetCheckExecutions(assetKey: $k, "
              "checkName: $c, partition: $p, limit: 20) { status } }")  # fmt: skip
    runs = service.graphql(checks, k={"path": ["raw_logs"]}, c="every_line_accounted_for", p=day)
    runs = runs["assetCheckExecutions"]
    return runs[0]["status"] if runs else None  # the latest


def _held_slots(service: Service) -> dict[str, int]:
    slots = service.graphql("{ instance { concurrencyLimits { concurrencyKey activeSlotCount } } }")
    return {p["concurrencyKey"]: p["activeSlotCount"] for p in slots["instance"]["concurrencyLimits"]}


def test_a_killed_run_is_failed_its_slot_freed_and_a_retry_completes(service: Service):
    """It adds a day. Its ingest run's worker process is killed with SIGKILL
    while it holds the `ingest` slot; the `dead_runs` sensor fails the run, the daemon's run
    retries launch it again, and the retry writes the day, whose accounting check passes."""
    day = "2026-11-03"
    _add_day(service, day, seed=9)
    run_id, pid = _wait(
        f"an ingest run of {day} holding its slot", lambda: _holding_slot(service, day), 300, service.logs
    )
    os.kill(pid, signal.SIGKILL)

    def retried() -> dict | None:
        runs = service.runs()
        killed = next(r for r in runs if r["runId"] == run_id)
        retries = [r for r in runs if _tags(r).get("dagster/parent_run_id") == run_id]
        done = killed["status"] == "FAILURE" and retries and retries[0]["status"] == "SUCCESS"
        return retries[0] if done else None

    retry = _wait("the killed run failed and a retry succeeded", retried, 420, service.logs)
    query = ("query($k: AssetKeyInput!) { assetOrError(assetKey: $k) { ... on Asset { "
             "assetMaterializations(limit: 50) { partition runId } } } }")  # fmt: skip
    found = service.graphql(query, k={"path": ["scrubbed_traces"]})["assetOrError"]["assetMaterializations"]
    assert {m["runId"] for m in found if m["partition"] == day} & {retry["runId"]}  # the retry wrote the day
    assert _accounted(service, day) == "SUCCEEDED"  # the retry's count of the day
    held = _held_slots(service)
    assert held.get("ingest", 0) == 0, held  # the killed run's slot was freed


def _versions_whole(lake: Path, day: str, leftovers: bool = True) -> list[str]:
    """Problems with the day's folders in the lake: a `day=` link to nothing, a table that does not
    read, or (`leftovers`) a version folder left behind that no link points to (a half-written one;
    once a day is rewritten, the version it replaced stays a while for its readers, see folders.py)."""
    import polars as pl

    problems = []
    for store in lake.rglob(".versions") if leftovers else []:
        linked = {p.resolve() for p in store.parent.glob(f"day={day}")}
        for version in store.glob(f"day={day}.v-*"):
            if version.is_dir() and version.resolve() not in linked:
                problems.append(f"{version.relative_to(lake)} left behind")
    for link in lake.rglob(f"day={day}"):
        if not link.exists():
            problems.append(f"{link.relative_to(lake)} points to nothing")
        for table in link.rglob("*.parquet"):
            try:
                pl.read_parquet(table)
            except Exception as err:  # noqa: BLE001 (any failure to read is the finding)
                problems.append(f"{table.relative_to(lake)}: {type(err).__name__}")
    return problems


def test_a_run_cancelled_from_the_ui_leaves_no_half_day_and_its_reexecution_completes(service: Service):
    """Last in this module: it adds a day. The UI's Terminate button (the `terminateRuns`
    mutation it sends, safe termination) on a day's ingest run while it works: the run ends
    CANCELED, is not retried, gives back its slot, and leaves no half-written folder; its
    re-execution (the UI's Re-execute, all steps) then collects the whole day."""
    day = "2026-11-04"
    _add_day(service, day, seed=11)
    run_id, _ = _wait(
        f"an ingest run of {day} holding its slot", lambda: _holding_slot(service, day), 300, service.logs
    )
    terminate = ("mutation($ids: [String!]!) { terminateRuns(runIds: $ids, terminatePolicy: SAFE_TERMINATE) { "
                 "__typename ... on TerminateRunsResult { terminateRunResults { __typename "
                 "... on TerminateRunFailure { message } } } ... on PythonError { message } } }")  # fmt: skip
    answer = service.graphql(terminate, ids=[run_id])["terminateRuns"]
    assert [r["__typename"] for r in answer["terminateRunResults"]] == ["TerminateRunSuccess"], answer
    assert _ended(service, run_id, 120) == "CANCELED"
    _wait("the cancelled run's slot given back", lambda: _held_slots(service).get("ingest", 0) == 0, 120,
          service.logs)  # fmt: skip
    assert _versions_whole(service.root / "lake", day) == []
    time.sleep(5)  # a daemon tick: a cancelled run is not retried
    assert not [r for r in service.runs() if _tags(r).get("dagster/parent_run_id") == run_id]
    reexecute = ("mutation($p: ReexecutionParams) { launchRunReexecution(reexecutionParams: $p) { __typename "
                 "... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }")  # fmt: skip
    launched = service.graphql(reexecute, p={"parentRunId": run_id, "strategy": "ALL_STEPS"})["launchRunReexecution"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    _succeeded(service, launched["run"]["runId"], 420)
    assert _accounted(service, day) == "SUCCEEDED"  # every line of the day accounted for
    assert _versions_whole(service.root / "lake", day, leftovers=False) == []
