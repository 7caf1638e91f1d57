"""Train/dev/test split: sizes by ratio, a partition, stratified, seeded, never silently empty."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visualnet.core.data import DataError
from visualnet.core.data.split import split_indices, split_sizes


@pytest.mark.parametrize(
    ("m", "ratios", "sizes"),
    [
        (400, (0.6, 0.2, 0.2), (240, 80, 80)),
        (1000, (0.98, 0.01, 0.01), (980, 10, 10)),
        (20, (0.98, 0.01, 0.01), (18, 1, 1)),  # 0.2 examples round up to one, never to none
        (10, (0.7, 0.3, 0.0), (7, 3, 0)),
        (10, (1.0, 0.0, 0.0), (10, 0, 0)),
    ],
)
def test_sizes_follow_the_ratios(m, ratios, sizes):
    assert split_sizes(m, ratios, "data") == sizes
    parts = split_indices(m, ratios, np.random.default_rng(0))
    assert tuple(len(p) for p in parts) == sizes


def test_too_few_examples_is_a_clear_error():
    with pytest.raises(DataError, match=r"^tiny\.csv: 10 examples are too few for a "
                                        r"0\.1/0\.45/0\.45 train/dev/test split"):
        split_sizes(10, (0.1, 0.45, 0.45), "tiny.csv")


def test_stratified_each_class_spread_in_proportion():
    labels = np.repeat([0, 1, 2], [70, 20, 10])
    train, dev, test = split_indices(100, (0.6, 0.2, 0.2), np.random.default_rng(3), labels)
    assert np.bincount(labels[train]).tolist() == [42, 12, 6]
    assert np.bincount(labels[dev]).tolist() == [14, 4, 2]
    assert np.bincount(labels[test]).tolist() == [14, 4, 2]


def test_same_seed_same_split_and_splits_are_shuffled():
    labels = np.repeat([0, 1], 50)
    a = split_indices(100, (0.6, 0.2, 0.2), np.random.default_rng(7), labels)
    b = split_indices(100, (0.6, 0.2, 0.2), np.random.default_rng(7), labels)
    c = split_indices(100, (0.6, 0.2, 0.2), np.random.default_rng(8), labels)
    for x, y in zip(a, b, strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.array_equal(a[0], c[0])
    assert len(set(labels[a[0][:10]])) == 2  # not class 0 first, then class 1


@settings(max_examples=150, deadline=None)
@given(
    m=st.integers(10, 600),
    classes=st.integers(2, 10),
    dev=st.floats(0, 0.4),
    test=st.floats(0, 0.4),
    seed=st.integers(0, 2**32 - 1),
)
def test_a_stratified_partition_for_any_ratios(m, classes, dev, test, seed):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, m)
    ratios = (1 - dev - test, dev, test)
    parts = split_indices(m, ratios, rng, labels)
    assert sorted(np.concatenate(parts).tolist()) == list(range(m))
    for part, ratio in zip(parts, ratios, strict=True):
        assert (len(part) > 0) == (ratio > 0)
        for c in range(classes):
            expected = np.sum(labels == c) * len(part) / m
            assert abs(np.sum(labels[part] == c) - expected) <= 2
