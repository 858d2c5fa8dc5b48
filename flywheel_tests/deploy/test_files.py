"""The deployment files agree with each other and with the code: what can be checked here without
a Docker engine or a Kubernetes cluster (the compose file by a compose client's `config` where one
is installed; the instance config by Dagster itself in test_service.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from flywheel import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _load(name: str) -> dict:
    return yaml.safe_load((DEPLOY / name).read_text())


def test_every_dagster_process_in_compose_gets_the_storage_the_instance_reads():
    wanted = set(re.findall(r"\{env: (\w+)\}", (DEPLOY / "dagster.yaml").read_text()))
    assert {"DAGSTER_POSTGRES_HOST", "DAGSTER_POSTGRES_DB"} <= wanted
    services = _load("docker-compose.yml")["services"]
    for name in ("flywheel", "webserver", "daemon"):
        assert wanted <= set(services[name]["environment"]), name
    for name in ("webserver", "daemon"):
        assert "/opt/dagster/workspace.yaml" in services[name]["command"]
    workspace = _load("workspace.yaml")["load_from"][0]["grpc_server"]
    assert workspace == {"host": "flywheel", "port": 4000, "location_name": "flywheel"}
    docker = (DEPLOY / "Dockerfile").read_text()
    assert "COPY deploy/workspace.yaml /opt/dagster/workspace.yaml" in docker
    assert "COPY deploy/dagster.yaml /opt/dagster/dagster_home/dagster.yaml" in docker
    assert '"-p", "4000"' in docker and "torch==2.13.0" in docker  # the gRPC port compose expects; torch pinned


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="no compose client (apt-get install docker-compose)")
def test_a_compose_client_accepts_the_file():
    done = subprocess.run(["docker-compose", "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_helm_values_match_the_instance():
    values, instance = _load("helm/values.yaml"), _load("dagster.yaml")
    [deployment] = values["dagster-user-deployments"]["deployments"]
    assert deployment["dagsterApiGrpcArgs"][:2] == ["-m", "flywheel.definitions"]
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    queue = values["dagsterDaemon"]["runCoordinator"]["config"]["queuedRunCoordinator"]
    assert queue["maxConcurrentRuns"] == instance["concurrency"]["runs"]["max_concurrent_runs"]
    assert values["dagsterDaemon"]["runMonitoring"]["enabled"] and values["dagsterDaemon"]["runRetries"]["enabled"]
    retries = instance["run_retries"]
    assert values["dagsterDaemon"]["runRetries"]["maxRetries"] == retries["max_retries"]
    assert values["dagsterDaemon"]["runRetries"]["retryOnAssetOrOpFailure"] == retries["retry_on_asset_or_op_failure"]
    # pools: without a default limit a pool is unlimited, and days would be ingested side by side
    pools = values["concurrency"]["pools"]
    assert (
        (pools["defaultLimit"], pools["granularity"])
        == (1, "op")
        == (instance["concurrency"]["pools"]["default_limit"], instance["concurrency"]["pools"]["granularity"])
    )


def test_every_run_pod_shares_the_lake_and_the_landing_folder():
    """K8sRunLauncher starts each run in a pod of its own: the lake must be one volume they all mount
    (a claim, not the pod's own disk), where FLYWHEEL_LAKE_ROOT points."""
    [deployment] = _load("helm/values.yaml")["dagster-user-deployments"]["deployments"]
    assert deployment["includeConfigInLaunchedRuns"]["enabled"]
    env = {e["name"]: e["value"] for e in deployment["env"]}
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"] for v in deployment["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in deployment["volumeMounts"]}
    for var in ("FLYWHEEL_LAKE_ROOT", "FLYWHEEL_LANDING_DIR"):
        assert env[var] in mounts and mounts[env[var]] in claims, var


def test_run_pods_may_start_watch_and_remove_the_training_pods():
    role, binding = yaml.safe_load_all((DEPLOY / "helm" / "pipes-rbac.yaml").read_text())
    granted = {(r, v) for rule in role["rules"] for r in rule["resources"] for v in rule["verbs"]}
    assert {("pods", "create"), ("pods", "delete"), ("pods", "watch"), ("pods/log", "get")} <= granted
    assert binding["roleRef"]["name"] == role["metadata"]["name"]


def test_training_runs_ask_kubernetes_for_a_gpu_only_when_told(monkeypatch):
    monkeypatch.delenv("FLYWHEEL_K8S_CHILD_IMAGE", raising=False)
    monkeypatch.delenv("FLYWHEEL_K8S_GPU", raising=False)
    assert settings.k8s_training_config() == {}
    monkeypatch.setenv("FLYWHEEL_K8S_GPU", "1")
    config = settings.k8s_training_config()
    assert config["container_config"]["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert config["pod_spec_config"]["node_selector"] == {"nvidia.com/gpu.present": "true"}
