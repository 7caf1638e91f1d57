"""Bounded histories for live plots: the whole run thinned, or the latest points as they were.

Live plots must stay smooth after a million iterations. ``ThinnedSeries`` stores at most
``capacity`` points: when full, neighbouring pairs are averaged (x and y), halving the
resolution and doubling the number of raw values each stored point stands for. Appending only
queues the point (a training loop appends every iteration, so it must cost next to nothing);
queued points are folded in by whole blocks of NumPy, when the queue is long or the series is
read. Storage is allocated once, at construction. ``RecentSeries`` keeps the last
``capacity`` raw points unchanged, for views of the latest iterations (a mean over a bucket
would smooth away the very noise such a view shows).
"""

from __future__ import annotations

import numpy as np

QUEUE_LENGTH = 512
"""Points queued before they are folded into the stored ones."""


class _QueuedSeries:
    """Storage for ``capacity`` points of ``columns`` values, and the queue appends go to."""

    def __init__(self, capacity: int, columns: int):
        self.capacity = capacity
        self.columns = columns
        self._x = np.empty(capacity)
        self._y = np.empty((capacity, columns))
        self._queue: list = []
        self._n = 0

    def __len__(self) -> int:
        self._flush()
        return self._n

    def append(self, x: float, y) -> None:
        """Add one raw point (y: a number, or ``columns`` numbers, or arrays that hold them)."""
        self._queue.append((x, y))
        if len(self._queue) >= QUEUE_LENGTH:
            self._flush()

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Add raw points in a block: xs (n,), ys (n, columns); as n appends would."""
        self._flush()
        self._fold(np.asarray(xs, dtype=float),
                   np.asarray(ys, dtype=float).reshape(len(xs), self.columns))

    def _flush(self) -> None:
        """Fold the queued points into the stored ones."""
        if self._queue:
            queue, self._queue = self._queue, []
            self._fold(*_as_arrays(queue, self.columns))

    def _fold(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Take in raw points xs (n,), ys (n, columns)."""
        raise NotImplementedError


class ThinnedSeries(_QueuedSeries):
    """(x, y) points; each stored point is the mean of ``stride`` consecutive raw points.

    The last ``count mod stride`` raw points are still being averaged and not yet visible.
    """

    def __init__(self, capacity: int = 4096, columns: int = 1):
        if capacity < 2 or capacity % 2:
            raise ValueError(f"capacity must be an even number ≥ 2, got {capacity}")
        super().__init__(capacity, columns)
        self._stride = 1
        self._pending_x = 0.0
        self._pending_y = np.zeros(columns)
        self._pending_count = 0
        self._count = 0

    @property
    def stride(self) -> int:
        """How many raw points each stored point is the mean of."""
        self._flush()
        return self._stride

    @property
    def count(self) -> int:
        """How many raw points were appended in all."""
        return self._count + len(self._queue)

    def clear(self) -> None:
        self._queue.clear()
        self._n = 0
        self._stride = 1
        self._count = 0
        self._pending_x = 0.0
        self._pending_y[:] = 0
        self._pending_count = 0

    @property
    def x(self) -> np.ndarray:
        """Copy of the stored x values."""
        self._flush()
        return self._x[: self._n].copy()

    @property
    def y(self) -> np.ndarray:
        """Copy of the stored y values: (n,) for one column, else (n, columns)."""
        self._flush()
        y = self._y[: self._n].copy()
        return y[:, 0] if self.columns == 1 else y

    def _fold(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Average raw points in, as appending them one by one would (up to rounding)."""
        self._count += len(xs)
        i, n = 0, len(xs)
        while i < n:
            if self._pending_count == 0 and self._n == self.capacity:
                self._halve()
            stride = self._stride
            if self._pending_count:  # first complete the bucket being averaged
                take = min(stride - self._pending_count, n - i)
                self._gather(xs[i:i + take], ys[i:i + take])
                i += take
                if self._pending_count == stride:
                    self._store(self._pending_x / stride, self._pending_y / stride)
                    self._pending_x, self._pending_count = 0.0, 0
                    self._pending_y[:] = 0
                continue
            buckets = min(self.capacity - self._n, (n - i) // stride)
            if buckets == 0:  # fewer than a bucket left: they start the next one
                self._gather(xs[i:], ys[i:])
                return
            block = slice(i, i + buckets * stride)
            self._store(xs[block].reshape(buckets, stride).mean(axis=1),
                        ys[block].reshape(buckets, stride, self.columns).mean(axis=1))
            i += buckets * stride

    def _gather(self, xs: np.ndarray, ys: np.ndarray) -> None:
        self._pending_x += float(xs.sum())
        self._pending_y += ys.sum(axis=0)
        self._pending_count += len(xs)

    def _store(self, x, y) -> None:
        rows = np.size(x)
        self._x[self._n:self._n + rows] = x
        self._y[self._n:self._n + rows] = y
        self._n += rows

    def _halve(self) -> None:
        half = self.capacity // 2
        self._x[:half] = self._x.reshape(half, 2).mean(axis=1)
        self._y[:half] = self._y.reshape(half, 2, self.columns).mean(axis=1)
        self._n = half
        self._stride *= 2


class RecentSeries(_QueuedSeries):
    """The last ``capacity`` raw (x, y) points appended, oldest first; the oldest goes when
    a new one comes to a full series."""

    def __init__(self, capacity: int = 2048, columns: int = 1):
        super().__init__(capacity, columns)
        self._end = 0
        """Where the next point goes."""

    @property
    def x(self) -> np.ndarray:
        """Copy of the kept x values, oldest first."""
        self._flush()
        return self._in_order(self._x)

    @property
    def y(self) -> np.ndarray:
        """Copy of the kept y values, oldest first: (n, columns)."""
        self._flush()
        return self._in_order(self._y)

    def _in_order(self, values: np.ndarray) -> np.ndarray:
        if self._n < self.capacity:
            return values[: self._n].copy()
        return np.concatenate([values[self._end:], values[: self._end]])

    def _fold(self, xs: np.ndarray, ys: np.ndarray) -> None:
        xs, ys = xs[-self.capacity:], ys[-self.capacity:]
        rows = (self._end + np.arange(len(xs))) % self.capacity
        self._x[rows] = xs
        self._y[rows] = ys
        self._end = (self._end + len(xs)) % self.capacity
        self._n = min(self._n + len(xs), self.capacity)


def _as_arrays(queue: list, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """Queued (x, y) points as arrays (n,) and (n, columns)."""
    xs = np.array([x for x, _ in queue], dtype=float)
    ys = np.array([y for _, y in queue], dtype=float).reshape(len(queue), columns)
    return xs, ys
