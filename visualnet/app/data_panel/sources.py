"""What the data panel offers for each source (pure Python, no Qt): its name in the picker,
the shape of its examples, and which input features and augmentations apply to them.

    points   2-D points (x₁, x₂): feature transforms and jitter apply
    images   flattened images (digits, an .npz of (m, h, w)): the image augmentations apply
    table    anything else (iris, sine, most files): neither applies
"""

from __future__ import annotations

from typing import Literal

from visualnet.core.data.augment import IMAGE_OPTIONS
from visualnet.core.data.bundled import IMAGE_SHAPES
from visualnet.core.data.config import (
    BUNDLED,
    FILES,
    SYNTHETIC,
    AugmentConfig,
    DataConfig,
    FeatureConfig,
)
from visualnet.core.data.prepared import PreparedData

Shape = Literal["points", "images", "table"]

PLANAR = tuple(name for name in SYNTHETIC if name != "sine")

GROUPS = (PLANAR, ("sine",), BUNDLED, FILES)
"""The picker's entries, a separator between groups."""

TITLES = {
    "flower": "Flower (planar)",
    "moons": "Moons",
    "circles": "Circles",
    "spiral": "Spiral",
    "xor": "XOR",
    "blobs": "Blobs",
    "sine": "Sine (regression)",
    "digits": "Digits (8×8 images)",
    "iris": "Iris",
    "breast_cancer": "Breast cancer",
    "wine": "Wine",
    "csv": "CSV file…",
    "npz": ".npz file…",
}

FILE_DIALOGS = {
    "csv": ("Open a CSV data file", "CSV files (*.csv);;All files (*)"),
    "npz": ("Open an .npz data file (arrays X and y)", "NumPy archives (*.npz);;All files (*)"),
}

AUGMENT_FOR: dict[Shape, tuple[str, ...]] = {
    "points": ("jitter",),
    "images": IMAGE_OPTIONS,
    "table": (),
}

NO_FEATURES = "Feature transforms need 2-D points (x₁, x₂); this data has other inputs"
NO_AUGMENT = "No augmentation applies here: the options are for images and for 2-D points."


def shape(source: str, data: PreparedData | None) -> Shape:
    """What ``source``'s examples are: from its prepared ``data`` when that came from it, else
    from the source alone (a file counts as a table until it has loaded)."""
    if data is not None and data.source == source:
        if data.is_planar:
            return "points"
        return "images" if data.image_shape is not None else "table"
    if source in PLANAR:
        return "points"
    return "images" if source in IMAGE_SHAPES else "table"


def switched(
    config: DataConfig, source: str, path: str | None = None, label_column: str | None = None
) -> DataConfig:
    """``config`` with another source. Feature transforms and augmentations that may not apply
    to it are switched off, and the points added by clicking (made for the old data) dropped;
    n, noise, seed, split and normalization stay."""
    kind = shape(source, None)
    augment = {name: value for name, value in config.augment.model_dump().items()
               if name in AUGMENT_FOR[kind]}
    return DataConfig.model_validate({
        **config.model_dump(),
        "source": source,
        "path": path,
        "label_column": label_column,
        "features": config.features if kind == "points" else FeatureConfig(),
        "augment": AugmentConfig(**augment),
        "extra_points": [],
    })
