"""Describe each task for a person: a c-TF-IDF label, its tools, size, share, examples, quality."""

from __future__ import annotations

from collections import Counter

import numpy as np
import polars as pl

from flywheel.cluster.fit import Fit

TOP_TERMS = 4
EXAMPLES = 3
DOCS_PER_TASK = 2000  # distinct requests read per task for its terms
SILHOUETTE_SAMPLE = 5000

TASKS = pl.Schema({"task": pl.Int64, "label": pl.String, "top_terms": pl.List(pl.String),
                   "dominant_tools": pl.String, "traces": pl.Int64, "share_of_traffic": pl.Float64,
                   "examples": pl.List(pl.String), "persistence": pl.Float64, "silhouette": pl.Float64,
                   "mean_strength": pl.Float64})  # fmt: skip


def ctfidf_terms(docs: list[list[str]], top: int = TOP_TERMS) -> list[list[str]]:
    """The top terms of each class (a list of its documents) by class-based TF-IDF (BERTopic's):
    a term's frequency in the class, weighted by log(1 + mean words per class / its frequency in all)."""
    from sklearn.feature_extraction.text import CountVectorizer

    joined = [" ".join(d) for d in docs]
    if not any(joined):
        return [[] for _ in docs]
    vec = CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b", ngram_range=(1, 1))
    counts = vec.fit_transform(joined).toarray().astype(np.float64)
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    idf = np.log(1 + counts.sum(axis=1).mean() / np.maximum(counts.sum(axis=0), 1))
    score = tf * idf
    terms = vec.get_feature_names_out()
    return [[str(terms[j]) for j in np.argsort(-row)[:top] if row[j] > 0] for row in score]


def _silhouettes(fit: Fit, seed: int) -> tuple[float, dict[int, float]]:
    from sklearn.metrics import silhouette_samples

    placed = np.flatnonzero(fit.labels >= 0)
    if len(np.unique(fit.labels[placed])) < 2:
        return float("nan"), {}
    rng = np.random.default_rng(seed)
    pick = rng.choice(placed, size=min(SILHOUETTE_SAMPLE, len(placed)), replace=False)
    values = silhouette_samples(fit.points[pick], fit.labels[pick])
    per = {int(t): float(values[fit.labels[pick] == t].mean()) for t in np.unique(fit.labels[pick])}
    return float(values.mean()), per


def describe(fit: Fit, requests: list[str], tools: list[list[str]], examples: list[str]) -> tuple[pl.DataFrame, dict]:
    """One row per task of the fit (by task index) and the clustering's overall metrics. `requests`
    are the signature texts (for the terms), `examples` the scrubbed requests (shown to people)."""
    n = len(fit.labels)
    by_task: dict[int, list[int]] = {}
    for i, t in enumerate(fit.labels.tolist()):
        by_task.setdefault(t, []).append(i)
    tasks = list(range(fit.model.n_tasks))
    docs = [list(dict.fromkeys(requests[i] for i in by_task.get(t, [])))[:DOCS_PER_TASK] for t in tasks]
    terms = ctfidf_terms(docs)
    fine_to_task = fit.model.fine_to_task
    persistence = fit.model.clusterer.cluster_persistence_
    overall_silhouette, silhouette = _silhouettes(fit, fit.model.params.seed)
    rows = []
    for t in tasks:
        members = by_task.get(t, [])
        counted = Counter(name for i in members for name in (tools[i] or ["(no tool)"]))
        top_tools = ", ".join(f"{name} {c / max(1, len(members)):.0%}" for name, c in counted.most_common(3))
        rows.append({"task": t, "label": " · ".join(terms[t][:3]) or "(no words)", "top_terms": terms[t],
                     "dominant_tools": top_tools, "traces": len(members), "share_of_traffic": len(members) / n,
                     "examples": list(dict.fromkeys(examples[i] for i in members[:200]))[:EXAMPLES],
                     "persistence": float(persistence[fine_to_task == t].max()) if len(persistence) else 0.0,
                     "silhouette": silhouette.get(t, float("nan")),
                     "mean_strength": float(fit.strengths[members].mean()) if members else 0.0})  # fmt: skip
    noise = len(by_task.get(-1, []))
    metrics = {"tasks": len(tasks), "traces": n, "noise_share": noise / max(1, n),
               "silhouette": overall_silhouette, **fit.metrics}  # fmt: skip
    return pl.DataFrame(rows, schema=TASKS), metrics
