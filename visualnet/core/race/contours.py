"""What a surface view draws of f itself: contour lines and a log-scaled heat map.

``isolines(xs, ys, z, level)`` finds the contour f = level on a grid by marching squares: in
each cell whose corners lie on both sides of the level, the crossing points on its edges are
interpolated linearly and joined. The result is a list of segments, (2k, 2) endpoints in data
coordinates, consecutive rows pairing up, as a plot draws with connect='pairs'. Cells with a
corner that is not finite are skipped.

``heat(z, floor)`` is log₁₀(f − f*) with the same offset as the lowest of ``log_levels``, so
the heat map's colours and the contour levels agree: equal steps in colour are equal factors.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.race.surface import log_levels

LEVELS = 20
"""Contour levels a view draws (log-spaced, see ``surface.log_levels``)."""

FLOOR_FRACTION = 1e-3
"""The heat map's offset above f*, as a fraction of f's range (``log_levels``' lowest level)."""


def contour_set(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, floor: float | None,
                n: int = LEVELS) -> list[tuple[float, np.ndarray]]:
    """(level, segments) for n log-spaced levels above ``floor`` (z's least value if None)."""
    base = _floor(z, floor)
    return [(float(level), isolines(xs, ys, z, level)) for level in log_levels(z, base, n)]


def isolines(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, level: float) -> np.ndarray:
    """The contour z = level as segments: rows 2i and 2i + 1 are the ends of segment i.

    ``z[i, j]`` is f(xs[j], ys[i]) (as ``Surface.grid`` returns it).
    """
    d = np.asarray(z, dtype=np.float64) - level
    c00, c01, c10, c11 = d[:-1, :-1], d[:-1, 1:], d[1:, :-1], d[1:, 1:]
    x0, x1 = xs[:-1][None, :], xs[1:][None, :]
    y0, y1 = ys[:-1][:, None], ys[1:][:, None]
    finite = np.isfinite(c00) & np.isfinite(c01) & np.isfinite(c10) & np.isfinite(c11)
    # The four edges of every cell, in the order bottom, right, top, left.
    with np.errstate(all="ignore"):
        edges = [
            _crossing(c00, c01, (x0, y0), (x1, y0)),
            _crossing(c01, c11, (x1, y0), (x1, y1)),
            _crossing(c10, c11, (x0, y1), (x1, y1)),
            _crossing(c00, c10, (x0, y0), (x0, y1)),
        ]
    crosses = np.stack([e[0] for e in edges]) & finite
    points = np.stack([np.stack(np.broadcast_arrays(*e[1]), axis=-1) for e in edges])
    count = crosses.sum(axis=0)

    # Two crossings: one segment joining them.
    two = count == 2
    first = np.argmax(crosses, axis=0)
    last = 3 - np.argmax(crosses[::-1], axis=0)
    segments = [_pairs(points, first, last, two)]

    # Four crossings (a saddle cell): the centre's side decides which corners are cut off.
    four = count == 4
    if four.any():
        centre_low = (c00 + c01 + c10 + c11) < 0
        same_as_00 = centre_low == (c00 < 0)
        cut_01_10 = four & same_as_00   # bottom–right and top–left
        cut_00_11 = four & ~same_as_00  # bottom–left and right–top
        zeros, ones = np.zeros_like(first), np.ones_like(first)
        segments += [_pairs(points, zeros, ones, cut_01_10),
                     _pairs(points, 2 * ones, 3 * ones, cut_01_10),
                     _pairs(points, zeros, 3 * ones, cut_00_11),
                     _pairs(points, ones, 2 * ones, cut_00_11)]
    return np.concatenate(segments).reshape(-1, 2)


def heat(z: np.ndarray, floor: float | None) -> np.ndarray:
    """log₁₀(z − f* + δ), δ = 10⁻³ of z's range: the heat map (NaN where z is not finite)."""
    base = _floor(z, floor)
    finite = z[np.isfinite(z)]
    span = float(finite.max() - base) if finite.size else 0.0
    delta = span * FLOOR_FRACTION if span > 0 else 1.0
    with np.errstate(all="ignore"):
        out = np.log10(np.maximum(z - base, 0.0) + delta)
    out[~np.isfinite(z)] = np.nan
    return out


def _floor(z: np.ndarray, floor: float | None) -> float:
    """f* when known, else z's least finite value (0 when there is none)."""
    if floor is not None:
        return float(floor)
    finite = z[np.isfinite(z)]
    return float(finite.min()) if finite.size else 0.0


def _crossing(a, b, pa, pb):
    """Where d goes from a to b along an edge from point pa to pb: (crosses, (x, y))."""
    crosses = (a < 0) != (b < 0)
    s = a / (a - b)
    return crosses, (pa[0] + s * (pb[0] - pa[0]), pa[1] + s * (pb[1] - pa[1]))


def _pairs(points: np.ndarray, i: np.ndarray, j: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """(2k, 2) endpoints of the segments from edge i to edge j of the cells in ``mask``."""
    rows, cols = np.nonzero(mask)
    start = points[i[rows, cols], rows, cols]
    end = points[j[rows, cols], rows, cols]
    return np.stack([start, end], axis=1).reshape(-1, 2)
