"""S6 through Dagster: a task's adapter is evaluated in a child process through Pipes, the winner
becomes the MLflow champion with its evaluation nested under its training run, and a worse
adapter trained later fails the blocking regression check and leaves the champion in place.

The lake is on an object store (moto's S3 server on this machine) and every run starts with an
empty working copy, as a run pod would: the training and evaluation processes read the dataset
and the adapter from the store and put theirs back."""

from pathlib import Path

import dagster as dg
import pytest
from mlflow import MlflowClient
from peft import PeftModel

from flywheel.datasets.build import DATASETS
from flywheel.defs.cluster.partitions import task_cluster
from flywheel.defs.evaluate.assets import eval_reports
from flywheel.defs.evaluate.checks import no_regression_against_champion
from flywheel.defs.resources import LakeResource
from flywheel.defs.select.assets import slm_selection
from flywheel.defs.train.assets import lora_adapters
from flywheel.evaluate import promote
from flywheel.evaluate.report import current_report
from flywheel.folders import write_folder
from flywheel.lake import Lake
from flywheel.predict import Router
from flywheel.train.tracking import registered_name
from flywheel_tests.conftest import TUNED, s3_endpoint
from flywheel_tests.defs.tables import rows
from flywheel_tests.defs.test_train_graph import TASK, run_config
from flywheel_tests.tiny import CITIES, write_dataset


def config(tmp: Path, steps: int) -> dict:
    out = run_config(tmp)
    uri = out["ops"]["lora_adapters"]["config"]["mlflow_uri"]
    out["ops"]["lora_adapters"]["config"].update({k: TUNED[k] for k in ("rank", "alpha", "learning_rate")},
                                                 max_steps=steps, dropout=0.0)  # fmt: skip
    out["ops"]["eval_reports"] = {"config": {"max_new_tokens": 100, "shots": 2, "mlflow_uri": uri}}
    return out


@pytest.fixture(scope="module")
def two_trainings(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("evaluate")
    url = "s3://flywheel-test/lake"
    resources = {"lake": LakeResource(root=url), "pipes_client": dg.PipesSubprocessClient()}
    assets = [slm_selection, lora_adapters, eval_reports, no_regression_against_champion]
    with s3_endpoint(), pytest.MonkeyPatch.context() as patch, dg.instance_for_test() as instance:
        writer = Lake(url, tmp / "writer")
        write_folder(writer.root / DATASETS / TASK / "v1", lambda staging: write_dataset(staging, CITIES))
        writer.write_json(f"{DATASETS}/{TASK}/current.json", {"version": "v1", "ready": True, "examples": 8})
        instance.add_dynamic_partitions(task_cluster.name, [TASK])
        patch.setenv("FLYWHEEL_LAKE_WORKING_COPY", str(tmp / "run-1"))
        good = dg.materialize(assets, partition_key=TASK, instance=instance, resources=resources,
                              run_config=config(tmp, TUNED["max_steps"]))  # fmt: skip
        lake = Lake(url, tmp / "reader")
        first = current_report(lake, TASK)
        patch.setenv("FLYWHEEL_LAKE_WORKING_COPY", str(tmp / "run-2"))  # the champion's adapter is not here
        worse = dg.materialize(assets, partition_key=TASK, instance=instance, resources=resources,
                               run_config=config(tmp, 3), raise_on_error=False)  # fmt: skip
        second = current_report(lake, TASK)
        yield tmp, lake, good, first, worse, second


def test_a_good_adapter_is_evaluated_against_its_base_and_becomes_champion(two_trainings):
    tmp, lake, good, first, _, _ = two_trainings
    assert good.success
    scores = first["scores"]
    assert scores["fine_tuned"]["metrics"]["name_args"] >= 0.9 > scores["base"]["metrics"]["name_args"]
    assert scores["fine_tuned"]["metrics"]["valid_call"] > scores["in_context"]["metrics"]["valid_call"]
    assert first["promoted"] and first["champion_before"] is None and first["model_version"] == "1"
    # kept in the store, by its place in the lake: a process with another working copy finds it
    assert not Path(first["adapter"]).is_absolute() and (lake.fetch(first["adapter"]) / "adapter_config.json").is_file()
    # and `flywheel predict` serves the champion from a working copy of its own
    version, (model, _) = Router(Lake(lake.url, tmp / "serving"), f"sqlite:///{tmp / 'mlflow.db'}")._champion(TASK)
    assert version == "1" and isinstance(model, PeftModel)
    meta = {k: v.value for k, v in good.asset_materializations_for_node("eval_reports")[0].metadata.items()}
    assert meta["promoted"] is True and meta["model_version"] == "1"
    assert "base, zero-shot" in {r["model"] for r in rows(meta["scores"])}
    assert meta["chart"].startswith("![base, in-context")
    assert meta["lm_eval_command"].strip("`\n").startswith("lm_eval --model hf")
    [check] = good.get_asset_check_evaluations()
    assert check.passed
    uri = f"sqlite:///{tmp / 'mlflow.db'}"
    assert promote.alias(uri, TASK) == "1"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    evaluation = client.get_run(meta["mlflow_run_id"])
    trained = client.get_model_version(registered_name(TASK), "1")
    assert evaluation.data.tags["mlflow.parentRunId"] == trained.run_id  # nested under its training run
    assert evaluation.data.metrics["fine_tuned.name_args"] == scores["fine_tuned"]["metrics"]["name_args"]
    assert {a.path for a in client.list_artifacts(evaluation.info.run_id)} == {"scores.png"}
    assert trained.tags["eval.name_args"] == str(scores["fine_tuned"]["metrics"]["name_args"])


def test_a_worse_adapter_fails_the_regression_check_and_the_champion_stays(two_trainings):
    tmp, _, _, first, worse, second = two_trainings
    assert not worse.success  # the blocking check failed the run
    assert second["model_version"] == "2" and not second["promoted"] and second["regression"]
    assert second["champion_before"] == "1"
    assert second["champion_score"] == first["scores"]["fine_tuned"]["metrics"]["name_args"]
    assert any("regression" in r for r in second["reasons"])
    [check] = worse.get_asset_check_evaluations()
    assert not check.passed and check.metadata["champion"].value == "1"
    assert check.metadata["change"].value < 0
    assert promote.alias(f"sqlite:///{tmp / 'mlflow.db'}", TASK) == "1"
