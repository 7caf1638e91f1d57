"""What the preview draws and the summary says about prepared data (pure NumPy, no Qt).

    scatter   2-D points: x₁ vs x₂; other classified data: its first two inputs; regression:
              the first input vs the target y — each split apart, coloured by class
    images    a grid of training images with their labels above them
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualnet.app.data_panel.sources import PLANAR
from visualnet.core.data.prepared import PreparedData, Split

SPLITS = ("train", "dev", "test")
GRID = (4, 8)
"""Rows × columns of the sample images."""


@dataclass
class Points:
    x: np.ndarray
    y: np.ndarray
    classes: np.ndarray | None
    """Class index of each point, or None (regression)."""


@dataclass
class Scatter:
    x_label: str
    y_label: str
    splits: dict[str, Points]
    added: Points | None
    """The points added by clicking (the end of the training split), drawn apart."""
    class_names: list[str]
    same_units: bool
    """Both axes are x₁, x₂ of a built-in 2-D set: drawn to one scale, circles look round."""


@dataclass
class ImageGrid:
    pixels: np.ndarray
    """(H, W): the images side by side, NaN (drawn transparent) around and between them."""
    levels: tuple[float, float]
    captions: list[tuple[float, float, str]]
    """(x, y, text): the label of each image, centred in the band above it."""


def preview(data: PreparedData, added: int = 0) -> Scatter | ImageGrid:
    """The view of ``data``; ``added`` clicked points sit at the end of its training split."""
    if data.image_shape is not None:
        return image_grid(data.train, data.class_names, data.image_shape)
    n_raw = data.train.X_raw.shape[0]
    names = data.feature_names[:n_raw]
    if data.task == "regression":
        labels = (names[0], "y")
    elif n_raw >= 2:
        labels = (names[0], names[1])
    else:
        labels = (names[0], "class")
    splits = {name: _points(getattr(data, name), data.task) for name in SPLITS}
    extra = None
    if added:
        train = splits["train"]
        extra = Points(train.x[-added:], train.y[-added:], train.classes[-added:])
        splits["train"] = Points(train.x[:-added], train.y[:-added], train.classes[:-added])
    return Scatter(*labels, splits, extra, list(data.class_names),
                   data.source in PLANAR)


def image_grid(
    split: Split, class_names: list[str], image_shape: tuple[int, int], grid=GRID
) -> ImageGrid:
    """The first rows·cols examples of ``split`` as an image mosaic with captions."""
    (h, w), (rows, cols) = image_shape, grid
    band, gap = max(h // 2, 3), 1
    cell_h, cell_w = band + h + gap, w + gap
    count = min(rows * cols, split.m)
    pixels = np.full((rows * cell_h, cols * cell_w), np.nan)
    captions = []
    for i in range(count):
        r, c = divmod(i, cols)
        top, left = r * cell_h + band, c * cell_w
        pixels[top:top + h, left:left + w] = split.X_raw[:, i].reshape(h, w)
        captions.append((left + w / 2, r * cell_h + band / 2, _caption(split, class_names, i)))
    shown = split.X_raw[:, :count]
    low, high = float(shown.min()), float(shown.max())
    return ImageGrid(pixels, (low, high if high > low else low + 1), captions)


def summary(data: PreparedData) -> str:
    """'train 240 · dev 80 · test 80 · n_x = 2 · 2 classes'."""
    sizes = " · ".join(f"{name} {getattr(data, name).m}" for name in SPLITS)
    if data.task == "regression":
        task = f"regression, n_y = {data.n_y}"
    else:
        task = f"{len(data.class_names)} classes"
    return f"{sizes} · n_x = {data.n_x} · {task}"


def inputs(data: PreparedData) -> str:
    """The network's inputs by name, for the summary's tooltip."""
    return (f"m = number of examples in each split\nn_x = {data.n_x} network inputs: "
            f"{', '.join(data.feature_names)}")


def _points(split: Split, task: str) -> Points:
    X = split.X_raw
    if task == "regression":
        return Points(X[0], split.Y[0], None)
    if X.shape[0] >= 2:
        return Points(X[0], X[1], split.labels)
    return Points(X[0], split.labels.astype(np.float64), split.labels)


def _caption(split: Split, class_names: list[str], i: int) -> str:
    if split.labels is not None:
        return class_names[split.labels[i]]
    return f"{split.Y[0, i]:.3g}"
