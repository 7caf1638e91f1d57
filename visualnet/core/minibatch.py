"""Mini-batches X{t}, Y{t}: reshuffle the m columns each epoch, then cut them in order.

Size 1 is stochastic gradient descent, size m is batch gradient descent; the last partial
batch (m mod size examples) is kept, so every example is seen once per epoch.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


def batch_count(m: int, size: int) -> int:
    """⌈m / size⌉ mini-batches per epoch."""
    return -(-m // size)


def minibatches(
    X: np.ndarray, Y: np.ndarray, size: int, rng: np.random.Generator
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Yield (X{t}, Y{t}) of one epoch; the columns are permuted by ``rng``.

    The shuffled copies are stored column-major, so each X{t} is a contiguous slice.
    """
    m = X.shape[1]
    if size < 1:
        raise ValueError(f"mini_batch_size must be ≥ 1, got {size}")
    if Y.shape[1] != m:
        raise ValueError(f"X has {m} examples but Y has {Y.shape[1]}")
    order = rng.permutation(m)
    xs = np.empty(X.shape, dtype=X.dtype, order="F")
    ys = np.empty(Y.shape, dtype=Y.dtype, order="F")
    np.take(X, order, axis=1, out=xs)
    np.take(Y, order, axis=1, out=ys)
    for start in range(0, m, size):
        yield xs[:, start : start + size], ys[:, start : start + size]
