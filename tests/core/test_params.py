"""ParamStore: named views into one flat buffer."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from visualnet.core import ParamStore

shapes = st.lists(st.lists(st.integers(1, 4), min_size=1, max_size=3), min_size=1, max_size=5)


def _store(dims, dtype="float64") -> ParamStore:
    return ParamStore([(f"p{i}", tuple(d)) for i, d in enumerate(dims)], dtype)


@given(shapes)
def test_views_alias_the_flat_buffer_in_order(dims):
    store = _store(dims)
    store.flat[...] = np.arange(store.flat.size)
    start = 0
    for (name, _), d in zip(store.layout, dims, strict=True):
        view = store[name]
        assert view.shape == tuple(d)
        assert np.shares_memory(view, store.flat)
        n = int(np.prod(d))
        np.testing.assert_array_equal(view.ravel(), np.arange(start, start + n))
        assert store.slice_of(name) == slice(start, start + n)
        start += n
    assert start == store.flat.size
    for name in store:  # writing through a view is seen in flat
        store[name][...] = -1
    assert (store.flat == -1).all()


@given(shapes)
def test_copy_and_zeros_like_keep_the_layout_but_not_the_memory(dims):
    store = _store(dims, "float32")
    store.flat[...] = 3
    twin, empty = store.copy(), store.zeros_like()
    assert twin.same_layout(store) and empty.same_layout(store)
    assert not np.shares_memory(twin.flat, store.flat)
    twin.flat[...] = 7
    assert (store.flat == 3).all() and (empty.flat == 0).all()
    assert twin.dtype == np.float32


def test_names_keep_insertion_order_and_must_be_unique():
    store = ParamStore([("W1", (2, 3)), ("b1", (2, 1)), ("gamma2", (4, 1))])
    assert list(store) == ["W1", "b1", "gamma2"] and len(store) == 3
    assert store.flat.size == 6 + 2 + 4
    with pytest.raises(ValueError, match="unique"):
        ParamStore([("W1", (2, 2)), ("W1", (1, 1))])


def test_assign_copies_values_and_rejects_other_names_or_shapes():
    store = ParamStore([("W1", (1, 2)), ("b1", (1, 1))])
    store.assign({"W1": [[1.0, 2.0]], "b1": [[3.0]]})
    np.testing.assert_array_equal(store.flat, [1, 2, 3])
    with pytest.raises(ValueError, match="names differ"):
        store.assign({"b1": [[3.0]], "W1": [[1.0, 2.0]]})
    with pytest.raises(ValueError, match=r"W1: expected shape \(1, 2\)"):
        store.assign({"W1": [[1.0, 2.0, 3.0]], "b1": [[3.0]]})
    assert not store.same_layout({"W1": None, "b1": None})


@given(st.integers(1, 5000), st.sampled_from([64, 256, 4096]))
def test_in_chunks_visits_every_element_once_in_order(size, chunk_bytes):
    import visualnet.core.params as params

    a, b = np.arange(size, dtype=np.float32), np.zeros(size, dtype=np.float32)
    seen = []

    def update(x, y):
        assert len(x) == len(y) <= chunk_bytes // 4
        y += x + 1
        seen.append(x.copy())

    saved, params.CHUNK_BYTES = params.CHUNK_BYTES, chunk_bytes
    try:
        params.in_chunks(update, a, b)
    finally:
        params.CHUNK_BYTES = saved
    np.testing.assert_array_equal(np.concatenate(seen), a)
    np.testing.assert_array_equal(b, a + 1)
