"""S4 selection and S5 fine-tuning through Dagster: the tiny model is chosen, trained in a child
process through Pipes, tracked and registered in a real MLflow store; a killed training registers
nothing and a rerun starts clean."""

import multiprocessing
import os
import signal
import time
from pathlib import Path

import dagster as dg
import mlflow
import pytest
import yaml
from mlflow import MlflowClient

from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.resources import LakeResource
from flywheel.defs.select.assets import slm_selection
from flywheel.defs.train.assets import lora_adapters
from flywheel.lake import Lake
from flywheel.select.catalog import CATALOG
from flywheel.train.adapters import current_adapter
from flywheel.train.entry import run
from flywheel.train.tracking import registered_name
from flywheel_tests.tiny import CITIES, write_dataset

TASK = "task-001"


def make_lake(root: Path, ready: bool = True, filler: str = "") -> Lake:
    lake = Lake(root / "lake")
    write_dataset(lake.root / DATASETS / TASK / "v1", CITIES, filler)
    lake.write_json(f"{DATASETS}/{TASK}/current.json", {"version": "v1", "ready": ready, "examples": 8})
    return lake


def run_config(tmp: Path) -> dict:
    models = yaml.safe_load(CATALOG.read_text())["models"]
    catalog = tmp / "catalog.yaml"
    catalog.write_text(yaml.safe_dump({"models": [m for m in models if m["id"] == "tiny-gemma"]}))
    return {"ops": {
        "slm_selection": {"config": {"catalog": str(catalog), "models_dir": str(tmp / "models"),
                                     "include_test_models": True, "score_examples": 0}},
        "lora_adapters": {"config": {"rank": 8, "alpha": 16, "max_steps": 12, "learning_rate": 0.02,
                                     "max_length": 512, "mlflow_uri": f"sqlite:///{tmp / 'mlflow.db'}"}},
    }}  # fmt: skip


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("train")
    lake = make_lake(tmp)
    resources = {"lake": LakeResource(root=str(lake.root)), "pipes_client": dg.PipesSubprocessClient()}
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(task_cluster.name, [TASK])
        result = dg.materialize([slm_selection, lora_adapters], partition_key=TASK, instance=instance,
                                resources=resources, run_config=run_config(tmp))  # fmt: skip
        logs = [e.message for e in instance.all_logs(result.run_id) if e.message]
    return tmp, lake, result, logs


def test_the_adapter_is_trained_through_pipes_and_its_progress_reaches_the_run_log(trained):
    _, lake, result, logs = trained
    assert result.success
    meta = {k: v.value for k, v in result.asset_materializations_for_node("lora_adapters")[0].metadata.items()}
    assert meta["base_model"] == "tiny-gemma" and meta["dataset_version"] == "v1" and meta["steps"] == 12
    assert meta["eval_loss_after"] < meta["eval_loss_before"]
    assert any(m.startswith("step 12/12: loss") for m in logs)
    assert current_adapter(lake, TASK)["adapter"] == meta["adapter"]
    assert (Path(meta["adapter"]) / "adapter_model.safetensors").is_file()


def test_the_training_is_an_mlflow_run_and_a_registered_version(trained):
    tmp, _, result, _ = trained
    meta = {k: v.value for k, v in result.asset_materializations_for_node("lora_adapters")[0].metadata.items()}
    mlflow.set_tracking_uri(f"sqlite:///{tmp / 'mlflow.db'}")
    client = MlflowClient()
    mlrun = client.get_run(meta["mlflow_run_id"])
    assert mlrun.info.status == "FINISHED"
    assert mlrun.data.tags["dagster_run_id"] == result.run_id and mlrun.data.params["base_model"] == "tiny-gemma"
    assert mlrun.data.params["dataset_version"] == "v1" and mlrun.data.params["rank"] == "8"
    assert len(client.get_metric_history(mlrun.info.run_id, "train_loss")) == 12
    assert "adapter/adapter_config.json" in {f.path for f in client.list_artifacts(mlrun.info.run_id, "adapter")}
    versions = client.search_model_versions(f"name='{registered_name(TASK)}'")
    assert [(str(v.version), v.run_id) for v in versions] == [("1", mlrun.info.run_id)]


def test_a_task_that_is_not_ready_is_not_trained(tmp_path: Path):
    lake = make_lake(tmp_path, ready=False)
    resources = {"lake": LakeResource(root=str(lake.root)), "pipes_client": dg.PipesSubprocessClient()}
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(task_cluster.name, [TASK])
        result = dg.materialize([lora_adapters], partition_key=TASK, instance=instance, resources=resources,
                                run_config={"ops": {"lora_adapters": run_config(tmp_path)["ops"]["lora_adapters"]}},
                                raise_on_error=False)  # fmt: skip
    failure = result.get_step_failure_events()[0].step_failure_data.user_failure_data
    assert "task-001 is not ready to train: 8 clean examples" in failure.description


def _train_forever(extras: dict, marker: str) -> None:
    run(extras, log=lambda line: None, on_step=lambda line: Path(marker).write_text(str(line["step"])))


def test_a_killed_training_registers_nothing_and_a_rerun_starts_clean(tmp_path: Path, tiny_model: Path,
                                                                      tiny_dataset: Path):  # fmt: skip
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    out = tmp_path / "lake" / "lora_adapters" / TASK / "v1-tiny"
    config = {"rank": 4, "alpha": 8, "max_steps": 100000, "max_length": 512, "learning_rate": 0.01}
    extras = {"task_id": TASK, "model_dir": str(tiny_model), "base_model": "tiny-gemma",
              "dataset_dir": str(tiny_dataset), "dataset_version": "v1", "out_dir": str(out), "mlflow_uri": uri,
              "config": config}  # fmt: skip
    marker = tmp_path / "stepped"
    child = multiprocessing.get_context("spawn").Process(target=_train_forever, args=(extras, str(marker)))
    child.start()
    deadline = time.monotonic() + 120
    while not marker.exists() and time.monotonic() < deadline and child.is_alive():
        time.sleep(0.2)
    assert marker.exists(), "the training never took a step"
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    mlflow.set_tracking_uri(uri)
    client = MlflowClient()
    assert client.search_model_versions(f"name='{registered_name(TASK)}'") == []
    assert not out.exists()
    killed = client.search_runs([client.get_experiment_by_name("flywheel-fine-tuning").experiment_id])
    assert [r.info.status for r in killed] == ["RUNNING"]  # never finished, never registered
    meta = run({**extras, "config": {**extras["config"], "max_steps": 3}}, log=lambda line: None)
    assert meta["model_version"] == "1" and (out / "adapter_config.json").is_file()
    assert not list(out.parent.glob(".*staging*"))


def test_a_crash_in_the_training_process_fails_the_task_with_its_cause(tmp_path: Path):
    lake = make_lake(tmp_path)
    resources = {"lake": LakeResource(root=str(lake.root)), "pipes_client": dg.PipesSubprocessClient()}
    config = run_config(tmp_path)
    config["ops"]["lora_adapters"]["config"]["rank"] = 0  # PEFT refuses a rank of 0 inside the child
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(task_cluster.name, [TASK])
        result = dg.materialize([slm_selection, lora_adapters], partition_key=TASK, instance=instance,
                                resources=resources, run_config=config, raise_on_error=False)  # fmt: skip
    failure = result.get_step_failure_events()[0].step_failure_data.user_failure_data
    assert failure.description.startswith("task-001: the training process failed (External execution process failed")
    assert "Nothing was registered" in failure.description
    assert current_adapter(lake, TASK) is None
    assert not list((lake.root / "lora_adapters").glob(f"{TASK}/*"))


def test_a_training_that_runs_out_of_memory_fails_the_task_with_that_cause(tmp_path: Path, monkeypatch):
    """A real allocation refused: the training process is capped at 1.2 GiB of data
    (FLYWHEEL_CHILD_MEMORY_MB; its libraries take about 0.6 GiB) and given batches of eight
    1,700-token questions to a model with 16 attention heads, whose attention scores alone take
    most of a GiB a layer in bf16, twice that in fp32. The task fails saying so, and nothing is registered."""
    lake = make_lake(tmp_path, filler=" Please tell me everything about it." * 35)  # ~1,700 byte tokens
    resources = {"lake": LakeResource(root=str(lake.root)), "pipes_client": dg.PipesSubprocessClient()}
    config = run_config(tmp_path)
    catalog = Path(config["ops"]["slm_selection"]["config"]["catalog"])
    entries = yaml.safe_load(catalog.read_text())
    entries["models"][0]["source"]["tiny"]["num_attention_heads"] = 16
    catalog.write_text(yaml.safe_dump(entries))
    config["ops"]["lora_adapters"]["config"].update(max_length=2048, batch_size=8)
    monkeypatch.setenv("FLYWHEEL_CHILD_MEMORY_MB", "1200")
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(task_cluster.name, [TASK])
        result = dg.materialize([slm_selection, lora_adapters], partition_key=TASK, instance=instance,
                                resources=resources, run_config=config, raise_on_error=False)  # fmt: skip
        logs = [e.message for e in instance.all_logs(result.run_id) if e.message]
    failure = result.get_step_failure_events()[0].step_failure_data.user_failure_data
    assert failure.description.startswith("task-001: the training process failed (it ran out of memory "
                                          "(its limit FLYWHEEL_CHILD_MEMORY_MB=1200)); lower batch_size")  # fmt: skip
    assert "Nothing was registered" in failure.description
    assert any(m.startswith("out of memory (") for m in logs)
    assert current_adapter(lake, TASK) is None
    assert not list((lake.root / "lora_adapters").glob(f"{TASK}/*"))
