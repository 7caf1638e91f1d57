"""The line where a sampled function crosses a level (marching squares), computed with NumPy.

The decision boundary ŷ = 0.5 is recomputed up to ten times a second while a network trains.
pyqtgraph's ``isocurve`` visits the grid's cells in a Python loop (≈15 ms for 80 × 80); this
does the same per case of the marching-squares table, on all cells at once, and gives the same
segments. The live recorder computes it with the decision map, in the training thread.
"""

from __future__ import annotations

import numpy as np

_SIDES = {1: (0, 1), 2: (1, 2), 3: (0, 2), 4: (0, 3), 5: (1, 3), 6: (0, 1, 2, 3), 7: (2, 3),
          8: (2, 3), 9: (0, 1, 2, 3), 10: (1, 3), 11: (0, 3), 12: (0, 2), 13: (1, 2), 14: (0, 1)}
"""Cell case (bit i + 2j set when corner (i, j) is below the level) → the cell sides the
line crosses, in pairs; the saddles 6 and 9 are split as pyqtgraph splits them."""

_EDGES = (((0, 1), (0, 0)), ((0, 0), (1, 0)), ((1, 0), (1, 1)), ((1, 1), (0, 1)))
"""Side → its two corners (i, j) within the cell."""


def level_segments(values: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Segments of the curve ``values == level`` as (x, y) point pairs, for a line drawn with
    ``connect="pairs"`` over the image of ``values`` (rows are y): in pixel units, value
    [r, c] at the pixel's centre (c + 0.5, r + 0.5), the curve reaching the image's edges."""
    data = np.pad(np.asarray(values, dtype=np.float64).T, 1, mode="edge")
    below = data < level
    case = (below[:-1, :-1].astype(np.uint8) + 2 * below[1:, :-1] + 4 * below[:-1, 1:]
            + 8 * below[1:, 1:])
    segments = []
    for key, sides in _SIDES.items():
        i, j = np.nonzero(case == key)
        if len(i):
            points = [_crossing(data, i, j, side, level) for side in sides]
            segments += [np.stack([start, end], axis=1)
                         for start, end in zip(points[::2], points[1::2], strict=True)]
    if not segments:
        return np.empty(0), np.empty(0)
    points = np.concatenate(segments).reshape(-1, 2)  # start, end, start, end, …
    x = np.clip(points[:, 0], 0, data.shape[0] - 2)
    y = np.clip(points[:, 1], 0, data.shape[1] - 2)
    return x, y


def _crossing(data: np.ndarray, i: np.ndarray, j: np.ndarray, side: int,
              level: float) -> np.ndarray:
    """Where the level crosses ``side`` of cells (i, j): (n, 2) points, linearly interpolated
    between the side's corners, shifted by the padding row and column."""
    (a0, a1), (b0, b1) = _EDGES[side]
    v1, v2 = data[i + a0, j + a1], data[i + b0, j + b1]
    f = (level - v1) / (v2 - v1)  # the corners are on either side: v1 ≠ v2
    return np.column_stack([a0 + (b0 - a0) * f + i - 0.5, a1 + (b1 - a1) * f + j - 0.5])
