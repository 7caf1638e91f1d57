"""Activation functions g(z) and their derivatives g'(z), computed in place.

Each function writes into ``out`` (which may alias its input) so a training step allocates
nothing. ``backward`` functions turn dA into dZ = dA ⊙ g'(Z) in place on ``dA``.
Constants are passed in Z's own dtype: a Python scalar makes NumPy take a slower loop.
"""

from __future__ import annotations

import numpy as np

HIDDEN = ("relu", "leaky_relu", "tanh", "sigmoid", "linear")
OUTPUT = ("softmax", "sigmoid", "linear")
ALL = ("relu", "leaky_relu", "tanh", "sigmoid", "linear", "softmax")


def forward(kind: str, z: np.ndarray, out: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """A = g(Z) for ``kind``; ``slope`` is leaky ReLU's a in g(z) = max(a·z, z)."""
    if kind == "relu":
        return np.maximum(z, z.dtype.type(0), out=out)
    if kind == "leaky_relu":
        np.multiply(z, z.dtype.type(slope), out=out)
        return np.maximum(z, out, out=out)
    if kind == "tanh":
        return np.tanh(z, out=out)
    if kind == "sigmoid":
        return sigmoid(z, out)
    if kind == "linear":
        if out is not z:
            out[...] = z
        return out
    if kind == "softmax":
        return softmax(z, out)
    raise ValueError(f"unknown activation {kind!r}; allowed: {', '.join(ALL)}")


def backward(
    kind: str, z: np.ndarray, a: np.ndarray, da: np.ndarray, scratch: np.ndarray,
    slope: float = 0.01,
) -> np.ndarray:
    """dZ = dA ⊙ g'(Z), written into ``da``. ``scratch`` has Z's shape and dtype (booleans are
    enough, and faster, for relu).

    relu: g' = 1[z > 0]; leaky: g' = 1 if z > 0 else a; tanh: g' = 1 − a²;
    sigmoid: g' = a(1 − a); linear: g' = 1. (Softmax is only an output: see ``losses``.)
    """
    if kind == "relu":
        np.greater(z, z.dtype.type(0), out=scratch)
    elif kind == "leaky_relu":
        np.greater(z, 0, out=scratch)
        scratch *= 1.0 - slope
        scratch += slope
    elif kind == "tanh":
        np.multiply(a, a, out=scratch)
        np.subtract(1.0, scratch, out=scratch)
    elif kind == "sigmoid":
        np.subtract(1.0, a, out=scratch)
        scratch *= a
    elif kind == "linear":
        return da
    else:
        raise ValueError(f"activation {kind!r} has no hidden-layer derivative")
    da *= scratch
    return da


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), evaluated as ½(1 + tanh(z/2)) so it never overflows."""
    out = np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out


def softmax(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """a_i = e^(z_i) / Σ_j e^(z_j) per column, shifted by max_j z_j so e^(·) never overflows."""
    out = np.subtract(z, z.max(axis=0, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=0, keepdims=True)
    return out
