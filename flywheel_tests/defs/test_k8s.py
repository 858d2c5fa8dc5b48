"""Training and evaluation as pods of their own (FLYWHEEL_K8S_CHILD_IMAGE): the pod that dagster-k8s
builds from Flywheel's spec, the choice of client, and the error when no cluster answers. No
Kubernetes runs here: the pod is built by dagster-k8s's own `build_pod_body`, as PipesK8sClient does."""

import dagster as dg
import pytest
from dagster_k8s import PipesK8sClient
from dagster_k8s.pipes import build_pod_body

from flywheel import settings
from flywheel.defs.k8s import child_pod_spec
from flywheel.defs.pipes import run_in_child
from flywheel.defs.resources import resources

IMAGE = "registry.example.com/flywheel:1.0"


@pytest.fixture
def k8s_env(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FLYWHEEL_K8S_CHILD_IMAGE", IMAGE)
    monkeypatch.setenv("FLYWHEEL_K8S_GPU", "1")
    for var in ("FLYWHEEL_K8S_LAKE_CLAIM", "FLYWHEEL_K8S_ENV_SECRET", "FLYWHEEL_K8S_GPU_NODE_SELECTOR"):
        monkeypatch.delenv(var, raising=False)


def test_with_an_image_set_the_children_run_as_pods_and_the_gpu_moves_to_them(k8s_env, monkeypatch):
    assert isinstance(resources().resources["pipes_client"], PipesK8sClient)
    assert settings.k8s_training_config() == {}  # the run's own pod asks for no GPU: the training pod does
    monkeypatch.delenv("FLYWHEEL_K8S_CHILD_IMAGE")
    assert isinstance(resources().resources["pipes_client"], dg.PipesSubprocessClient)
    assert settings.k8s_training_config()["container_config"]["resources"]["limits"] == {"nvidia.com/gpu": 1}


def test_the_training_pod_mounts_the_lake_takes_the_secret_and_a_gpu_node(k8s_env):
    pod = build_pod_body("dagster-run-abc-lora-adapters", IMAGE, ["python", "-m", "flywheel.train.entry"],
                         {"DAGSTER_PIPES_CONTEXT": "x"}, None, child_pod_spec("/data/lake"))  # fmt: skip
    [container] = pod.spec.containers
    assert container.image == IMAGE and container.command == ["python", "-m", "flywheel.train.entry"]
    assert container.resources.limits["nvidia.com/gpu"] == "1" and container.resources.limits["memory"] == "16Gi"
    [mount] = container.volume_mounts
    [volume] = pod.spec.volumes
    assert mount.mount_path == "/data/lake" and mount.name == volume.name
    assert volume.persistent_volume_claim.claim_name == "flywheel-lake"
    assert container.env_from[0].secret_ref.name == "flywheel-env"  # MLflow's URI, object-store credentials
    env = {e.name: e.value for e in container.env}
    assert env["FLYWHEEL_LAKE_ROOT"] == "/data/lake" and env["DAGSTER_PIPES_CONTEXT"] == "x"
    assert pod.spec.node_selector == {"nvidia.com/gpu.present": "true"}
    assert pod.spec.tolerations[0].key == "nvidia.com/gpu" and pod.spec.restart_policy == "Never"


def test_with_the_lake_on_an_object_store_the_pod_mounts_no_volume(k8s_env):
    pod = build_pod_body("p", IMAGE, ["python"], {}, None, child_pod_spec("s3://bucket/lake"))
    [container] = pod.spec.containers
    assert not container.volume_mounts and not pod.spec.volumes  # it reads and writes the store (see remote.py)
    assert {e.name: e.value for e in container.env}["FLYWHEEL_LAKE_ROOT"] == "s3://bucket/lake"
    assert container.env_from[0].secret_ref.name == "flywheel-env"  # the store's credentials


def test_without_a_gpu_the_pod_goes_to_any_node(k8s_env, monkeypatch):
    monkeypatch.delenv("FLYWHEEL_K8S_GPU")
    pod = build_pod_body("p", IMAGE, ["python"], {}, None, child_pod_spec("/data/lake"))
    assert "nvidia.com/gpu" not in pod.spec.containers[0].resources.limits
    assert pod.spec.node_selector is None and pod.spec.tolerations is None


def test_a_cluster_that_cannot_be_reached_fails_the_task_with_its_cause(k8s_env, monkeypatch, tmp_path):
    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "no-kubeconfig"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    context = dg.build_asset_context(partition_key="task-001")
    with pytest.raises(dg.Failure) as failed:
        run_in_child(PipesK8sClient(), context, "flywheel.train.entry", {"task_id": "task-001"}, "training",
                     "Nothing was registered.", "/data/lake")  # fmt: skip
    text = failed.value.description
    assert text.startswith("task-001: the training pod failed (ConfigException") and "Nothing was registered." in text
