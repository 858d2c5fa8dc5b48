"""`flywheel demo` converts the catalog's packaged models ahead of need: which entries, and a run
of the preparing process on a catalog whose packaged model cannot be made (it reports, it does not
hang or raise)."""

import yaml

from flywheel.select import prepare
from flywheel.select.catalog import CATALOG


def test_the_packaged_entries_are_the_ones_converted_ahead(tmp_path):
    assert [e.id for e in prepare.packaged(CATALOG)] == ["gemma-3-270m"]
    tiny_only = tmp_path / "catalog.yaml"
    tiny_only.write_text(yaml.safe_dump({"models": [
        {"id": "tiny", "params_m": 0.1, "context": 64, "licence": "none", "tools": "template",
         "memory_gb": {"lora": 0.1}, "source": {"tiny": {"hidden_size": 8}}}]}))  # fmt: skip
    assert prepare.packaged(tiny_only) == []
    assert prepare.start(tmp_path / "models", tiny_only) is None  # nothing to convert: no process


def test_the_preparing_process_reports_a_model_it_cannot_make(tmp_path):
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump({"models": [
        {"id": "other", "params_m": 1, "context": 64, "licence": "none", "tools": "template",
         "memory_gb": {"lora": 0.1}, "source": {"package": "not-a-known-package"}}]}))  # fmt: skip
    process = prepare.start(tmp_path / "models", catalog)
    assert process is not None and process.wait(timeout=120) == 1
    assert not (tmp_path / "models" / "other").exists()
