"""Train/dev/test split by ratios, stratified by class.

Sizes: m_dev = ⌊dev·m + ½⌋ and m_test = ⌊test·m + ½⌋, each at least 1 when its ratio is > 0,
and m_train = m − m_dev − m_test, which must be at least 1.
Stratification: the examples are ordered class by class (shuffled within each class), and the
splits are dealt along that order so that the members of split s sit at evenly spaced places
(k + ½)·m/m_s. Each class, a run of that order, thus gets its share of every split to within
two examples (m_c·m_s/m ± 2). Without labels (regression) the order is simply shuffled.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.errors import DataError


def split_sizes(m: int, ratios: tuple[float, float, float], name: str) -> tuple[int, int, int]:
    """(m_train, m_dev, m_test) for m examples and the (train, dev, test) fractions."""
    dev, test = (max(int(np.floor(r * m + 0.5)), 1) if r > 0 else 0 for r in ratios[1:])
    train = m - dev - test
    if train < 1:
        shares = "/".join(f"{r:g}" for r in ratios)
        raise DataError(f"{name}: {m} examples are too few for a {shares} train/dev/test split "
                        "with no split empty; use more examples or a larger train fraction")
    return train, dev, test


def split_indices(
    m: int,
    ratios: tuple[float, float, float],
    rng: np.random.Generator,
    labels: np.ndarray | None = None,
    name: str = "data",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Indices of the train, dev and test examples (each in random order)."""
    sizes = split_sizes(m, ratios, name)
    order = rng.permutation(m)
    if labels is not None:
        order = order[np.argsort(labels[order], kind="stable")]
    keys = np.concatenate([(np.arange(size) + 0.5) / size for size in sizes])
    which = np.repeat(np.arange(3), sizes)[np.argsort(keys, kind="stable")]
    return tuple(rng.permutation(order[which == s]) for s in range(3))
