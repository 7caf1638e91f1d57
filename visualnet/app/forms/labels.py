"""What the forms call each schema field and choice, in the course's words and symbols."""

from __future__ import annotations

from pydantic import BaseModel

from visualnet.core import optimizers

LABELS: dict[str, str] = {
    "OptimizerConfig.name": "Algorithm",
    "lr": "α  learning rate",
    "beta": "β",
    "beta1": "β₁",
    "beta2": "β₂",
    "eps": "ε",
    "bias_correction": "Bias correction",
    "mini_batch_size": "Mini-batch size",
    "epochs": "Epochs",
    "l2": "L2 λ",
    "l1": "L1 λ",
    "ScheduleConfig.name": "Schedule",
    "decay_rate": "Decay rate",
    "base": "Base",
    "k": "k",
    "factor": "Factor",
    "step": "Step (epochs)",
    "interval": "Interval (epochs)",
    "EarlyStoppingConfig.enabled": "Stop early",
    "patience": "Patience (epochs)",
    "min_delta": "Min. Δ dev cost",
    "seed": "Seed",
    "dtype": "dtype",
    # the data panel
    "DataConfig.n": "Examples",
    "DataConfig.noise": "Noise",
    "DataConfig.classes": "Classes",
    "DataConfig.seed": "Data seed",
    "DataConfig.normalize": "Normalize inputs",
    "SplitConfig.train": "Train",
    "SplitConfig.dev": "Dev",
    "SplitConfig.test": "Test",
    "FeatureConfig.x1_squared": "x₁²",
    "FeatureConfig.x2_squared": "x₂²",
    "FeatureConfig.x1_x2": "x₁x₂",
    "FeatureConfig.sin_x1": "sin x₁",
    "FeatureConfig.sin_x2": "sin x₂",
    "AugmentConfig.flip": "Flip left-right",
    "AugmentConfig.shift": "Shift (pixels)",
    "AugmentConfig.rotate": "Rotate (± °)",
    "AugmentConfig.zoom": "Zoom (± fraction)",
    "AugmentConfig.pixel_noise": "Pixel noise σ",
    "AugmentConfig.jitter": "Jitter σ",
}
"""Form labels, by field name or, where names repeat, by 'ModelClass.field'."""

SYMBOLS: dict[str, str] = {
    "lr": "α",
    "step": "Step",
    "interval": "Interval",
    "patience": "Patience",
    "shift": "Shift",
    "rotate": "Rotation",
    "zoom": "Zoom",
}
"""How messages name a field when its label is too long: 'α must be in (0, 10]'."""

CHOICES: dict[str, str] = {
    **{name: cls.label for name, cls in optimizers.REGISTRY.items()},
    "constant": "Constant α",
    "inverse_time": "Inverse time",
    "exponential": "Exponential",
    "inverse_sqrt": "k / √epoch",
    "staircase": "Staircase",
    "interval_decay": "Interval decay",
}
"""Readable labels of Literal choices (a choice not listed shows as itself, e.g. float32)."""


def label(model: BaseModel, name: str) -> str:
    return LABELS.get(f"{type(model).__name__}.{name}", LABELS.get(name, name))


def symbol(model: BaseModel, name: str) -> str:
    return SYMBOLS.get(name, label(model, name))


def choice(value: object) -> str:
    return CHOICES.get(str(value), str(value))
