"""Small hand-made data sets for training-loop tests (independent of the data pipeline)."""

import numpy as np

from visualnet.core.data.prepared import PreparedData, Split
from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.experiment import Experiment


def planar_binary(m=300, seed=0, noise=0.3, flip=0.0) -> PreparedData:
    """Two Gaussian clouds in the plane, split 60/20/20; ``flip`` mislabels a fraction."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, m)
    X = np.where(labels, 1.0, -1.0) * np.ones((2, 1)) + rng.normal(0, noise, (2, m))
    flipped = rng.random(m) < flip
    labels = np.where(flipped, 1 - labels, labels)
    a, b = int(0.6 * m), int(0.8 * m)
    pre = Preprocessor.fit(X[:, :a], [])

    def split(lo, hi):
        return Split(pre.apply(X[:, lo:hi]), labels[None, lo:hi].astype(float), X[:, lo:hi],
                     labels[lo:hi])

    return PreparedData(split(0, a), split(a, b), split(b, m), pre, "binary", ["0", "1"],
                        ["x₁", "x₂"])


def regression(m=100, seed=0) -> PreparedData:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (1, m))
    Y = 3 * X + 0.1 * rng.normal(size=(1, m))
    pre = Preprocessor.fit(X, [], normalize=False)
    empty = Split(np.empty((1, 0)), np.empty((1, 0)), np.empty((1, 0)), None)
    return PreparedData(Split(X, Y, X, None), empty, empty, pre, "regression", [], ["x"])


def experiment(layers=None, **training) -> Experiment:
    """An experiment with the given layers and training fields (dotted sub-fields as dicts)."""
    data = {"network": {"layers": layers or [
        {"type": "dense", "units": 8}, {"type": "relu"},
        {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]}}
    data["training"] = training
    return Experiment.model_validate(data)
