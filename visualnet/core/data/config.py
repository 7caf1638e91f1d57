"""The data part of the experiment schema: which data, how it is split, transformed, augmented."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SYNTHETIC = ("flower", "moons", "circles", "spiral", "xor", "blobs", "sine")
BUNDLED = ("digits", "iris", "breast_cancer", "wine")
FILES = ("csv", "npz")
SOURCES = SYNTHETIC + BUNDLED + FILES

Source = Literal[
    "flower", "moons", "circles", "spiral", "xor", "blobs", "sine",
    "digits", "iris", "breast_cancer", "wine", "csv", "npz",
]


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class FeatureConfig(_Config):
    """Extra input features for 2-D data (TensorFlow Playground style)."""

    x1_squared: bool = Field(False, description="Add x₁² as an input")
    x2_squared: bool = Field(False, description="Add x₂² as an input")
    x1_x2: bool = Field(False, description="Add x₁·x₂ as an input")
    sin_x1: bool = Field(False, description="Add sin x₁ as an input")
    sin_x2: bool = Field(False, description="Add sin x₂ as an input")

    def enabled(self) -> list[str]:
        """Names of the features switched on, in the fixed order of the schema."""
        return [name for name in type(self).model_fields if getattr(self, name)]


class SplitConfig(_Config):
    """Fractions of the examples for train / dev / test (they must add up to 1)."""

    train: float = Field(0.6, gt=0, le=1, description="Fraction used to fit the weights")
    dev: float = Field(0.2, ge=0, lt=1, description="Fraction used to compare models")
    test: float = Field(0.2, ge=0, lt=1, description="Fraction held back for the final report")

    @model_validator(mode="after")
    def _adds_up(self):
        total = self.train + self.dev + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(
                f"train + dev + test must add up to 1, got {self.train:g} + {self.dev:g} + "
                f"{self.test:g} = {total:g}"
            )
        return self


class AugmentConfig(_Config):
    """Training-only augmentation of mini-batches; every option is off (0) by default."""

    flip: bool = Field(False, description="Images: mirror left-right with probability ½")
    shift: int = Field(
        0, ge=0, le=4, description="Images: random shift/crop by up to this many pixels"
    )
    rotate: float = Field(0.0, ge=0, le=45, description="Images: random rotation up to ± degrees")
    zoom: float = Field(
        0.0, ge=0, le=0.5, description="Images: random zoom by up to ± this fraction"
    )
    pixel_noise: float = Field(
        0.0, ge=0, le=1, description="Images: Gaussian pixel noise σ (normalized units)"
    )
    jitter: float = Field(
        0.0, ge=0, le=1, description="2-D points: Gaussian jitter σ (normalized units)"
    )

    def any(self) -> bool:
        return bool(self.flip or self.shift or self.rotate or self.zoom or self.pixel_noise
                    or self.jitter)


class DataConfig(_Config):
    """Where the examples come from and how they are prepared."""

    source: Source = Field("moons", description="Built-in set, bundled real set, or a file")
    n: int = Field(400, ge=10, le=100_000, description="Number of examples (built-in 2-D sets)")
    noise: float = Field(0.2, ge=0, le=5, description="Noise level (built-in sets)")
    classes: int = Field(3, ge=2, le=10, description="Arms (spiral) or centres (blobs)")
    seed: int = Field(
        0, ge=0, le=2**32 - 1, description="Seed for generating and splitting the data"
    )
    path: str | None = Field(None, description="CSV or .npz file (source csv/npz)")
    label_column: str | None = Field(None, description="CSV column holding the label")
    features: FeatureConfig = Field(default_factory=FeatureConfig)
    split: SplitConfig = Field(default_factory=SplitConfig)
    normalize: bool = Field(True, description="x = (x − μ)/σ with μ, σ² from the training split")
    augment: AugmentConfig = Field(default_factory=AugmentConfig)
    extra_points: list[tuple[float, float, int]] = Field(
        default_factory=list, description="Points added by clicking: (x₁, x₂, class)"
    )

    @model_validator(mode="after")
    def _file_fields(self):
        if self.source in FILES and not self.path:
            raise ValueError(f"data source {self.source!r} needs a path to the file")
        if self.source == "csv" and not self.label_column:
            raise ValueError("a CSV data source needs label_column, the name of the label column")
        return self
