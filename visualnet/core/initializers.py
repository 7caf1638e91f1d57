"""Weight initializers for W[l]: (n[l], n[l-1]).

Drawn in float64 from the network's seeded generator and then cast, so a float32 and a float64
network built from the same seed start from the same weights.
"""

from __future__ import annotations

import numpy as np

NAMES = ("zeros", "random", "xavier", "he", "custom", "identity")

DESCRIPTIONS = {
    "zeros": "W = 0 (every unit learns the same thing: symmetry is never broken)",
    "random": "W = scale · N(0, 1)   (scale 0.01 is the course's 'small random')",
    "xavier": "W = N(0, 1) · √(1 / n[l-1])   (tanh)",
    "he": "W = N(0, 1) · √(2 / n[l-1])   (ReLU)",
    "custom": "W = N(0, 1) · √(c / n[l-1])",
    "identity": "W = gain · I   (deep linear nets: gain 1.5 explodes, 0.5 vanishes)",
}


def initialize(
    name: str,
    shape: tuple[int, int],
    rng: np.random.Generator,
    *,
    scale: float = 0.01,
    c: float = 2.0,
    gain: float = 1.0,
) -> np.ndarray:
    """A new float64 W of ``shape`` = (n[l], n[l-1]) drawn by initializer ``name``."""
    n_out, n_in = shape
    if name == "zeros":
        return np.zeros(shape)
    if name == "identity":
        return gain * np.eye(n_out, n_in)
    normal = rng.standard_normal(shape)
    if name == "random":
        return normal * scale
    if name == "xavier":
        return normal * np.sqrt(1.0 / n_in)
    if name == "he":
        return normal * np.sqrt(2.0 / n_in)
    if name == "custom":
        return normal * np.sqrt(c / n_in)
    raise ValueError(f"unknown initializer {name!r}; allowed: {', '.join(NAMES)}")
