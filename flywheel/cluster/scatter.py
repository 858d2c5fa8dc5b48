"""A 2-D picture of the clustering for the Dagster UI: UMAP of a sample of traces, one colour per task."""

from __future__ import annotations

import io

import numpy as np

SAMPLE = 4000


def scatter_png(points: np.ndarray, ids: list[str], names: dict[str, str] | None = None, seed: int = 42) -> bytes:
    """PNG bytes of a 2-D UMAP (cosine, 30 neighbours) of the trace vectors `points`, coloured by
    task id (noise grey), the legend naming each task by `names`. The fit's own 5-D layout is
    drawn from the distinct phrasings and scatters each task into islands; the trace vectors
    keep a task's phrasings together, as the merge step sees them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import umap

    rng = np.random.default_rng(seed)
    pick = rng.choice(len(points), size=min(SAMPLE, len(points)), replace=False)
    # traces with one signature share a point: lay out the distinct points, then place each trace
    distinct, inverse = np.unique(points[pick], axis=0, return_inverse=True)
    flat = umap.UMAP(
        n_components=2, n_neighbors=30, min_dist=0.1, metric="cosine", random_state=seed, n_jobs=1
    ).fit_transform(distinct)[inverse.ravel()]
    labels = np.array(ids, dtype=object)[pick]
    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=90)
    cmap = plt.get_cmap("tab20")
    for k, key in enumerate(sorted(set(labels) - {"noise"})):
        at = labels == key
        ax.scatter(flat[at, 0], flat[at, 1], s=4, color=cmap(k % 20), label=f"{key} {(names or {}).get(key, '')}")
    at = labels == "noise"
    if at.any():
        ax.scatter(flat[at, 0], flat[at, 1], s=3, color="#bbbbbb", label="noise")
    ax.set_xticks([]), ax.set_yticks([])
    ax.set_title(f"Tasks in {len(points):,} traces (UMAP, {len(pick):,} shown)")
    ax.legend(markerscale=3, fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5), frameon=False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
