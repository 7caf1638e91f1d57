"""Mini-batches: reshuffled each epoch from the seed, any size, last partial batch kept."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from visualnet.core import minibatches
from visualnet.core.minibatch import batch_count


def _data(m):
    X = np.arange(2 * m, dtype=float).reshape(2, m)  # column i is [i, m + i]
    Y = np.arange(m, dtype=float).reshape(1, m) * 10  # column i is 10·i
    return X, Y


def _epoch(m, size, rng):
    return list(minibatches(*_data(m), size, rng))


def test_last_partial_batch_is_kept_and_every_example_seen_once():
    batches = _epoch(10, 4, np.random.default_rng(0))
    assert [x.shape for x, _ in batches] == [(2, 4), (2, 4), (2, 2)]
    seen = np.concatenate([x[0] for x, _ in batches])
    assert sorted(seen) == list(range(10))
    for x, y in batches:  # X and Y columns stay paired
        np.testing.assert_array_equal(y[0], x[0] * 10)
        np.testing.assert_array_equal(x[1], x[0] + 10)
    assert batch_count(10, 4) == 3


def test_reshuffled_each_epoch_and_reproducible_from_the_seed():
    rng = np.random.default_rng(42)
    first = np.concatenate([x[0] for x, _ in _epoch(50, 8, rng)])
    second = np.concatenate([x[0] for x, _ in _epoch(50, 8, rng)])
    assert not np.array_equal(first, second)
    again = np.random.default_rng(42)
    np.testing.assert_array_equal(np.concatenate([x[0] for x, _ in _epoch(50, 8, again)]), first)
    assert not np.array_equal(first, np.arange(50))


def test_size_one_is_stochastic_and_size_m_is_batch_gradient_descent():
    rng = np.random.default_rng(0)
    assert [x.shape for x, _ in _epoch(5, 1, rng)] == [(2, 1)] * 5
    assert [x.shape for x, _ in _epoch(5, 5, rng)] == [(2, 5)]
    assert [x.shape for x, _ in _epoch(5, 64, rng)] == [(2, 5)]
    assert (batch_count(5, 1), batch_count(5, 5), batch_count(5, 64)) == (5, 1, 1)


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError, match="mini_batch_size"):
        _epoch(5, 0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="Y has 4"):
        list(minibatches(np.zeros((2, 5)), np.zeros((1, 4)), 2, np.random.default_rng(0)))


@given(st.integers(1, 60), st.integers(1, 70), st.integers(0, 2**32 - 1))
def test_batches_partition_the_examples(m, size, seed):
    batches = _epoch(m, size, np.random.default_rng(seed))
    sizes = [x.shape[1] for x, _ in batches]
    assert len(batches) == batch_count(m, size)
    assert sizes[:-1] == [size] * (len(sizes) - 1) and 1 <= sizes[-1] <= size
    assert sorted(np.concatenate([x[0] for x, _ in batches])) == list(range(m))
