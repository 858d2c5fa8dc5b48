"""Shared fixtures: a small generated sample with its ground truth."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from flywheel.sample.generator import generate
from flywheel.select.catalog import load_catalog, resolve
from flywheel_tests.tiny import CITIES, write_dataset

# The day partitions start where the logs start (settings.partitions_start), which differs between a
# fresh checkout and a developer's folder; the suite's definitions load once per process, so they
# start on a fixed day, before every sample (test_history tests the default).
os.environ.setdefault("FLYWHEEL_START_DATE", "2025-01-01")

SAMPLE_START = date(2026, 11, 1)
SAMPLE_DAYS = 3


@dataclass
class Sample:
    landing: Path
    truth: Path

    @property
    def lines(self) -> pl.DataFrame:
        return pl.read_parquet(self.truth / "lines.parquet")

    @property
    def pii(self) -> pl.DataFrame:
        return pl.read_parquet(self.truth / "pii.parquet")

    @property
    def days(self) -> list[str]:
        return sorted({d.isoformat() for d in self.lines["day"]})


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """1,500 lines over three days (one gzipped), generated once per test session."""
    root = tmp_path_factory.mktemp("sample")
    generate(root / "landing", root / "truth", records=1500, days=SAMPLE_DAYS, seed=7, start=SAMPLE_START)
    return Sample(root / "landing", root / "truth")


def make_record(**overrides: object) -> dict:
    """A minimal valid log record; keyword arguments replace top-level fields."""
    record = {
        "request_id": "req-1",
        "timestamp": "2026-11-02T10:00:00Z",
        "workload_id": "support-agent",
        "client_id": "web",
        "request": {
            "model": "gpt-4o",
            "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Where is ORD-1?"}],
            "tools": [{"type": "function", "function": {"name": "get_order_status", "parameters": {"type": "object"}}}],
        },
        "response": {
            "choices": [
                {
                    "message": {
                        "role": "assistant",
                        "content": None,
                        "tool_calls": [
                            {
                                "id": "c1",
                                "type": "function",
                                "function": {"name": "get_order_status", "arguments": '{"order_id": "ORD-1"}'},
                            }
                        ],
                    },
                    "finish_reason": "tool_calls",
                }
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60},
        },
        "latency_ms": 420.5,
    }
    record.update(overrides)
    return record


@pytest.fixture(scope="session")
def scrubber():
    """The repository's policy with the real Presidio analyzer and spaCy model (loaded once)."""
    from flywheel.scrub.engine import Scrubber
    from flywheel.scrub.policy import load_policy

    return Scrubber(load_policy())


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entry = next(e for e in load_catalog() if e.id == "tiny-gemma")
    return resolve(entry, tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight weather questions, the same in every split: a set to overfit."""
    return write_dataset(tmp_path_factory.mktemp("dataset") / "v1", CITIES)


# Enough steps at a high rate for the tiny model to learn its eight weather calls by heart (all
# eight right, measured): a fine-tuned adapter that beats its random base, in about 9 s.
TUNED = {"rank": 16, "alpha": 32, "dropout": 0.0, "max_steps": 500, "learning_rate": 2e-2, "max_length": 512,
         "batch_size": 4}


@pytest.fixture(scope="session")
def tiny_adapter(tmp_path_factory: pytest.TempPathFactory, tiny_model: Path, tiny_dataset: Path) -> Path:
    from flywheel.train.lora import TrainConfig, train

    out = tmp_path_factory.mktemp("tuned") / "adapter"
    return train(tiny_model, tiny_dataset, out, TrainConfig(**TUNED), log=lambda _: None).adapter


@contextlib.contextmanager
def s3_endpoint():
    """A bucket `flywheel-test` on an S3 endpoint served over HTTP on this machine (moto's server, in
    a process of its own as a real store would be), reached by s3fs as it reaches AWS: credentials
    and endpoint from the environment."""
    pytest.importorskip("moto.server")
    s3fs = pytest.importorskip("s3fs")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    env = {"AWS_ACCESS_KEY_ID": "flywheel", "AWS_SECRET_ACCESS_KEY": "flywheel", "AWS_DEFAULT_REGION": "us-east-1",
           "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}"}  # fmt: skip
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
                break
            except OSError:
                assert server.poll() is None, "moto's server did not start"
                time.sleep(0.1)
        with pytest.MonkeyPatch.context() as patch:
            for var, value in env.items():
                patch.setenv(var, value)
            s3fs.S3FileSystem.clear_instance_cache()
            fs = s3fs.S3FileSystem()
            fs.mkdir("flywheel-test")
            yield fs
            s3fs.S3FileSystem.clear_instance_cache()
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def s3_bucket():
    with s3_endpoint() as fs:
        yield fs
