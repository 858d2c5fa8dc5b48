"""Fit the task model: UMAP, then HDBSCAN, then a merge of near-identical clusters into tasks.

- UMAP (cosine, 5 dimensions) runs on the distinct signatures only: a thousand calls with the
  same signature are one point, so it costs what the variety costs. HDBSCAN then sees each
  distinct point as many times as it was called, up to half the minimum cluster size: density
  follows the traffic (a busy request asked in five phrasings is a task), yet one signature
  alone is never a cluster (each phrasing would be one, and the merge below would have to
  guess). The minimum cluster size is `min_cluster_share` of the distinct signatures, at least
  `min_cluster_floor`. Traces it cannot place are noise, kept as their own label: they stay
  with the LLM.
- HDBSCAN finds the phrasings of a task as separate dense islands. Clusters whose centroids (in
  the original embedding) lie within `merge_distance` (cosine, average linkage) are merged into
  one task, as BERTopic's topic reduction does. The fitted model keeps the fine-cluster-to-task
  map, so new traces are assigned with `umap.transform` and `hdbscan.approximate_predict`,
  without a refit.
- A re-clustering is told each trace's previous task. Two clusters whose traces were mostly in the
  same task count as half as far apart, two from different tasks as half again as far: a task
  splits or two merge only on clear evidence, not on a borderline distance that new traffic
  nudged (on the sample, phrasings of one task sat up to 0.4 apart, two tasks of one agent 0.35).
- A signature HDBSCAN leaves as noise joins the task of the nearest cluster centroid within
  `merge_distance` of it: a busy request with few phrasings (five ways to ask "where is my
  order") is too few points for a cluster of its own, yet plainly that task. What is farther
  from every task stays noise. And the other way: UMAP lays a lone, unlike request next to its
  nearest neighbours, so a trace more than twice `merge_distance` from its task's centroid is
  noise, whatever HDBSCAN said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from flywheel.cluster.merge import centroids, merge_map, nearest_task, reject


@dataclass(frozen=True)
class FitParams:
    n_neighbors: int = 15
    n_components: int = 5
    min_cluster_share: float = 0.002  # of the distinct signatures
    min_cluster_floor: int = 5
    min_samples: int = 3
    merge_distance: float = 0.3  # cosine; two tasks of one agent (weather, flights) came within 0.35
    seed: int = 42

    def min_cluster_size(self, n_distinct: int) -> int:
        return max(self.min_cluster_floor, round(self.min_cluster_share * n_distinct))

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class TaskModel:
    """What assigns a new trace to a task: the fitted UMAP, HDBSCAN and fine-to-task map."""

    reducer: object
    clusterer: object
    fine_to_task: np.ndarray
    params: FitParams
    n_tasks: int
    known: dict[str, tuple[int, float]]  # signature key -> (task, strength) as fitted
    centroids: np.ndarray  # unit centroid of each task in the embedding
    phrasings: np.ndarray  # unit centroid of each HDBSCAN cluster (a phrasing of a task)


@dataclass
class Fit:
    model: TaskModel
    labels: np.ndarray  # task index per trace, -1 for noise
    strengths: np.ndarray  # HDBSCAN membership probability per trace
    points: np.ndarray  # the UMAP coordinates of each trace
    metrics: dict = field(default_factory=dict)


def _distinct(keys: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The distinct keys (sorted: the fit does not depend on the order of the traces, which follows
    their pseudonymised ids), the row of each one's first trace, and per trace its distinct index."""
    index = {k: i for i, k in enumerate(sorted(set(keys)))}
    inverse = np.fromiter((index[k] for k in keys), dtype=np.int64, count=len(keys))
    first = np.full(len(index), -1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(keys) - 1, -1, -1)
    return list(index), first, inverse


def fit(vectors: np.ndarray, keys: Sequence[str], params: FitParams | None = None,
        previous: Sequence[str | None] | None = None) -> Fit:  # fmt: skip
    """Fit the task model on the trace vectors (rows; `keys` names each one's signature) and
    label every trace. `previous` holds each trace's task id in the live clustering, if any."""
    import hdbscan
    import umap

    params = params or FitParams()
    n = len(vectors)
    names, first, inverse = _distinct(keys)
    distinct = vectors[first]
    if len(distinct) <= params.n_neighbors + 1:
        raise ValueError(f"too little variety to cluster: {len(distinct)} distinct signatures in {n} traces")
    reducer = umap.UMAP(n_components=params.n_components, n_neighbors=params.n_neighbors, min_dist=0.0,
                        metric="cosine", random_state=params.seed, n_jobs=1)  # fmt: skip
    embedded = reducer.fit_transform(distinct)
    size = params.min_cluster_size(len(distinct))
    repeats = np.minimum(np.bincount(inverse, minlength=len(distinct)), max(1, size // 2))
    clusterer = hdbscan.HDBSCAN(min_cluster_size=size, min_samples=params.min_samples, prediction_data=True,
                                gen_min_span_tree=True)  # fmt: skip
    clusterer.fit(np.repeat(embedded, repeats, axis=0))
    at = np.cumsum(repeats) - repeats  # each distinct point's first copy
    fine = clusterer.labels_[at]
    prior = None
    if previous is not None:
        codes: dict[str, int] = {}
        per_trace = np.array([codes.setdefault(p, len(codes)) if p else -1 for p in previous], dtype=np.int64)
        prior = per_trace[first]
    phrasings = centroids(distinct, fine, int(fine.max()) + 1)
    to_task = merge_map(phrasings, fine, params.merge_distance, prior)
    per_key = np.where(fine >= 0, to_task[np.maximum(fine, 0)], -1) if len(to_task) else np.full(len(names), -1)
    n_tasks = int(to_task.max()) + 1 if len(to_task) else 0
    task_centroids = centroids(distinct, per_key, n_tasks)
    per_key = reject(distinct, per_key, task_centroids, 2 * params.merge_distance)
    noise = per_key < 0
    per_key[noise] = nearest_task(distinct[noise], phrasings, to_task, params.merge_distance)
    key_strength = clusterer.probabilities_[at].astype(np.float32)
    known = {k: (int(t), float(p)) for k, t, p in zip(names, per_key, key_strength, strict=True)}
    model = TaskModel(reducer, clusterer, to_task, params, n_tasks, known, task_centroids, phrasings)
    metrics = {"fine_clusters": int(fine.max()) + 1, "dbcv": float(clusterer.relative_validity_)}
    return Fit(model, per_key[inverse], key_strength[inverse], embedded.astype(np.float32)[inverse], metrics)


def predict(model: TaskModel, vectors: np.ndarray, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(task index or -1, strength) per trace, without a refit. A signature seen in the fit keeps
    its fitted label (UMAP's transform moves even a training point a little, and HDBSCAN's
    approximate prediction then calls some of them noise); a new one goes through the fitted
    `umap.transform` and `hdbscan.approximate_predict`."""
    import hdbscan

    names, first, inverse = _distinct(keys)
    labels = np.full(len(names), -1, dtype=np.int64)
    strengths = np.zeros(len(names), dtype=np.float32)
    new = []
    for i, name in enumerate(names):
        if name in model.known:
            labels[i], strengths[i] = model.known[name]
        else:
            new.append(i)
    if new:
        rows = vectors[first[new]]
        fine, strength = hdbscan.approximate_predict(model.clusterer, model.reducer.transform(rows))
        found = np.where(fine >= 0, model.fine_to_task[np.maximum(fine, 0)], -1)
        near = nearest_task(rows, model.phrasings, model.fine_to_task, model.params.merge_distance)
        # UMAP's out-of-sample placement lays a request unlike every task beside its nearest
        # neighbours, and HDBSCAN then names their task: a label stands only where the nearest
        # fitted phrasing in the embedding agrees. Noise near a phrasing joins it; a disagreement
        # stays noise (with the LLM, and counted by the drift sensor).
        labels[new] = np.where((found == near) | (found < 0), near, -1)
        strengths[new] = strength
    return labels[inverse], strengths[inverse]
