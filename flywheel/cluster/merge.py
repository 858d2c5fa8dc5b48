"""From HDBSCAN's clusters to tasks: merge the phrasings of a task, place what HDBSCAN left out.

Plain numpy on the trace vectors (the original embedding, not UMAP's layout): cosine distances
between unit centroids decide, so the thresholds mean the same whatever UMAP drew.
"""

from __future__ import annotations

import numpy as np

SAME_TASK_BEFORE, OTHER_TASK_BEFORE = 0.5, 1.5  # distance factors from the previous clustering


def owners(fine: np.ndarray, k: int, prior: np.ndarray) -> np.ndarray:
    """Per fine cluster, the previous task (an integer code) most of its traces had, else -1."""
    owners = np.full(k, -1, dtype=np.int64)
    for c in range(k):
        codes = prior[(fine == c) & (prior >= 0)]
        if len(codes):
            values, counts = np.unique(codes, return_counts=True)
            if counts.max() * 2 > len(codes):
                owners[c] = values[counts.argmax()]
    return owners


def merge_map(phrasings: np.ndarray, fine: np.ndarray, distance: float, prior: np.ndarray | None = None) -> np.ndarray:
    """Task index per fine cluster: clusters whose centroids (`phrasings`) are closer than
    `distance` (average linkage) merge. `prior` (per row of `fine`, a code of its previous task,
    -1 for none) makes earlier groupings sticky."""
    k = len(phrasings)
    if k <= 1:
        return np.zeros(k, dtype=np.int64)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = np.clip(1 - phrasings @ phrasings.T, 0, None)
    if prior is not None:
        o = owners(fine, k, prior)
        known = (o[:, None] >= 0) & (o[None, :] >= 0)
        same = known & (o[:, None] == o[None, :])
        dist = np.where(same, dist * SAME_TASK_BEFORE, np.where(known, dist * OTHER_TASK_BEFORE, dist))
    groups = fcluster(linkage(squareform(dist, checks=False), "average"), distance, "distance") - 1
    # number tasks by their first fine cluster, so the order is stable for the same input
    order = {g: i for i, g in enumerate(dict.fromkeys(groups.tolist()))}
    return np.array([order[g] for g in groups.tolist()], dtype=np.int64)


def centroids(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """The unit centroid of each label 0..k-1 (rows labelled -1 count for none)."""
    out = np.stack([vectors[labels == t].mean(axis=0) for t in range(k)]) if k else np.zeros((0, vectors.shape[1]))
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def nearest_task(rows: np.ndarray, model_centroids: np.ndarray, owners: np.ndarray, distance: float) -> np.ndarray:
    """Per row, the task (`owners` of the centroid) of the nearest centroid within `distance`, else -1."""
    if not len(rows) or not len(model_centroids):
        return np.full(len(rows), -1, dtype=np.int64)
    sims = (rows / np.linalg.norm(rows, axis=1, keepdims=True)) @ model_centroids.T
    best = sims.argmax(axis=1)
    return np.where(1 - sims[np.arange(len(rows)), best] <= distance, owners[best], -1)


def reject(vectors: np.ndarray, labels: np.ndarray, centroids: np.ndarray, distance: float) -> np.ndarray:
    """Labels with rows farther than `distance` from their task's centroid set to noise."""
    placed = np.flatnonzero(labels >= 0)
    if not len(placed):
        return labels
    sims = np.einsum("ij,ij->i", vectors[placed], centroids[labels[placed]])
    sims /= np.linalg.norm(vectors[placed], axis=1)
    out = labels.copy()
    out[placed[1 - sims > distance]] = -1
    return out
