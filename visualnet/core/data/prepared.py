"""Data ready for training: split, transformed and normalized, with what the plots need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from visualnet.core.data.preprocess import Preprocessor

Task = Literal["binary", "multiclass", "regression"]


@dataclass
class Split:
    """One of train/dev/test. X is the network input (features added, normalized).

    X: (n_x, m); Y: (n_y, m) targets (binary: 0/1 row; multiclass: one-hot; regression: values);
    X_raw: (n_raw, m) as loaded (what the scatter plots show); labels: (m,) class indices, or
    None for regression.
    """

    X: np.ndarray
    Y: np.ndarray
    X_raw: np.ndarray
    labels: np.ndarray | None

    @property
    def m(self) -> int:
        return int(self.X.shape[1])


@dataclass
class PreparedData:
    """train/dev/test splits plus the preprocessing that produced them."""

    train: Split
    dev: Split
    test: Split
    preprocessor: Preprocessor
    task: Task
    class_names: list[str] = field(default_factory=list)
    feature_names: list[str] = field(default_factory=list)
    """Names of the network inputs (rows of X), e.g. ['x₁', 'x₂', 'x₁²']."""
    image_shape: tuple[int, int] | None = None
    """(height, width) when each raw example is a flattened image (digits: (8, 8))."""
    source: str = ""

    @property
    def n_x(self) -> int:
        return int(self.train.X.shape[0])

    @property
    def n_y(self) -> int:
        return int(self.train.Y.shape[0])

    @property
    def is_planar(self) -> bool:
        """True when raw inputs are 2-D points (decision boundaries can be drawn)."""
        return self.train.X_raw.shape[0] == 2 and self.image_shape is None
