"""What the live views draw, computed from the network: decision boundaries, unit maps, counts.

Everything here evaluates the network (no dropout, running batch-norm statistics) on raw inputs
passed through the model's preprocessor, exactly as predictions are made.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.layers import Activation
from visualnet.core.network import Network


@dataclass(frozen=True)
class PlaneGrid:
    """A res × res grid over the raw input plane [x_min, x_max] × [y_min, y_max]."""

    x_min: float
    x_max: float
    y_min: float
    y_max: float
    res: int

    @classmethod
    def around(cls, X_raw: np.ndarray, res: int = 80, margin: float = 0.15) -> PlaneGrid:
        """A grid covering the points X_raw: (2, m) with a margin (fraction of the span)."""
        lo, hi = X_raw.min(axis=1), X_raw.max(axis=1)
        pad = np.maximum((hi - lo) * margin, 1e-3)
        return cls(float(lo[0] - pad[0]), float(hi[0] + pad[0]),
                   float(lo[1] - pad[1]), float(hi[1] + pad[1]), res)

    def points(self) -> np.ndarray:
        """(2, res²) raw points, x varying fastest (row-major image of y by x)."""
        xs = np.linspace(self.x_min, self.x_max, self.res)
        ys = np.linspace(self.y_min, self.y_max, self.res)
        gx, gy = np.meshgrid(xs, ys)
        return np.stack([gx.ravel(), gy.ravel()])


def decision_map(net: Network, pre: Preprocessor, grid: PlaneGrid) -> np.ndarray:
    """The network's output on the grid: (res, res) P(y = 1) for one output unit, or
    (res, res, C) class probabilities for softmax. Row i is y_i, column j is x_j."""
    A = net.predict(pre.apply(grid.points()).astype(net.dtype))
    if A.shape[0] == 1:
        return A[0].reshape(grid.res, grid.res).astype(np.float64)
    return A.T.reshape(grid.res, grid.res, A.shape[0]).astype(np.float64)


def unit_maps(net: Network, pre: Preprocessor, grid: PlaneGrid) -> list[np.ndarray]:
    """For each activation layer (in order), every unit's activation a over the grid:
    a list of arrays (n[l], res, res)."""
    a = pre.apply(grid.points()).astype(net.dtype)
    maps = []
    for layer in net.layers:
        a = layer.forward(a, training=False)
        if isinstance(layer, Activation):
            maps.append(a.reshape(a.shape[0], grid.res, grid.res).astype(np.float64))
    return maps


def confusion_matrix(true: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """C[i, j] = number of examples of class i predicted as class j."""
    out = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(out, (true, predicted), 1)
    return out


def predicted_classes(A: np.ndarray) -> np.ndarray:
    """Class indices from output activations: argmax, or ŷ ≥ 0.5 for one sigmoid unit."""
    if A.shape[0] == 1:
        return (A[0] >= 0.5).astype(np.int64)
    return A.argmax(axis=0)


def histogram(values: np.ndarray, bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """(edges, counts) of ``values``, edges symmetric around 0 so layers compare at a glance."""
    limit = float(np.abs(values).max()) if values.size else 1.0
    limit = limit if limit > 0 else 1.0
    counts, edges = np.histogram(values, bins=bins, range=(-limit, limit))
    return edges, counts
