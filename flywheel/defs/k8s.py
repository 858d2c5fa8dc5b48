"""Training and evaluation as Kubernetes pods of their own, started through Dagster Pipes.

With FLYWHEEL_K8S_CHILD_IMAGE set (the Helm values), the run's pod stays small and each training or
evaluation process is a pod from that image, on a GPU node when FLYWHEEL_K8S_GPU=1: it mounts the
lake's claim where the lake root is (the dataset is read and the adapter written there), takes its
settings (MLflow, object-store credentials) from the same secret as the code location, and its
progress and final metadata reach the run's log through the pod's logs (PipesK8sClient).
"""

from __future__ import annotations

import os

from flywheel import settings
from flywheel.remote import is_url

LAKE_VOLUME = "lake"


def child_pod_spec(lake_root: str) -> dict:
    """The base pod spec of a training or evaluation pod (snake_case, as dagster-k8s takes it).
    FLYWHEEL_K8S_LAKE_CLAIM (default flywheel-lake) is mounted at `lake_root` (none for a lake on
    an object store: the pod reads and writes it there);
    FLYWHEEL_K8S_ENV_SECRET (default flywheel-env) gives the environment;
    FLYWHEEL_K8S_CHILD_MEMORY (default 16Gi) is the container's memory limit."""
    gpu = settings.k8s_gpu_placement()
    limits = {"memory": os.environ.get("FLYWHEEL_K8S_CHILD_MEMORY", "16Gi"), **gpu.get("limits", {})}
    container = {
        "env_from": [{"secret_ref": {"name": os.environ.get("FLYWHEEL_K8S_ENV_SECRET", "flywheel-env")}}],
        "env": [{"name": "FLYWHEEL_LAKE_ROOT", "value": lake_root}],
        "volume_mounts": [{"name": LAKE_VOLUME, "mount_path": lake_root}],
        "resources": {"requests": {"cpu": "2", "memory": "4Gi"}, "limits": limits},
    }
    claim = os.environ.get("FLYWHEEL_K8S_LAKE_CLAIM", "flywheel-lake")
    spec = {"containers": [container], "restart_policy": "Never",
            "volumes": [{"name": LAKE_VOLUME, "persistent_volume_claim": {"claim_name": claim}}]}  # fmt: skip
    if is_url(lake_root):
        del container["volume_mounts"], spec["volumes"]
    if gpu:
        spec |= {"node_selector": gpu["node_selector"], "tolerations": gpu["tolerations"]}
    return spec


def child_client():
    """The Pipes client for training and evaluation pods (dagster-k8s, the `k8s` extra)."""
    from dagster_k8s import PipesK8sClient

    return PipesK8sClient()
