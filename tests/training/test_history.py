"""ThinnedSeries: bounded, evenly thinned histories for live plots."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from visualnet.core.history import RecentSeries, ThinnedSeries


def test_keeps_every_point_until_full():
    s = ThinnedSeries(8)
    for i in range(8):
        s.append(i, 10.0 * i)
    assert s.stride == 1
    assert list(s.x) == list(range(8))
    assert list(s.y) == [10.0 * i for i in range(8)]


def test_when_full_each_point_becomes_the_mean_of_equal_buckets():
    s = ThinnedSeries(8)
    for i in range(40):
        s.append(i, float(i))
    # 40 points in buckets of 8: means 3.5, 11.5, 19.5, 27.5, 35.5.
    assert s.stride == 8
    np.testing.assert_allclose(s.x, [3.5, 11.5, 19.5, 27.5, 35.5])
    np.testing.assert_allclose(s.y, s.x)
    assert s.count == 40


@given(st.integers(1, 3000), st.sampled_from([2, 4, 16, 64]))
def test_never_exceeds_capacity_and_buckets_stay_aligned(n, capacity):
    s = ThinnedSeries(capacity, columns=2)
    for i in range(n):
        s.append(i, (i, -i))
    assert_stores_the_bucket_means_of_0_to(s, n)


def test_clear_starts_over():
    s = ThinnedSeries(4)
    for i in range(10):
        s.append(i, i)
    s.clear()
    assert len(s) == 0 and s.stride == 1 and s.count == 0
    s.append(5, 1.0)
    assert list(s.x) == [5]


def test_an_odd_capacity_is_refused():
    with pytest.raises(ValueError, match="even number"):
        ThinnedSeries(5)


@given(st.lists(st.integers(1, 700), min_size=1, max_size=8), st.sampled_from([2, 8, 64]))
def test_reading_at_any_moment_shows_the_same_buckets_as_one_read_at_the_end(reads, capacity):
    # Appends are queued and folded in by blocks; when that happens must not change the means.
    s = ThinnedSeries(capacity, columns=2)
    i = 0
    for n in reads:
        for _ in range(n):
            s.append(i, (i, -i))
            i += 1
        assert s.count == i
    assert_stores_the_bucket_means_of_0_to(s, i)


def test_columns_may_arrive_as_a_tuple_of_arrays():
    s = ThinnedSeries(8, columns=4)
    s.append(1, (np.array([1.0, 2.0]), np.array([3.0, 4.0])))
    np.testing.assert_array_equal(s.y, [[1, 2, 3, 4]])


def assert_stores_the_bucket_means_of_0_to(s: ThinnedSeries, n: int) -> None:
    """``s`` was fed (i, (i, −i)) for i < n: it holds whole buckets of ``stride`` points, all
    but fewer than ``stride`` of them, each stored as its mean."""
    assert len(s) <= s.capacity
    stored = len(s) * s.stride
    assert n - s.stride < stored <= n
    expected = np.arange(stored).reshape(-1, s.stride).mean(axis=1)
    np.testing.assert_allclose(s.x, expected)
    np.testing.assert_allclose(s.y[:, 1], -expected)


@given(st.integers(0, 3000), st.sampled_from([1, 7, 64]))
def test_recent_series_keeps_the_last_points_raw_and_in_order(n, capacity):
    s = RecentSeries(capacity, columns=2)
    for i in range(n):
        s.append(i, (i, -i))
        if i % 97 == 0:
            assert s.x[-1] == i  # readable at any moment
    kept = np.arange(max(n - capacity, 0), n, dtype=float)
    np.testing.assert_array_equal(s.x, kept)
    np.testing.assert_array_equal(s.y, np.column_stack([kept, -kept]))
    assert len(s) == len(kept)


@given(st.lists(st.integers(0, 300), min_size=1, max_size=6), st.sampled_from([2, 8, 64]))
def test_blocks_added_with_extend_land_as_the_same_points_appended_one_by_one(blocks, capacity):
    for series in (ThinnedSeries, RecentSeries):
        appended, extended = series(capacity, columns=2), series(capacity, columns=2)
        start = 0
        for size in blocks:
            xs = np.arange(start, start + size, dtype=float)
            for x in xs:
                appended.append(x, (x, x * x))
            if size == 0:  # a queued point before the block must stay before it
                appended.append(-1.0, (0.0, 0.0))
                extended.append(-1.0, (0.0, 0.0))
            extended.extend(xs, np.column_stack([xs, xs * xs]))
            start += size
        np.testing.assert_allclose(extended.x, appended.x)
        np.testing.assert_allclose(extended.y, appended.y)
