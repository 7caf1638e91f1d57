"""Examples as loaded, before splitting: every source (built-in, bundled, file) returns one."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from visualnet.core.data.prepared import Task

MIN_ROWS = 10
"""Fewest examples a file may hold (enough for a train/dev/test split)."""

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass
class RawData:
    """X: (n, m) float64 inputs, examples as columns.

    Classification: ``labels`` (m,) class indices 0…C−1 and ``class_names`` (C of them).
    Regression: ``targets`` (n_y, m) and ``labels`` None.
    """

    name: str
    X: np.ndarray
    labels: np.ndarray | None = None
    targets: np.ndarray | None = None
    class_names: list[str] = field(default_factory=list)
    input_names: list[str] = field(default_factory=list)
    image_shape: tuple[int, int] | None = None

    def __post_init__(self):
        if not self.input_names:
            self.input_names = input_names(self.X.shape[0])

    @property
    def m(self) -> int:
        return int(self.X.shape[1])

    @property
    def task(self) -> Task:
        if self.labels is None:
            return "regression"
        return "binary" if len(self.class_names) == 2 else "multiclass"

    @property
    def is_planar(self) -> bool:
        """Two raw inputs that are not an image: points in the plane."""
        return self.X.shape[0] == 2 and self.image_shape is None


def input_names(n: int) -> list[str]:
    """['x₁', …, 'xₙ'], the default names of n inputs."""
    return [f"x{i}".translate(_SUBSCRIPTS) for i in range(1, n + 1)]


def class_names(count: int) -> list[str]:
    """['class 0', …] for sets whose classes have no names of their own."""
    return [f"class {c}" for c in range(count)]
