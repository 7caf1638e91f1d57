"""Training-only augmentation of mini-batches; every option is off unless switched on.

Images (raw pixels, reshaped by ``image_shape``), each image with its own random draw:
    flip         mirror left-right with probability ½
    shift = s    move by dy, dx ~ U{−s, …, s} whole pixels (uncovered pixels are 0)
    rotate = r   turn by θ ~ U[−r°, r°] about the centre (bilinear sampling)
    zoom = z     scale by s ~ U[1 − z, 1 + z] about the centre (bilinear sampling)
    pixel_noise  after preprocessing, x ← x + σ·ε, ε ~ N(0, 1) per pixel (normalized units)
2-D points:
    jitter = σ   x ← x + σ·ε in normalized units. It moves the raw x₁, x₂ by σ·σ_train (σ_train
                 the training split's std of x₁, x₂; 1 without normalization) before the
                 feature transforms, so x₁², x₁·x₂, … stay those of the moved point.
The Trainer applies it to training mini-batches only; dev and test are never augmented.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.config import AugmentConfig
from visualnet.core.data.errors import DataError
from visualnet.core.data.image_ops import flip_lr, rotate_zoom, shift
from visualnet.core.data.prepared import PreparedData

IMAGE_OPTIONS = ("flip", "shift", "rotate", "zoom", "pixel_noise")


class Augmenter:
    """``apply(X_raw_batch, rng)`` → the network input of a randomly changed batch."""

    def __init__(self, config: AugmentConfig, data: PreparedData):
        for_images = [name for name in IMAGE_OPTIONS if getattr(config, name)]
        if for_images and data.image_shape is None:
            raise DataError(f"{data.source}: augmentation {', '.join(for_images)} only applies "
                            "to images; turn it off for this data")
        if config.jitter and not data.is_planar:
            raise DataError(f"{data.source}: augmentation jitter only applies to 2-D points; "
                            "turn it off for this data")
        self.config = config
        self.preprocessor = data.preprocessor
        self.image_shape = data.image_shape
        std = self.preprocessor.std
        self._jitter_scale = 1.0 if std is None else std[:2]

    @property
    def active(self) -> bool:
        """Whether any option is on (if not, apply is just the preprocessor)."""
        return self.config.any()

    def apply(self, X_raw: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """X_raw: (n_raw, B) raw examples → (n_x, B) augmented, preprocessed network input."""
        cfg = self.config
        X = np.asarray(X_raw, dtype=np.float64)
        if cfg.flip or cfg.shift or cfg.rotate or cfg.zoom:
            X = self._images(X, rng)
        if cfg.jitter:
            X = X + cfg.jitter * self._jitter_scale * rng.standard_normal(X.shape)
        X = self.preprocessor.apply(X)
        if cfg.pixel_noise:
            X = X + cfg.pixel_noise * rng.standard_normal(X.shape)
        return X

    def _images(self, X: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        cfg, (h, w), B = self.config, self.image_shape, X.shape[1]
        images = X.T.reshape(B, h, w)
        if cfg.flip:
            images = flip_lr(images, rng.random(B) < 0.5)
        if cfg.rotate or cfg.zoom:
            angles = np.radians(rng.uniform(-cfg.rotate, cfg.rotate, B))
            images = rotate_zoom(images, angles, rng.uniform(1 - cfg.zoom, 1 + cfg.zoom, B))
        if cfg.shift:
            images = shift(images, *rng.integers(-cfg.shift, cfg.shift + 1, (2, B)))
        return images.reshape(B, h * w).T
