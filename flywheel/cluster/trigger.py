"""When to re-cluster: enough new scrubbed traffic since the last clustering, or too much of the
newly assigned traffic landing in noise (the tasks have drifted away from the fitted model)."""

from __future__ import annotations

from dataclasses import dataclass

from flywheel.cluster.ids import NOISE
from flywheel.cluster.pipeline import ASSIGNMENTS, EMBEDDINGS, current, scrubbed_total
from flywheel.lake import Lake

MIN_ASSIGNED_FOR_DRIFT = 100  # fewer new traces than this say nothing about drift


@dataclass(frozen=True)
class Thresholds:
    growth: float = 0.2  # new scrubbed traces, as a share of those the live clustering saw
    noise: float = 0.15  # share of traces assigned since the clustering that fell into noise
    first: int = 500  # scrubbed traces before the first clustering


@dataclass(frozen=True)
class Decision:
    run: bool
    reason: str
    key: str  # names the state that triggered a run, so one state requests one run
    state: dict


def decide(lake: Lake, limits: Thresholds) -> Decision:
    total = scrubbed_total(lake)
    info = current(lake)
    if info is None:
        state = {"version": None, "scrubbed": total}
        if total >= limits.first:
            return Decision(True, f"{total:,} scrubbed traces and no clustering yet: clustering them.",
                            f"first-{total}", state)  # fmt: skip
        return Decision(False, f"No clustering yet: {total:,} scrubbed traces of the {limits.first:,} it waits "
                        f"for ({limits.first - total:,} more).", "", state)  # fmt: skip
    version, at_fit = info["version"], info["scrubbed_traces_at_fit"]
    new = max(0, total - at_fit)
    growth = new / max(1, at_fit)
    assigned = noise = 0
    fitted = set(info["days"])
    for day in lake.days(ASSIGNMENTS):
        m = lake.manifest(ASSIGNMENTS, day) or {}
        if day.isoformat() not in fitted and m.get("version") == version:
            assigned += m.get("traces", 0)
            noise += m.get("noise", 0)
    noise_share = noise / assigned if assigned else 0.0
    state = {"version": version, "scrubbed": total, "new": new, "assigned": assigned, "noise": noise}
    key = f"{version}-{total}"
    if growth >= limits.growth:
        return Decision(True, f"{new:,} new scrubbed traces since clustering {version} (+{growth:.0%}, "
                        f"threshold {limits.growth:.0%}): re-clustering.", key, state)  # fmt: skip
    if assigned >= MIN_ASSIGNED_FOR_DRIFT and noise_share > limits.noise:
        return Decision(True, f"{noise_share:.1%} of the {assigned:,} traces assigned since clustering {version} "
                        f"are {NOISE} (limit {limits.noise:.0%}): re-clustering.", key, state)  # fmt: skip
    needed = max(0, int(limits.growth * at_fit + 0.999) - new)
    return Decision(False, f"{new:,} new scrubbed traces since clustering {version} (+{growth:.1%}; re-clusters "
                    f"at +{limits.growth:.0%}, {needed:,} more). Noise among the {assigned:,} traces assigned since: "
                    f"{noise_share:.1%} (limit {limits.noise:.0%}).", "", state)  # fmt: skip


def stale_assignments(lake: Lake) -> tuple[str | None, list[str]]:
    """The live clustering's version and the embedded days whose `task_assignments` were written
    under another one (or none): after a re-clustering, every day until it is re-assigned."""
    info = current(lake)
    if info is None:
        return None, []
    version = info["version"]
    days = [d for d in lake.days(EMBEDDINGS) if (lake.manifest(ASSIGNMENTS, d) or {}).get("version") != version]
    return version, [d.isoformat() for d in days]
