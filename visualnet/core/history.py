"""A series that keeps a bounded, evenly thinned copy of everything appended to it.

Live plots must stay smooth after a million iterations. ``ThinnedSeries`` stores at most
``capacity`` points: when full, neighbouring pairs are averaged (x and y), halving the
resolution and doubling the number of raw values each stored point stands for. Appending is
O(1) amortized; storage is allocated once, at construction.
"""

from __future__ import annotations

import numpy as np


class ThinnedSeries:
    """(x, y) points; each stored point is the mean of ``stride`` consecutive raw points.

    The last ``count mod stride`` raw points are still being averaged and not yet visible.
    """

    def __init__(self, capacity: int = 4096, columns: int = 1):
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be an even number ≥ 2, got {capacity}")
        self.capacity = capacity
        self.columns = columns
        self._x = np.empty(capacity)
        self._y = np.empty((capacity, columns))
        self._n = 0
        self.stride = 1
        self._pending_x = 0.0
        self._pending_y = np.zeros(columns)
        self._pending_count = 0
        self.count = 0
        """How many raw points were appended in all."""

    def __len__(self) -> int:
        return self._n

    def append(self, x: float, y) -> None:
        """Add one raw point (y: a number, or ``columns`` numbers)."""
        self.count += 1
        if self._pending_count == 0 and self._n == self.capacity:
            self._halve()
        if self.stride == 1:  # the common case, kept cheap
            self._x[self._n] = x
            self._y[self._n] = y
            self._n += 1
            return
        self._pending_x += x
        self._pending_y += y
        self._pending_count += 1
        if self._pending_count == self.stride:
            self._x[self._n] = self._pending_x / self.stride
            self._y[self._n] = self._pending_y / self.stride
            self._n += 1
            self._pending_x = 0.0
            self._pending_y[:] = 0
            self._pending_count = 0

    def clear(self) -> None:
        self._n = 0
        self.stride = 1
        self.count = 0
        self._pending_x = 0.0
        self._pending_y[:] = 0
        self._pending_count = 0

    @property
    def x(self) -> np.ndarray:
        """Copy of the stored x values."""
        return self._x[: self._n].copy()

    @property
    def y(self) -> np.ndarray:
        """Copy of the stored y values: (n,) for one column, else (n, columns)."""
        y = self._y[: self._n].copy()
        return y[:, 0] if self.columns == 1 else y

    def _halve(self) -> None:
        half = self.capacity // 2
        self._x[:half] = self._x.reshape(half, 2).mean(axis=1)
        self._y[:half] = self._y.reshape(half, 2, self.columns).mean(axis=1)
        self._n = half
        self.stride *= 2
