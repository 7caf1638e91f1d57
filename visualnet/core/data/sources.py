"""The data sources the app offers: what each one is, which settings it reads, how to load it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from visualnet.core.data import synthetic
from visualnet.core.data.bundled import load_bundled
from visualnet.core.data.config import BUNDLED, FILES, SOURCES, DataConfig
from visualnet.core.data.csv_file import load_csv
from visualnet.core.data.npz_file import load_npz
from visualnet.core.data.raw import RawData

Kind = Literal["built-in", "bundled", "file"]


@dataclass(frozen=True)
class SourceInfo:
    """One entry of the data panel's source list."""

    name: str
    description: str
    kind: Kind
    uses_n: bool = False
    uses_noise: bool = False
    uses_classes: bool = False


_DESCRIPTIONS = {
    "flower": "The course's planar flower: 2 classes on alternating petals of r = 4·sin 4θ",
    "moons": "Two interleaved half-moons, 2 classes",
    "circles": "A ring around a smaller ring, 2 classes: no straight line separates them",
    "spiral": "Interleaved spiral arms, one class per arm (classes = arms)",
    "xor": "Exclusive or: class 1 where x₁ and x₂ have the same sign",
    "blobs": "Gaussian blobs around centres on a circle, one class per blob",
    "sine": "Regression on one input: y = sin x + noise",
    "digits": "Handwritten digits 0–9: 1797 images of 8×8 pixels (scikit-learn)",
    "iris": "Iris flowers: 150 examples, 4 measurements in cm, 3 species (scikit-learn)",
    "breast_cancer": "Breast tumours: 569 examples, 30 measurements, malignant or benign "
                     "(scikit-learn)",
    "wine": "Wines: 178 examples, 13 chemical measurements, 3 cultivars (scikit-learn)",
    "csv": "Your CSV file: a header row, numeric input columns, the label column chosen by name",
    "npz": "Your .npz file: arrays X (m, n), one example per row, and y (m,) labels",
}

_WITH_CLASSES = ("spiral", "blobs")


def source_infos() -> list[SourceInfo]:
    """Every source, in the order the app lists them, with the settings each one reads."""
    return [source_info(name) for name in SOURCES]


def source_info(name: str) -> SourceInfo:
    if name in BUNDLED:
        return SourceInfo(name, _DESCRIPTIONS[name], "bundled")
    if name in FILES:
        return SourceInfo(name, _DESCRIPTIONS[name], "file")
    return SourceInfo(name, _DESCRIPTIONS[name], "built-in", uses_n=True, uses_noise=True,
                      uses_classes=name in _WITH_CLASSES)


def load(config: DataConfig) -> RawData:
    """The examples of ``config.source`` as loaded, before splitting and preprocessing."""
    source = config.source
    if source == "csv":
        return load_csv(config.path, config.label_column)
    if source == "npz":
        return load_npz(config.path)
    if source in BUNDLED:
        return load_bundled(source)
    generate = getattr(synthetic, source)
    if source in _WITH_CLASSES:
        return generate(config.n, config.noise, config.classes, config.seed)
    return generate(config.n, config.noise, config.seed)
