"""What every model applies to raw inputs: feature transforms, then input normalization.

Feature transforms (2-D inputs, as in TensorFlow Playground) append, in this order, any of
    x1_squared = x₁²,  x2_squared = x₂²,  x1_x2 = x₁·x₂,  sin_x1 = sin x₁,  sin_x2 = sin x₂
to the rows x₁, x₂. Normalization uses μ and σ² fitted on the training split only:
    x_norm = (x − μ) / σ,  σ = √σ²  (σ taken as 1 where σ² = 0, a constant feature).
The same μ and σ² are applied unchanged to dev, test and any new data, and are saved with the
model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FEATURES = {
    "x1_squared": ("x₁²", lambda x: x[0] ** 2),
    "x2_squared": ("x₂²", lambda x: x[1] ** 2),
    "x1_x2": ("x₁·x₂", lambda x: x[0] * x[1]),
    "sin_x1": ("sin x₁", lambda x: np.sin(x[0])),
    "sin_x2": ("sin x₂", lambda x: np.sin(x[1])),
}


def add_features(X: np.ndarray, features: list[str]) -> np.ndarray:
    """X: (2, m) → (2 + len(features), m), the chosen features appended in FEATURES order."""
    if not features:
        return X
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; allowed: {', '.join(FEATURES)}")
    if X.shape[0] != 2:
        raise ValueError(f"feature transforms need 2-D inputs (2, m), got {X.shape}")
    rows = [X[0], X[1]] + [FEATURES[name][1](X) for name in FEATURES if name in features]
    return np.stack(rows)


@dataclass
class Preprocessor:
    """Raw X → network input: ``features`` then (x − mean)/std if ``mean`` is set."""

    features: list[str]
    mean: np.ndarray | None = None
    var: np.ndarray | None = None

    @classmethod
    def fit(cls, X_raw: np.ndarray, features: list[str], normalize: bool = True) -> Preprocessor:
        """Fit μ and σ² on the (training) inputs after feature transforms."""
        pre = cls(list(features))
        if normalize:
            X = add_features(X_raw, pre.features)
            pre.mean = X.mean(axis=1, keepdims=True)
            pre.var = X.var(axis=1, keepdims=True)
        return pre

    @property
    def std(self) -> np.ndarray | None:
        """σ per input row, 1 where σ² = 0."""
        if self.var is None:
            return None
        std = np.sqrt(self.var)
        return np.where(std > 0, std, 1.0)

    def apply(self, X_raw: np.ndarray) -> np.ndarray:
        """The network input for raw X (examples as columns)."""
        X = add_features(np.asarray(X_raw, dtype=np.float64), self.features)
        if self.mean is not None:
            X = (X - self.mean) / self.std
        return X

    def to_dict(self) -> dict:
        """JSON-ready form (lists), for saved models."""
        return {
            "features": list(self.features),
            "mean": None if self.mean is None else self.mean.ravel().tolist(),
            "var": None if self.var is None else self.var.ravel().tolist(),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Preprocessor:
        mean = None if d.get("mean") is None else np.asarray(d["mean"], float).reshape(-1, 1)
        var = None if d.get("var") is None else np.asarray(d["var"], float).reshape(-1, 1)
        return cls(list(d.get("features", [])), mean, var)
