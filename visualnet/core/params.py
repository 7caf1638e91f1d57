"""Parameters, gradients and optimizer state kept in one contiguous buffer each.

A `ParamStore` is an ordered mapping from a parameter name (``W1``, ``b1``, ``gamma2``…) to an
array that is a *view* into a single flat buffer. Keeping every parameter in one buffer lets an
optimizer update the whole network with a few whole-buffer in-place operations, while layers and
the app still see the familiar per-layer arrays ``W[l]: (n[l], n[l-1])``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np

CHUNK_BYTES = 256 * 1024
"""Bytes per buffer per chunk in ``in_chunks``: the five buffers of an Adam step (parameters,
gradients, two state slots, scratch) then take 1.25 MiB, inside a core's L2 cache."""


class ParamStore(Mapping[str, np.ndarray]):
    """Named views into one flat buffer ``flat`` (order = insertion order)."""

    def __init__(self, shapes: Sequence[tuple[str, tuple[int, ...]]], dtype="float64"):
        self.dtype = np.dtype(dtype)
        self.layout: tuple[tuple[str, tuple[int, ...]], ...] = tuple(
            (name, tuple(int(d) for d in shape)) for name, shape in shapes
        )
        names = [name for name, _ in self.layout]
        if len(set(names)) != len(names):
            raise ValueError(f"parameter names must be unique, got {names}")
        size = sum(int(np.prod(shape)) for _, shape in self.layout)
        self.flat = np.zeros(size, dtype=self.dtype)
        self._views: dict[str, np.ndarray] = {}
        self._slices: dict[str, slice] = {}
        start = 0
        for name, shape in self.layout:
            n = int(np.prod(shape))
            self._slices[name] = slice(start, start + n)
            self._views[name] = self.flat[start : start + n].reshape(shape)
            start += n

    def __getitem__(self, name: str) -> np.ndarray:
        return self._views[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}: {s}" for n, s in self.layout)
        return f"ParamStore({inner}; dtype={self.dtype})"

    def slice_of(self, name: str) -> slice:
        """The positions of parameter ``name`` inside ``flat``."""
        return self._slices[name]

    def zeros_like(self) -> ParamStore:
        """A new store with the same names, shapes and dtype, filled with zeros."""
        return ParamStore(self.layout, self.dtype)

    def copy(self) -> ParamStore:
        """An independent copy (same layout, copied values)."""
        out = self.zeros_like()
        out.flat[...] = self.flat
        return out

    def assign(self, values: Mapping[str, np.ndarray]) -> None:
        """Copy ``values[name]`` into each view; names and shapes must match exactly."""
        if list(values) != list(self._views):
            raise ValueError(
                f"parameter names differ: expected {list(self._views)}, got {list(values)}"
            )
        for name, view in self._views.items():
            arr = np.asarray(values[name])
            if arr.shape != view.shape:
                raise ValueError(f"parameter {name}: expected shape {view.shape}, got {arr.shape}")
            view[...] = arr

    def same_layout(self, other: object) -> bool:
        """True when ``other`` is a store with the same names, shapes and dtype."""
        return (
            isinstance(other, ParamStore)
            and other.layout == self.layout
            and other.dtype == self.dtype
        )


def in_chunks(update: Callable[..., None], *flats: np.ndarray) -> None:
    """Call ``update(*chunks)`` on aligned consecutive chunks of the equal-length 1-D ``flats``.

    A whole-buffer update is a dozen passes; over a large network each pass streams every
    buffer through the cache again. Chunk by chunk, a chunk of every buffer stays in the
    core's L2 cache through all the passes. Every element goes through the same operations,
    so the result does not depend on the chunking.
    """
    size, chunk = flats[0].size, CHUNK_BYTES // flats[0].itemsize
    for start in range(0, size, chunk):
        update(*(flat[start : start + chunk] for flat in flats))
