"""Exponentially weighted averages: v_t = β·v_{t−1} + (1 − β)·θ_t, v_0 = 0.

The average spans roughly the last 1/(1 − β) values (β = 0.9 ≈ 10 days, 0.98 ≈ 50).
Early values are biased towards 0; bias correction divides by (1 − βᵗ).
"""

from __future__ import annotations

import numpy as np


def ewma(theta: np.ndarray, beta: float, bias_correction: bool = False) -> np.ndarray:
    """v_1 … v_T for the series θ_1 … θ_T (optionally v_t / (1 − βᵗ))."""
    return RunningEWMA(beta, bias_correction).update_all(theta)


def effective_window(beta: float) -> float:
    """≈ 1/(1 − β): how many recent values the average mostly reflects."""
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")
    return 1.0 / (1.0 - beta)


class RunningEWMA:
    """The same average fed as the values come, one or a block at a time (e.g. smoothing a live
    cost curve)."""

    def __init__(self, beta: float = 0.98, bias_correction: bool = True):
        self.beta = beta
        self.bias_correction = bias_correction
        self.t = 0
        self.value = 0.0

    def update(self, theta: float) -> float:
        """Add θ_t; return v_t (bias-corrected if asked)."""
        return float(self.update_all((theta,))[0])

    def update_all(self, thetas) -> np.ndarray:
        """Add θ_t, θ_t+1, … in turn; return their v's, the values ``update`` gives one by one
        (at a fraction of the cost of a call per value: the recursion is a loop over Python
        floats, the bias correction one array operation)."""
        thetas = np.asarray(thetas, dtype=np.float64)
        beta, rest = self.beta, 1.0 - self.beta
        v, averages = self.value, []
        append = averages.append
        for x in thetas.tolist():
            v = beta * v + rest * x
            append(v)
        out = np.array(averages, dtype=np.float64).reshape(thetas.shape)
        t = self.t
        self.value, self.t = v, t + len(averages)
        if self.bias_correction:
            out /= 1.0 - beta ** np.arange(t + 1, self.t + 1, dtype=np.float64)
        return out
