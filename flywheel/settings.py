"""Defaults for where Flywheel keeps things, each overridable by an environment variable.

Relative paths are resolved against the working directory, so a fresh clone keeps everything
under `./.flywheel/` (ignored by git).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from flywheel.remote import is_url

HOME_DIR = ".flywheel"


def _path(var: str, default: str) -> str:
    return str(Path(os.environ.get(var, default)).expanduser().resolve())


def lake_root() -> str:
    """FLYWHEEL_LAKE_ROOT: where the Parquet lake lives (default ./.flywheel/lake): a folder, or an
    object-store URL (s3://bucket/prefix with s3fs installed; gs://, az:// with gcsfs, adlfs)."""
    root = os.environ.get("FLYWHEEL_LAKE_ROOT", "")
    return root if is_url(root) else _path("FLYWHEEL_LAKE_ROOT", f"{HOME_DIR}/lake")


def lake_working_copy(url: str) -> str:
    """FLYWHEEL_LAKE_WORKING_COPY: the local folder that mirrors a lake on an object store; default
    a temporary folder of this process's own, removed when it exits (the store holds the lake, and
    nothing read from it outlives the process: an erased client's data included)."""
    if os.environ.get("FLYWHEEL_LAKE_WORKING_COPY"):
        return _path("FLYWHEEL_LAKE_WORKING_COPY", "")
    if url not in _WORKING_COPIES:
        _WORKING_COPIES[url] = tempfile.mkdtemp(prefix="flywheel-lake-")
        atexit.register(_remove_own, _WORKING_COPIES[url], os.getpid())
    return _WORKING_COPIES[url]


def _remove_own(folder: str, pid: int) -> None:
    if os.getpid() == pid:  # not in a forked child that inherited the registration
        shutil.rmtree(folder, ignore_errors=True)


_WORKING_COPIES: dict[str, str] = {}


def embedding_cache() -> str:
    """FLYWHEEL_EMBEDDING_CACHE: a folder or an fsspec URL (s3://bucket/prefix, with s3fs installed)
    for the embedding cache; empty: the lake's `_embedding_cache` folder."""
    return os.environ.get("FLYWHEEL_EMBEDDING_CACHE", "")


def landing_dir() -> str:
    """FLYWHEEL_LANDING_DIR: the folder your gateway's JSONL logs land in (default ./.flywheel/landing)."""
    return _path("FLYWHEEL_LANDING_DIR", f"{HOME_DIR}/landing")


def partitions_start() -> str:
    """The first day partition, YYYY-MM-DD: FLYWHEEL_START_DATE when set; otherwise the first day
    the logs hold (collected ones and the first line of each new landing file), at most
    FLYWHEEL_HISTORY_DAYS (default 365) before today; with no logs yet, a week before today. So the
    partition bar in the Dagster UI starts with the user's history."""
    if os.environ.get("FLYWHEEL_START_DATE"):
        return os.environ["FLYWHEEL_START_DATE"]
    from datetime import UTC, datetime, timedelta

    from flywheel.ingest.history import first_log_day

    today = datetime.now(UTC).date()
    first = first_log_day(landing_dir(), lake_root())
    earliest = today - timedelta(days=int(os.environ.get("FLYWHEEL_HISTORY_DAYS", 365)))
    return max(first or today - timedelta(days=7), earliest).isoformat()


def scrub_workers() -> int:
    """FLYWHEEL_SCRUB_WORKERS: processes that analyse text in a scrub run (default: all cores)."""
    return int(os.environ.get("FLYWHEEL_SCRUB_WORKERS", os.cpu_count() or 1))


def recluster_thresholds() -> tuple[float, float, int]:
    """FLYWHEEL_RECLUSTER_GROWTH (default 0.2: +20% scrubbed traces since the last clustering),
    FLYWHEEL_RECLUSTER_NOISE (default 0.15: share of newly assigned traces in noise) and
    FLYWHEEL_FIRST_CLUSTERING (default 500 scrubbed traces): when `enough_new_usage` re-clusters."""
    return (
        float(os.environ.get("FLYWHEEL_RECLUSTER_GROWTH", 0.2)),
        float(os.environ.get("FLYWHEEL_RECLUSTER_NOISE", 0.15)),
        int(os.environ.get("FLYWHEEL_FIRST_CLUSTERING", 500)),
    )


def models_dir() -> str:
    """Where base models are converted or built once (FLYWHEEL_MODELS_DIR, else ./.flywheel/models)."""
    return _path("FLYWHEEL_MODELS_DIR", f"{HOME_DIR}/models")


def mlflow_uri() -> str:
    """MLflow's tracking URI: MLFLOW_TRACKING_URI, else a SQLite store under ./.flywheel/mlflow."""
    uri = os.environ.get("MLFLOW_TRACKING_URI")
    if uri:
        return uri
    folder = Path(_path("FLYWHEEL_MLFLOW_DIR", f"{HOME_DIR}/mlflow"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'mlflow.db'}"


def max_line_bytes() -> int:
    """FLYWHEEL_MAX_LINE_BYTES: the longest landing line read (default 16 MiB); a longer one is
    quarantined with its length, never held in memory whole."""
    return int(os.environ.get("FLYWHEEL_MAX_LINE_BYTES", 16 * 2**20))


def max_pool_wait() -> float:
    """How long (seconds) a run started by `flywheel demo` or `fine-tune` waits for a pool slot
    another run holds before it gives up (FLYWHEEL_MAX_POOL_WAIT, default an hour)."""
    return float(os.environ.get("FLYWHEEL_MAX_POOL_WAIT", 3600))


def settle_seconds() -> float:
    """How long (seconds) the landing sensor leaves alone a file whose last line is unfinished, as
    while a shipper is still writing it (FLYWHEEL_SETTLE_SECONDS, default 600); after that the file
    is collected and the unfinished line quarantined."""
    return float(os.environ.get("FLYWHEEL_SETTLE_SECONDS", 600))


def ingest_max_runtime() -> int:
    """The longest an `ingest` run launched by the daemon may take, waiting for its pool slot
    included, before run monitoring fails it (FLYWHEEL_INGEST_MAX_RUNTIME seconds, default 6 h)."""
    return int(os.environ.get("FLYWHEEL_INGEST_MAX_RUNTIME", 6 * 3600))


def child_memory_mb() -> int:
    """FLYWHEEL_CHILD_MEMORY_MB: the most memory a training or evaluation process may take, in MiB
    of data (its heap and its tensors on the CPU; not GPU memory, not the libraries' code). Past it
    the process fails and the task says it ran out of memory, where otherwise the kernel's
    out-of-memory killer would pick a process of its own choosing on a shared machine. 0 (the
    default): no limit of Flywheel's own."""
    return int(os.environ.get("FLYWHEEL_CHILD_MEMORY_MB", 0))


def k8s_child_image() -> str:
    """FLYWHEEL_K8S_CHILD_IMAGE: the image (the code location's, deploy/Dockerfile) in which training
    and evaluation run as Kubernetes pods of their own, started through Dagster Pipes; unset: they
    run as a subprocess of the run's process."""
    return os.environ.get("FLYWHEEL_K8S_CHILD_IMAGE", "")


def k8s_gpu_placement() -> dict:
    """With FLYWHEEL_K8S_GPU=1: one `nvidia.com/gpu`, a GPU node (FLYWHEEL_K8S_GPU_NODE_SELECTOR,
    key=value, default nvidia.com/gpu.present=true) and its `nvidia.com/gpu` taint tolerated, as
    {"limits", "node_selector", "tolerations"}; else {}."""
    if os.environ.get("FLYWHEEL_K8S_GPU") != "1":
        return {}
    key, _, value = os.environ.get("FLYWHEEL_K8S_GPU_NODE_SELECTOR", "nvidia.com/gpu.present=true").partition("=")
    taint = {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}
    return {"limits": {"nvidia.com/gpu": 1}, "node_selector": {key: value}, "tolerations": [taint]}


def k8s_training_config() -> dict:
    """The `dagster-k8s/config` tag of training runs under the K8sRunLauncher (the Helm values): the
    run's own pod gets the GPU (`k8s_gpu_placement`), unless training and evaluation run in pods of
    their own (`k8s_child_image`), which then get it instead. Any other launcher ignores the tag."""
    gpu = k8s_gpu_placement()
    if not gpu or k8s_child_image():
        return {}
    return {"container_config": {"resources": {"limits": gpu["limits"]}},
            "pod_spec_config": {"node_selector": gpu["node_selector"], "tolerations": gpu["tolerations"]}}  # fmt: skip
