"""Costs J and the output delta dZ[L], chosen by the output activation.

| output  | loss                      | J (per example, averaged over m)         | dZ[L]          |
|---------|---------------------------|------------------------------------------|----------------|
| sigmoid | binary cross-entropy      | −[y·log ŷ + (1 − y)·log(1 − ŷ)]          | (Ŷ − Y) / m    |
| softmax | categorical cross-entropy | −Σ_j y_j·log ŷ_j                         | (Ŷ − Y) / m    |
| linear  | mean squared error        | Σ_j (ŷ_j − y_j)²                         | 2(Ŷ − Y) / m   |

Cross-entropies are computed from the logits Z[L] (log-sum-exp form), so logits of ±1000 give
finite costs, never NaN or inf.
"""

from __future__ import annotations

import numpy as np

NAMES = {
    "sigmoid": "binary cross-entropy",
    "softmax": "categorical cross-entropy",
    "linear": "mean squared error",
}


def cost_from_logits(output: str, z: np.ndarray, y: np.ndarray) -> float:
    """J = (1/m)·Σ_i L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾) from Z[L] (the output layer's input), stable for large |z|."""
    m = z.shape[1]
    z = z.astype(np.float64, copy=False)
    if output == "sigmoid":
        # −[y log σ(z) + (1−y) log(1−σ(z))] = max(z, 0) − z·y + log(1 + e^(−|z|))
        loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return float(loss.sum() / m)
    if output == "softmax":
        shifted = z - z.max(axis=0, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
        return float(-(y * log_probs).sum() / m)
    if output == "linear":
        return float(((z - y) ** 2).sum() / m)
    raise ValueError(f"no loss for output {output!r}; allowed: {', '.join(NAMES)}")


def output_delta(output: str, a: np.ndarray, y: np.ndarray, out: np.ndarray) -> np.ndarray:
    """dZ[L] = ∂J/∂Z[L] written into ``out``: (Ŷ − Y)/m, or 2(Ŷ − Y)/m for squared error."""
    m = a.shape[1]
    np.subtract(a, y, out=out)
    out *= (2.0 if output == "linear" else 1.0) / m
    return out


def error_rate(output: str, a: np.ndarray, y: np.ndarray) -> float:
    """Classification: the fraction misclassified (ŷ ≥ 0.5, or argmax). Regression: the MSE."""
    if output == "sigmoid":
        return float(np.mean((a >= 0.5) != (y >= 0.5)))
    if output == "softmax":
        return float(np.mean(a.argmax(axis=0) != y.argmax(axis=0)))
    return float(((a - y) ** 2).sum() / a.shape[1])
