import numpy as np

from flywheel.cluster.fit import FitParams, fit, predict


def _blobs(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    centres = np.eye(3, 32) * 3
    labels = rng.integers(0, 3, size=n)
    x = centres[labels] + rng.normal(scale=0.15, size=(n, 32))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), labels


def test_tasks_are_found_and_an_unlike_trace_stays_noise():
    rng = np.random.default_rng(0)
    x, truth = _blobs(rng, 600)
    outlier = np.zeros((1, 32), dtype=np.float32)
    outlier[0, 20] = 1  # orthogonal to every task
    vectors = np.vstack([x, outlier])
    result = fit(vectors, [str(i) for i in range(len(vectors))], FitParams(min_cluster_share=0.02))
    assert result.model.n_tasks == 3
    found = result.labels[:-1]
    for t in range(3):  # each true blob is one task, whole
        assert len(set(found[truth == t])) == 1
    assert result.labels[-1] == -1
    new, _ = _blobs(np.random.default_rng(1), 50)
    labels, strengths = predict(result.model, np.vstack([new, outlier]), [f"n{i}" for i in range(51)])
    assert labels[-1] == -1 and (labels[:-1] >= 0).all() and strengths.shape == (51,)
