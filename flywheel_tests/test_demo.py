"""The whole flywheel as a new user runs it, on the tiny model: `flywheel demo` collects, scrubs,
clusters, then fine-tunes, evaluates and promotes the two largest tasks through Dagster and prints
the summary; `flywheel predict` routes requests to a champion or to the LLM; `flywheel rollback`."""

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from flywheel.cli import main
from flywheel.datasets.build import current_dataset, read_split
from flywheel.evaluate import promote
from flywheel.evaluate.report import current_report
from flywheel.lake import Lake
from flywheel.select.catalog import CATALOG
from flywheel_tests.fake_llm import serve

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("project")
    shutil.copy(REPO / "dagster.yaml", root / "dagster.yaml")
    models = yaml.safe_load(CATALOG.read_text())["models"]
    # the tiny model's tokenizer is byte-level: the sample's conversations are a few thousand tokens long
    tiny = [{**m, "tests_only": False, "context": 8192} for m in models if m["id"] == "tiny-gemma"]
    tiny[0]["source"]["tiny"]["max_position_embeddings"] = 8192
    (root / "catalog.yaml").write_text(yaml.safe_dump({"models": tiny}))
    patch = pytest.MonkeyPatch()
    patch.chdir(root)
    # (mlflow.set_tracking_uri in earlier tests also sets MLFLOW_TRACKING_URI)
    env = ("DAGSTER_HOME", "FLYWHEEL_LAKE_ROOT", "FLYWHEEL_LANDING_DIR", "FLYWHEEL_LLM_URL", "MLFLOW_TRACKING_URI")
    for var in env:
        patch.delenv(var, raising=False)
    printed, errors = io.StringIO(), root / "stderr.txt"
    with contextlib.redirect_stdout(printed), _fd2_to(errors):  # the training and evaluation processes' too
        code = main(["demo", "--records", "1500", "--tasks", "2", "--max-steps", "20", "--eval-limit", "6",
                     "--max-length", "8192", "--catalog", str(root / "catalog.yaml")])  # fmt: skip
    yield root, code, printed.getvalue() + errors.read_text(errors="replace")
    patch.undo()


@contextlib.contextmanager
def _fd2_to(path: Path):
    saved = os.dup(2)
    with open(path, "w") as target:
        os.dup2(target.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _request(lake: Lake, task: str) -> dict:
    version = current_dataset(lake, task)["version"]
    row = read_split(lake, task, version, "test").row(0, named=True)
    return {"model": "gpt-4o", "messages": json.loads(row["messages"])[:-1], "tools": json.loads(row["tools"])}


def test_the_demo_trains_evaluates_and_summarises_the_two_largest_tasks(project):
    root, code, out = project
    assert code == 0, out
    lake = Lake(root / ".flywheel" / "lake")
    trained = [t for t in sorted(p.name for p in (lake.root / "eval_reports").iterdir())]
    assert len(trained) == 2
    for task in trained:
        report = current_report(lake, task)
        assert report["base_model"] == "tiny-gemma" and report["model_version"] == "1"
        assert set(report["scores"]) == {"base", "in_context", "fine_tuned"}
        assert report["scores"]["fine_tuned"]["examples"] == 6  # --eval-limit
        assert report["costs"]["llm_per_1000"] > report["costs"]["slm_per_1000"] > 0
        assert f"  {task}  ok" in out
    # the long steps show their progress where the demo runs, not only in the Dagster UI
    assert len(re.findall(r"  step (\d+)/\1: loss ", out)) == 2  # each training's last step
    assert out.count(": evaluating adapter version 1") == 2
    header = next(line for line in out.splitlines() if line.startswith("task "))
    assert header.split() == ["task", "label", "examples", "metric", "base", "in-context", "fine-tuned", "promoted",
                              "SLM", "$/1k", "LLM", "$/1k", "traffic", "taken"]  # fmt: skip
    assert "Champions answer" in out and "DAGSTER_HOME=$PWD dg dev" in out


def test_predict_routes_to_a_champion_and_everything_else_to_the_llm(project, capsys, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    root = project[0]
    monkeypatch.chdir(root)
    lake = Lake(root / ".flywheel" / "lake")
    uri = f"sqlite:///{root / '.flywheel' / 'mlflow' / 'mlflow.db'}"
    champion, other = sorted(p.name for p in (lake.root / "eval_reports").iterdir())
    if promote.alias(uri, champion) is None:  # the tiny model rarely passes the gate: promote it by hand
        promote.promote(uri, champion, "1", ["promoted by the test"])
    if promote.alias(uri, other) is not None:
        shutil.rmtree(lake.root / "eval_reports" / other)  # (not expected) keep one task without a champion
    requests = tmp_path / "requests.jsonl"
    requests.write_text("\n".join(json.dumps(_request(lake, t)) for t in (champion, other)) + "\n")
    capsys.readouterr()
    assert main(["predict", str(requests), "--max-new-tokens", "16"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["routed"] == f"slm:{champion}" and first["object"] == "chat.completion"
    assert first["choices"][0]["message"]["role"] == "assistant" and first["usage"]["completion_tokens"] <= 16
    assert first["model"] == f"flywheel-{champion}:1" and first["latency_ms"] > 0
    assert second["routed"] == "llm" and second["task"] == other
    assert "no LLM endpoint is configured" in second["error"]["message"]

    (tmp_path / "one.json").write_text(json.dumps(_request(lake, other)))
    with serve(lambda body: "from the LLM") as (url, seen):  # an OpenAI-compatible endpoint that answers in text
        monkeypatch.setenv("FLYWHEEL_LLM_URL", url)
        assert main(["predict", str(tmp_path / "one.json")]) == 0
    forwarded = json.loads(capsys.readouterr().out)
    assert forwarded["routed"] == "llm" and forwarded["choices"][0]["message"]["content"] == "from the LLM"
    assert seen[0][0] == "/v1/chat/completions" and seen[0][2]["messages"] == _request(lake, other)["messages"]


def test_predict_rejects_malformed_requests_by_line_without_echoing_them(project, capsys, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    root = project[0]
    monkeypatch.chdir(root)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": "Call Jane Roe at 555-0100"}\nnot json at all\n{"messages": [{"content": "x"}]}\n')
    assert main(["predict", str(bad)]) == 2
    lines = [json.loads(line)["error"]["message"] for line in capsys.readouterr().out.splitlines()]
    assert lines == ["malformed request: request 1: the request needs a non-empty `messages` list",
                     "malformed request: request 2: line 2 is not JSON",
                     "malformed request: request 3: messages[0] needs a `role` of system, developer, user, "
                     "assistant or tool"]  # fmt: skip


def test_rollback_restores_the_previous_champion_or_says_why_it_cannot(project, capsys,
                                                                       monkeypatch: pytest.MonkeyPatch):  # fmt: skip
    root = project[0]
    monkeypatch.chdir(root)
    uri = f"sqlite:///{root / '.flywheel' / 'mlflow' / 'mlflow.db'}"
    task = sorted(p.name for p in (root / ".flywheel" / "lake" / "eval_reports").iterdir())[1]
    assert main(["rollback", task]) == 1
    assert f"Cannot roll back: {task} has no previous champion" in capsys.readouterr().out
    promote.promote(uri, task, "1", ["test"])
    adapter = root / "fake"
    adapter.mkdir(exist_ok=True)
    from flywheel.train import tracking

    tracking.start_run(uri, task, {}, {})
    _, version = tracking.finish_run(task, {}, [], adapter)
    promote.promote(uri, task, version, ["test"])
    assert main(["rollback", task]) == 0
    assert f"{task}: champion is version 1 again (version {version} rolled back)" in capsys.readouterr().out
    assert promote.alias(uri, task) == "1"
