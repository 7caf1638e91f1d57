"""Shapes a race view draws, in data coordinates, sized in screen pixels.

A view's axes rarely have equal scales (the bowl's view is 4 wide and 1.2 high), so sizes that
must look right on screen — an arrow's head, an arrow's length — are given in pixels and turned
into data units with ``pixel`` = (data units per pixel in x, in y), which the view reports.

    arrow        shaft and head of an arrow from a point along a vector
    fit_scale    one factor for several vectors of one kind so the longest shows at a set length
    visible_scale  1, or the factor that brings a vector's length into a visible range
    box          the outline of a rectangle by centre and half-widths
    uncrowded    which labels to keep so that none sits on another
    trail_segments  a long path as the segments a screen can tell apart
    grid_shape   rows and columns for n small panels; grid_cells places them
    gap          f − f* as a log-scale plot can show it
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Pixel = tuple[float, float]


@dataclass(frozen=True)
class Arrow:
    """An arrow from ``tail`` to ``tip``: ``shaft`` ends where the head starts; ``heading`` is
    the direction on screen in degrees, counter-clockwise from pointing right."""

    tail: np.ndarray
    tip: np.ndarray
    shaft: np.ndarray
    heading: float


def arrow(tail: Sequence[float], vector: Sequence[float], pixel: Pixel,
          head: float = 10.0) -> Arrow | None:
    """The arrow tail → tail + vector, its head ``head`` pixels long; None if not drawable.

    An arrow shorter on screen than its head gets no shaft (the head alone shows it).
    """
    tail = np.asarray(tail, dtype=np.float64)
    vector = np.asarray(vector, dtype=np.float64)
    if not (np.isfinite(tail).all() and np.isfinite(vector).all()):
        return None
    sx, sy = vector[0] / pixel[0], vector[1] / pixel[1]  # screen pixels, y up
    length = math.hypot(sx, sy)
    if length == 0:
        return None
    keep = max(0.0, 1.0 - head / length)
    tip = tail + vector
    shaft = np.stack([tail, tail + keep * vector])
    return Arrow(tail, tip, shaft, math.degrees(math.atan2(sy, sx)))


def fit_scale(vectors: Sequence[Sequence[float] | None], pixel: Pixel,
              length: float) -> float | None:
    """k such that the longest k·v on screen is ``length`` pixels (None if all are 0 or absent).

    Vectors of one kind (dW, v and √ŝ share units) get one k, so their sizes compare.
    """
    longest = 0.0
    for v in vectors:
        if v is None:
            continue
        v = np.asarray(v, dtype=np.float64)
        if np.isfinite(v).all():
            longest = max(longest, math.hypot(v[0] / pixel[0], v[1] / pixel[1]))
    return length / longest if longest > 0 else None


def visible_scale(vector: Sequence[float], pixel: Pixel, low: float, high: float,
                  short: float | None = None) -> float:
    """1 when the vector is between ``low`` and ``high`` pixels long on screen; otherwise the
    factor that makes it ``short`` pixels long (too short to see; ``short`` defaults to
    ``low``) or ``high`` (longer than the view)."""
    v = np.asarray(vector, dtype=np.float64)
    if not np.isfinite(v).all():
        return 1.0
    length = math.hypot(v[0] / pixel[0], v[1] / pixel[1])
    if length == 0 or low <= length <= high:
        return 1.0
    return ((low if short is None else short) if length < low else high) / length


def box(centre: Sequence[float], half: Sequence[float]) -> np.ndarray:
    """(5, 2) corners of the rectangle centre ± half, closed (the first corner repeated)."""
    cx, cy = centre
    hx, hy = half
    return np.array([[cx - hx, cy - hy], [cx + hx, cy - hy], [cx + hx, cy + hy],
                     [cx - hx, cy + hy], [cx - hx, cy - hy]], dtype=np.float64)


def uncrowded(points: Sequence[Sequence[float] | None], pixel: Pixel,
              radius: float) -> list[bool]:
    """Keep each point (a label's place) unless it lies within ``radius`` pixels of one kept
    before it; None never is kept. Earlier points win."""
    kept: list[tuple[float, float]] = []
    out = []
    for p in points:
        if p is None or not np.isfinite(p).all():
            out.append(False)
            continue
        sx, sy = p[0] / pixel[0], p[1] / pixel[1]
        free = all(math.hypot(sx - kx, sy - ky) >= radius for kx, ky in kept)
        if free:
            kept.append((sx, sy))
        out.append(free)
    return out


def trail_segments(path: np.ndarray, pixel: Pixel) -> np.ndarray:
    """A path as the segments a screen can tell apart: (2k, 2) endpoints, rows 2i and 2i + 1.

    Each point is rounded to its screen pixel; a step that stays in its pixel is dropped, and
    of the steps joining the same two pixels (either way) only the first is kept. A racer that
    has settled, or zigzags between the same few pixels, takes thousands of steps that would
    cost time per frame and show nothing new. Every segment kept is a step the racer took,
    drawn exactly; a dropped one lies within a pixel of a kept one.
    """
    path = np.asarray(path, dtype=np.float64)
    if len(path) < 2:
        return np.empty((0, 2))
    cells = np.floor(path / np.asarray(pixel, dtype=np.float64) + 0.5).astype(np.int64)
    a, b = cells[:-1], cells[1:]
    moved = (a != b).any(axis=1)
    # An undirected key per step: its two pixels, the smaller first.
    first = (a[:, 0] < b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] < b[:, 1]))
    keys = np.where(first[:, None], np.hstack([a, b]), np.hstack([b, a]))[moved]
    steps = np.flatnonzero(moved)
    _, index = np.unique(keys, axis=0, return_index=True)
    kept = steps[np.sort(index)]
    return np.stack([path[kept], path[kept + 1]], axis=1).reshape(-1, 2)


def grid_shape(n: int, wide: bool = False) -> tuple[int, int]:
    """(rows, columns) for n panels: as square as can be, with more columns than rows (or, for
    a view much wider than high, more rows than columns)."""
    if n <= 0:
        return 0, 0
    short = math.ceil(math.sqrt(n))
    long_side = math.ceil(n / short)
    if long_side < short:
        short, long_side = long_side, short
    return (long_side, short) if wide else (short, long_side)


WIDE = 2.5
"""A view this many times wider than high gets its small panels in more rows than columns."""


def grid_cells(n: int, view: tuple[float, float, float, float]) -> list[tuple[int, int]]:
    """(row, column) of each of n panels showing ``view`` = (x_min, x_max, y_min, y_max),
    filled row by row."""
    x_min, x_max, y_min, y_max = view
    _, columns = grid_shape(n, wide=(x_max - x_min) > WIDE * (y_max - y_min))
    return [divmod(k, columns) for k in range(n)]


def gap(loss: np.ndarray, f_min: float, start_gap: float) -> np.ndarray:
    """f − f*, raised to at least 10⁻¹² of the start's gap so a log scale can show it.

    A racer that lands exactly on the minimum would otherwise have log(0) = −∞.
    """
    floor = 1e-12 * max(abs(start_gap), 1e-300)
    with np.errstate(all="ignore"):
        return np.maximum(np.asarray(loss, dtype=np.float64) - f_min, floor)
