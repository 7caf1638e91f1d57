"""Steady view ranges for live plots: axes that move in steps, not on every frame.

pyqtgraph's auto-range fits the view to the data after every update. For a curve that grows 30
times a second that means new ticks, a new axis layout and a repaint of the axes and their grid
on every frame, plus a second paint of the whole plot for the new range. A SteadyRange holds
the view still while the data stays inside it. When the data passes the end of the x range, the
new end is where the data will be LOOKAHEAD seconds later, rounded up to a nice number (…, 100,
150, 200, 300, 400, 500, 600, 800, 1000, …) and never past the run's planned end; when the run
ends, the x range fits what was drawn. The y range grows when the data leaves it and shrinks
when the data fills less than a third of it. The axes then repaint from their cache on most
frames, however fast the run.

Zooming or panning with the mouse stops the following (the user looks at something); the
plot's "A" button, or "Auto" for an axis in its menu, resumes it.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg

NICE = (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
"""Mantissas the x range may end on: steps of at most 1.5×, on numbers the ticks land on."""

MARGIN = 0.08
"""Room above and below the data when the y range is refitted, as a share of its span."""

SHRINK = 1 / 3
"""The y range is refitted when the data spans less than this share of it."""

PADDING = 0.02
"""Room around the range, so markers on its edges are drawn whole."""

LOOKAHEAD = 2.0
"""Seconds of growth (at the speed so far) the x range makes room for when it grows."""


def nice_ceil(value: float) -> float:
    """The smallest number m·10ᵏ ≥ ``value`` with m in NICE (``value`` > 0)."""
    exponent = math.floor(math.log10(value))
    scale = 10.0 ** exponent
    for mantissa in NICE:
        if mantissa * scale >= value * (1 - 1e-12):
            return mantissa * scale
    return 10 * scale


def tick_step(span: float) -> float:
    """A 1-2-5 step that cuts ``span`` into about five parts."""
    raw = span / 5
    scale = 10.0 ** math.floor(math.log10(raw))
    return next(m * scale for m in (1, 2, 5, 10) if m * scale >= raw * (1 - 1e-12))


def grow(current: float | None, end: float, ahead: float = 0.0,
         limit: float | None = None) -> float:
    """The end of an x range that must reach ``end``: ``current`` while it does, else the
    nice number past ``end + ahead``, or ``limit`` (the last x there will be) if that is
    nearer."""
    if current is not None and end <= current:
        return current
    new = nice_ceil(max(end + ahead, 1.0))
    if limit is not None and end <= limit < new:
        return float(limit)
    return new


def fit(current: tuple[float, float] | None, lo: float, hi: float,
        include_zero: bool = False) -> tuple[float, float]:
    """A y range holding [lo, hi]: ``current`` while it holds the data and is not three times
    too big, else a new one with a margin, its ends on a tick step."""
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    if current is not None:
        low, high = current
        if low <= lo and hi <= high and (hi - lo) >= SHRINK * (high - low):
            return current
    span = hi - lo
    if span <= 0:
        span = abs(hi) * 0.2 or 1.0
        lo, hi = lo - span / 2, hi + span / 2
    step = tick_step(span * (1 + 2 * MARGIN)) / 2
    low = math.floor((lo - MARGIN * span) / step) * step
    high = math.ceil((hi + MARGIN * span) / step) * step
    if include_zero and lo >= 0:
        low = max(low, 0.0)
    return low, high


def finite_bounds(*arrays: np.ndarray, log: bool = False) -> tuple[float, float] | None:
    """(min, max) over the finite values of ``arrays`` (log10 of the positive ones when
    ``log``), or None when there are none."""
    lo, hi = math.inf, -math.inf
    for values in arrays:
        values = np.asarray(values, dtype=np.float64)
        keep = np.isfinite(values)
        if log:
            keep &= values > 0
        values = values[keep]
        if values.size:
            lo, hi = min(lo, float(values.min())), max(hi, float(values.max()))
    if lo > hi:
        return None
    return (math.log10(lo), math.log10(hi)) if log else (lo, hi)


def last_iteration(snap) -> float | None:
    """The iteration a run will end at (epochs × mini-batches per epoch), once known."""
    total = snap.epochs * snap.batches_per_epoch
    return float(total) if total > 0 else None


class SteadyRange:
    """Keeps a PlotItem's view on its data, changing the range only in steps.

    Call ``follow(x_end, y_bounds, ...)`` after each update. ``set_window(n)`` shows only the
    last n x units instead of everything from ``x_start``: the data's x are then offsets from
    its latest x (≤ 0) and the x range stays at [−n, 0] while the data scrolls through it, so
    the x axis is not redrawn on every frame of a fast run. In log mode give y bounds as log10
    values (``finite_bounds(..., log=True)``).
    """

    def __init__(self, item: pg.PlotItem, x_start: float = 0.0, include_zero: bool = False):
        self.item = item
        self.view = item.getViewBox()
        self.x_start = x_start
        self.include_zero = include_zero
        self.window = 0
        self.following = True
        self._x: tuple[float, float] | None = None
        self._y: tuple[float, float] | None = None
        self._last: tuple | None = None
        self._first: tuple[float, float] | None = None  # (time, x_end) of the run's first data
        self._applying = False
        self.view.disableAutoRange()
        self.view.sigRangeChangedManually.connect(self._moved_by_user)
        self.view.sigStateChanged.connect(self._state_changed)

    def follow(self, x_end: float, y_bounds: tuple[float, float] | None, *,
               x_first: float | None = None, x_limit: float | None = None,
               running: bool = True) -> None:
        """Show the data from ``x_first`` to ``x_end`` whose y values lie in ``y_bounds``
        (None: no data yet); ``x_limit`` is the last x the run will reach, if known. A run
        that no longer trains gets an x range fitted to its data."""
        self._last = ((x_end, y_bounds),
                      {"x_first": x_first, "x_limit": x_limit, "running": running})
        if not self.following or y_bounds is None or not math.isfinite(x_end):
            return
        x = self.x_range(x_end, x_first, x_limit, running)
        y = fit(self._y, *y_bounds, include_zero=self.include_zero)
        if x != self._x or y != self._y:
            self._x, self._y = x, y
            self._apply()

    def x_range(self, x_end: float, x_first: float | None = None,
                x_limit: float | None = None, running: bool = True) -> tuple[float, float]:
        """The x range ``follow`` shows for data ending at ``x_end`` (to pick the data whose y
        values count when only a window is shown)."""
        if self.window:
            start = -float(self.window)
            if x_first is not None:  # early in a run: little empty space before the first point
                step = self.window / 4
                start = max(start, min(math.floor(x_first / step), -1) * step)
            return start, 0.0
        current = self._x[1] if self._x else None
        if not running:
            return self.x_start, grow(None, x_end, limit=x_limit)
        return self.x_start, grow(current, x_end, self._ahead(x_end), x_limit)

    def set_window(self, window: int) -> None:
        """Show the last ``window`` x units, as offsets from the latest (0: everything from
        ``x_start``), from the next ``follow`` on."""
        self.window = window
        self._x = None
        self._show_empty_window()

    def reset(self) -> None:
        """A new run: forget the ranges, and follow again."""
        self._x = self._y = self._last = self._first = None
        self.following = True
        self._show_empty_window()

    def _show_empty_window(self) -> None:
        """With no data yet, a window shows its span [−n, 0] (an empty view's 0 … 1 would read
        as offsets "t+0, t+0, t+1")."""
        if self.window and self._last is None:
            self.view.setXRange(-self.window, 0, padding=0)

    def _refollow(self) -> None:
        """Apply the last data bounds again."""
        if self._last is not None:
            args, kwargs = self._last
            self.follow(*args, **kwargs)

    def _ahead(self, x_end: float) -> float:
        """How far x grows in LOOKAHEAD seconds, at its mean speed since the first data."""
        now = time.monotonic()
        if self._first is None:
            self._first = (now, x_end)
            return 0.0
        started, x_start = self._first
        return max(x_end - x_start, 0.0) / max(now - started, 1e-3) * LOOKAHEAD

    def _apply(self) -> None:
        self._applying = True
        try:
            self.view.setRange(xRange=self._x, yRange=self._y, padding=PADDING)
            # now rather than in the next paint, which would then have to paint again
            self.view.updateMatrix()
        finally:
            self._applying = False

    def _moved_by_user(self, _mask) -> None:
        self.following = False

    def _state_changed(self, _view) -> None:
        """The user turned auto-range back on ("A" button, an axis's "Auto"): follow the data
        again, with our steps rather than pyqtgraph's per-frame fit."""
        if self._applying or not any(self.view.autoRangeEnabled()):
            return
        self._applying = True
        try:
            self.view.disableAutoRange()
        finally:
            self._applying = False
        self.following = True
        self._x = self._y = None
        self._refollow()
