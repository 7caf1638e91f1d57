"""Learning-rate schedules α(epoch), epochs counted from 0 (the first epoch uses α₀).

    constant         α = α₀
    inverse_time     α = α₀ / (1 + decay_rate·epoch)
    exponential      α = α₀ · base^epoch                      (base 0.95)
    inverse_sqrt     α = α₀ · k / √epoch, with epoch 0 taken as 1 (α = α₀·k there)
    staircase        α = α₀ · factor^⌊epoch / step⌋            (× factor every ``step`` epochs)
    interval_decay   α = α₀ / (1 + decay_rate·⌊epoch / interval⌋)

Each schedule is a small object with JSON-ready ``hyperparameters`` and ``lr(lr0, epoch)``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass


@dataclass
class Constant:
    """α = α₀."""

    name = "constant"
    formula = "α = α₀"

    def lr(self, lr0: float, epoch: int) -> float:
        return lr0

    @property
    def hyperparameters(self) -> dict:
        return asdict(self)


@dataclass
class InverseTime(Constant):
    """α = α₀ / (1 + decay_rate·epoch)."""

    decay_rate: float = 1.0
    name = "inverse_time"
    formula = "α = α₀ / (1 + decay_rate·epoch)"

    def lr(self, lr0, epoch):
        return lr0 / (1.0 + self.decay_rate * epoch)


@dataclass
class Exponential(Constant):
    """α = α₀ · base^epoch."""

    base: float = 0.95
    name = "exponential"
    formula = "α = α₀ · base^epoch"

    def lr(self, lr0, epoch):
        return lr0 * self.base**epoch


@dataclass
class InverseSqrt(Constant):
    """α = α₀ · k / √epoch (epoch 0 counts as 1, so α starts at α₀·k)."""

    k: float = 1.0
    name = "inverse_sqrt"
    formula = "α = α₀ · k / √epoch"

    def lr(self, lr0, epoch):
        return lr0 * self.k / math.sqrt(max(epoch, 1))


@dataclass
class Staircase(Constant):
    """α = α₀ · factor^⌊epoch / step⌋: multiply by ``factor`` every ``step`` epochs."""

    factor: float = 0.5
    step: int = 10
    name = "staircase"
    formula = "α = α₀ · factor^⌊epoch / step⌋"

    def lr(self, lr0, epoch):
        return lr0 * self.factor ** (epoch // self.step)


@dataclass
class IntervalDecay(Constant):
    """α = α₀ / (1 + decay_rate·⌊epoch / interval⌋)."""

    decay_rate: float = 1.0
    interval: int = 10
    name = "interval_decay"
    formula = "α = α₀ / (1 + decay_rate·⌊epoch / interval⌋)"

    def lr(self, lr0, epoch):
        return lr0 / (1.0 + self.decay_rate * (epoch // self.interval))


REGISTRY = {
    cls.name: cls
    for cls in (Constant, InverseTime, Exponential, InverseSqrt, Staircase, IntervalDecay)
}


def create(name: str, **hyperparameters) -> Constant:
    """A schedule by registry name with its hyperparameters."""
    try:
        cls = REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown schedule {name!r}; allowed: {', '.join(REGISTRY)}") from None
    return cls(**hyperparameters)
