"""What the live views draw, computed from the network: decision boundaries, unit maps, counts.

Everything here evaluates the network (no dropout, running batch-norm statistics) on raw inputs
passed through the model's preprocessor, exactly as predictions are made. The views only place
and colour what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.layers import Activation
from visualnet.core.network import Network

CLASS_COLOURS = (
    (242, 142, 43), (78, 121, 167), (89, 161, 79), (225, 87, 89), (176, 122, 161),
    (118, 183, 178), (237, 201, 72), (156, 117, 95), (255, 157, 167), (186, 176, 172),
)
"""RGB of class 0, 1, 2, … in every view (orange, blue, green, red, …; repeats after 10)."""


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

    def pixel_rect(self) -> tuple[float, float, float, float]:
        """(left, bottom, width, height) of a res × res image whose pixel centres are the grid
        points: each pixel reaches half a grid step beyond its point."""
        dx = (self.x_max - self.x_min) / (self.res - 1)
        dy = (self.y_max - self.y_min) / (self.res - 1)
        return self.x_min - dx / 2, self.y_min - dy / 2, dx * self.res, dy * self.res


@dataclass(frozen=True)
class LineGrid:
    """res evenly spaced points over the raw input line [x_min, x_max] (1-D inputs)."""

    x_min: float
    x_max: float
    res: int

    @classmethod
    def around(cls, X_raw: np.ndarray, res: int = 200, margin: float = 0.05) -> LineGrid:
        """A line covering the points X_raw: (1, m) with a margin (fraction of the span)."""
        lo, hi = float(X_raw.min()), float(X_raw.max())
        pad = max((hi - lo) * margin, 1e-3)
        return cls(lo - pad, hi + pad, res)

    def points(self) -> np.ndarray:
        """(1, res) raw points from x_min to x_max."""
        return np.linspace(self.x_min, self.x_max, self.res)[None, :]


def decision_map(net: Network, pre: Preprocessor, grid: PlaneGrid) -> np.ndarray:
    """The network's output on the grid: (res, res) P(y = 1) for one output unit, or
    (res, res, C) class probabilities for softmax. Row i is y_i, column j is x_j."""
    A = net.predict(pre.apply(grid.points()).astype(net.dtype))
    if A.shape[0] == 1:
        return A[0].reshape(grid.res, grid.res).astype(np.float64)
    return A.T.reshape(grid.res, grid.res, A.shape[0]).astype(np.float64)


def prediction_curve(net: Network, pre: Preprocessor, line: LineGrid) -> np.ndarray:
    """The network's output ŷ at each point of a 1-D grid: (n_y, res)."""
    A = net.predict(pre.apply(line.points()).astype(net.dtype))
    return A.astype(np.float64)


def class_shading(probs: np.ndarray, colours=None, strength: float = 0.6) -> np.ndarray:
    """An RGB image of a softmax map: each pixel takes the colour of its most likely class c,
    blended with white by its confidence.

    probs: (res, res, C). With q = (p_c − 1/C)/(1 − 1/C) ∈ [0, 1] (0 = a tie, 1 = certain),
    rgb = white + strength·q·(colour_c − white). Returns (res, res, 3) uint8.
    """
    palette = np.asarray(CLASS_COLOURS if colours is None else colours, dtype=np.float64)
    classes = probs.shape[-1]
    best = probs.argmax(axis=-1)
    chance = 1.0 / classes
    q = (np.take_along_axis(probs, best[..., None], axis=-1) - chance) / (1.0 - chance)
    colour = palette[best % len(palette)]
    rgb = 255.0 + strength * np.clip(q, 0.0, 1.0) * (colour - 255.0)
    return np.rint(rgb).astype(np.uint8)


def probability_colours(levels: int = 256, colours=None, strength: float = 0.6) -> np.ndarray:
    """A lookup table for P(y = 1) images, shaded as ``class_shading`` shades two classes:
    entry k is p = k/(levels − 1) coloured like the class probabilities (1 − p, p).

    Returns (levels, 3) uint8: class 0's colour at p = 0, white at 0.5, class 1's at 1.
    """
    p = np.linspace(0.0, 1.0, levels)
    return class_shading(np.stack([1.0 - p, p], axis=-1), colours, strength)


def drop_rates(mask: np.ndarray) -> np.ndarray:
    """Each unit's fraction of dropped examples in a dropout mask d: (units, m) → (units,).

    Its expected value is 1 − keep_prob."""
    if mask.shape[1] == 0:
        return np.zeros(mask.shape[0])
    return 1.0 - mask.mean(axis=1)


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


def confusion_rates(confusion: np.ndarray) -> np.ndarray:
    """Each row of a confusion matrix divided by its total: R[i, j] = share of class i's
    examples predicted as class j (0 for a class with no examples)."""
    totals = confusion.sum(axis=1, keepdims=True)
    return np.divide(confusion, totals, out=np.zeros(confusion.shape), where=totals > 0)


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
