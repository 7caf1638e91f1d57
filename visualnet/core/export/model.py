"""A trained model: the network, what it applies to raw inputs, and what it was trained on.

``Model.predict(X_raw)`` is everything a saved model promises: X_raw: (n_x, m) with examples as
columns, unnormalized; the preprocessor adds the feature transforms and applies (x − μ)/σ with
the training split's μ and σ, then the network returns A[L] at evaluation (no dropout, running
batch-norm statistics).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from visualnet.core.data.preprocess import FEATURES, Preprocessor
from visualnet.core.network import Network


@dataclass
class Model:
    """A network with its preprocessor and ``metadata``, a JSON-ready dict.

    The app and CLI keep e.g. ``{"experiment": {...}, "task": ..., "class_names": [...]}``.
    ValueError if the preprocessor's output does not fit the network's input.
    """

    network: Network
    preprocessor: Preprocessor = field(default_factory=lambda: Preprocessor([]))
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        problem = mismatch(self.network, self.preprocessor)
        if problem:
            raise ValueError(problem)

    @property
    def input_dim(self) -> int:
        """Rows of the raw X that ``predict`` takes (before feature transforms)."""
        return self.network.input_dim - len(self.preprocessor.features)

    def predict(self, X_raw: np.ndarray) -> np.ndarray:
        """A[L]: (n[L], m) for raw X: (n_x, m), examples as columns."""
        X_raw = np.asarray(X_raw)
        if X_raw.ndim != 2 or X_raw.shape[0] != self.input_dim:
            raise ValueError(
                f"X must have shape ({self.input_dim}, m) with examples as columns, "
                f"got {X_raw.shape}"
            )
        return self.network.predict(self.preprocessor.apply(X_raw))


def mismatch(network: Network, preprocessor: Preprocessor) -> str | None:
    """Why ``preprocessor``'s output cannot feed ``network``, or None if it can."""
    n = network.input_dim
    features = preprocessor.features
    unknown = [name for name in features if name not in FEATURES]
    if unknown:
        return f"unknown feature transform(s) {unknown}; known: {', '.join(FEATURES)}"
    if features and n != 2 + len(features):
        return (
            f"the feature transforms {features} make {2 + len(features)} inputs from 2, "
            f"but the network takes {n}"
        )
    for name, values in (("mean", preprocessor.mean), ("var", preprocessor.var)):
        if values is not None and np.shape(values) != (n, 1):
            return f"normalization {name} has shape {np.shape(values)}, the network needs ({n}, 1)"
    if (preprocessor.mean is None) != (preprocessor.var is None):
        return "normalization needs both mean and var, or neither"
    if preprocessor.var is not None:
        mean, var = preprocessor.mean, preprocessor.var
        if not (np.isfinite(mean).all() and np.isfinite(var).all() and (var >= 0).all()):
            return "normalization mean must be finite, and var finite and ≥ 0"
    return None
