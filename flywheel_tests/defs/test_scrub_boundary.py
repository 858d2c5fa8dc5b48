"""Nothing after the scrub step reads what came before it: `raw_logs` and `quarantine` hold the
unscrubbed lines, and every asset downstream of `scrubbed_traces` must work from scrubbed data."""

import ast
from pathlib import Path

import dagster as dg

from flywheel.definitions import defs
from flywheel.ingest.pipeline import QUARANTINE, RAW_LOGS
from flywheel.scrub.pipeline import SCRUBBED

FLYWHEEL = Path(__file__).resolve().parents[2] / "flywheel"
UNSCRUBBED = {RAW_LOGS, QUARANTINE}
# the code of the steps after scrubbing: their Dagster wrappers and the domain modules they call
AFTER_SCRUB = ["cluster", "datasets", "select", "train", "evaluate", "defs/cluster", "defs/datasets", "defs/select",
               "defs/train", "defs/evaluate", "predict.py", "demo.py", "pipes_child.py"]  # fmt: skip


def test_no_asset_after_the_scrub_step_depends_on_unscrubbed_data():
    graph = defs().resolve_asset_graph()
    after = graph.get(dg.AssetKey(SCRUBBED)).child_keys
    downstream: set[dg.AssetKey] = set()
    while after:
        key = after.pop()
        if key not in downstream:
            downstream.add(key)
            after |= set(graph.get(key).child_keys)
    assert len(downstream) >= 6  # embeddings, clusters, assignments, datasets, adapters, reports, ...
    for key in downstream:
        parents = {k.to_user_string() for k in graph.get(key).parent_keys}
        assert not parents & UNSCRUBBED, (key, parents)
    assert dg.AssetKey(RAW_LOGS) in graph.get(dg.AssetKey(SCRUBBED)).parent_keys  # (the scrub step itself does)


def _reads_unscrubbed(path: Path) -> list[str]:
    """Where a module names the unscrubbed tables: the constants imported, or their names as strings."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module == "flywheel.ingest.pipeline":
            found += [f"imports {a.name}" for a in node.names if a.name in ("RAW_LOGS", "QUARANTINE")]
        elif isinstance(node, ast.Constant) and node.value in UNSCRUBBED:
            found.append(f"the string {node.value!r} on line {node.lineno}")
    return found


def test_the_code_after_the_scrub_step_never_names_the_unscrubbed_tables():
    files = [p for part in AFTER_SCRUB for p in ([FLYWHEEL / part] if part.endswith(".py")
                                                 else (FLYWHEEL / part).rglob("*.py"))]  # fmt: skip
    assert len(files) > 20
    offending = {str(p.relative_to(FLYWHEEL)): hits for p in files if (hits := _reads_unscrubbed(p))}
    assert offending == {}
    # the check itself finds a module that does (the scrub step reads raw logs, as it must)
    assert _reads_unscrubbed(FLYWHEEL / "defs" / "scrub" / "assets.py")
