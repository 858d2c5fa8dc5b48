"""When `enough_new_usage` re-clusters, on a lake holding only the manifests it reads."""

import polars as pl

from flywheel.cluster.pipeline import ASSIGNMENTS, CLUSTERS
from flywheel.cluster.trigger import Thresholds, decide
from flywheel.lake import Lake
from flywheel.scrub.pipeline import SCRUBBED

EMPTY = {"t": pl.DataFrame({"x": [1]})}


def _lake(tmp_path, scrubbed: dict[str, int], assigned: dict[str, tuple[int, int]] | None = None) -> Lake:
    lake = Lake(tmp_path)
    for day, n in scrubbed.items():
        lake.write_partition(SCRUBBED, day, EMPTY, {"traces": n})
    if assigned is not None:
        lake.write_json(f"{CLUSTERS}/current.json", {"version": "v0001"})
        lake.write_json(f"{CLUSTERS}/v0001/fit.json", {"version": "v0001", "days": ["2026-11-01"],
                                                        "scrubbed_traces_at_fit": 1000})  # fmt: skip
        for day, (n, noise) in assigned.items():
            lake.write_partition(ASSIGNMENTS, day, EMPTY, {"version": "v0001", "traces": n, "noise": noise})
    return lake


def test_first_clustering_waits_for_enough_traffic(tmp_path):
    d = decide(_lake(tmp_path, {"2026-11-01": 300}), Thresholds(first=500))
    assert not d.run and "200 more" in d.reason
    d = decide(_lake(tmp_path, {"2026-11-01": 300, "2026-11-02": 300}), Thresholds(first=500))
    assert d.run and d.key == "first-600"


def test_growth_triggers_and_the_skip_says_how_far(tmp_path):
    lake = _lake(tmp_path, {"2026-11-01": 1000, "2026-11-02": 150}, {"2026-11-02": (150, 3)})
    d = decide(lake, Thresholds(growth=0.2))
    assert not d.run
    assert "150 new scrubbed traces since clustering v0001 (+15.0%" in d.reason and "50 more" in d.reason
    lake.write_partition(SCRUBBED, "2026-11-03", EMPTY, {"traces": 60})
    d = decide(lake, Thresholds(growth=0.2))
    assert d.run and d.key == "v0001-1210" and d.state["new"] == 210


def test_noise_drift_triggers_before_growth(tmp_path):
    lake = _lake(tmp_path, {"2026-11-01": 1000, "2026-11-02": 150}, {"2026-11-02": (150, 40)})
    d = decide(lake, Thresholds(growth=0.2, noise=0.15))
    assert d.run and "26.7% of the 150 traces assigned since clustering v0001 are noise" in d.reason
