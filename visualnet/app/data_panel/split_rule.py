"""How the panel keeps train + dev + test = 1 (pure Python, no Qt).

The user sets train and dev; test is the rest, test = 1 − train − dev. A train or dev that
makes train + dev more than 1 is refused with the sum; presets set all three at once.
"""

from __future__ import annotations

import math

from visualnet.core.data.config import SplitConfig

PRESETS = {
    "60/20/20": (0.6, 0.2, 0.2),
    "80/10/10": (0.8, 0.1, 0.1),
    "98/1/1": (0.98, 0.01, 0.01),
}
"""The course's splits: small data sets (60/20/20) and big ones (98/1/1)."""

DIGITS = 10
"""Fractions are rounded to 10 decimals, so 1 − 0.7 − 0.2 shows as 0.1."""


def with_fraction(split: SplitConfig, name: str, value: float) -> tuple[SplitConfig | None, str]:
    """The split with ``name`` ('train' or 'dev') set to ``value`` and test the rest, or
    (None, why not)."""
    train, dev = (value, split.dev) if name == "train" else (split.train, value)
    test = round(1 - train - dev, DIGITS)
    if test < 0:
        return None, (
            f"train + dev must be at most 1 (test = 1 − train − dev), got {train:g} + {dev:g} = "
            f"{round(train + dev, DIGITS):g}"
        )
    return SplitConfig(train=train, dev=dev, test=test), ""


def preset(name: str) -> SplitConfig:
    train, dev, test = PRESETS[name]
    return SplitConfig(train=train, dev=dev, test=test)


def preset_of(split: SplitConfig) -> str | None:
    """The name of the preset ``split`` equals, if any."""
    for name, ratios in PRESETS.items():
        if all(math.isclose(a, b, abs_tol=1e-9)
               for a, b in zip(ratios, (split.train, split.dev, split.test), strict=True)):
            return name
    return None
