"""What the training loop tells its listeners. Every payload is a copy, safe for another thread.

Listeners are plain callables ``listener(event)``; they must return quickly (the app only
stores the latest values and draws them on a timer).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class IterationEvent:
    """After each mini-batch update t: the mini-batch cost J{t} and the α used."""

    iteration: int
    epoch: int
    batch: int
    batches_per_epoch: int
    cost: float
    lr: float
    examples_seen: int
    elapsed: float


@dataclass(frozen=True)
class EpochEvent:
    """After each epoch: cost and error on each split (NaN for an empty split)."""

    epoch: int
    iteration: int
    train_cost: float
    train_error: float
    dev_cost: float
    dev_error: float
    test_cost: float
    test_error: float
    lr: float
    elapsed: float


@dataclass(frozen=True)
class LayerStatsEvent:
    """Per dense layer l: ‖W[l]‖_F and ‖dW[l]‖_F (vanishing/exploding); batch-norm running μ, σ²."""

    iteration: int
    weight_norms: dict[str, float]
    grad_norms: dict[str, float]
    running_mean: dict[str, np.ndarray] = field(default_factory=dict)
    running_var: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class ProbeEvent:
    """For a few traced weight coordinates: the raw gradient dW and the optimizer's state.

    ``velocity`` is V_dW (NaN for optimizers without it), ``velocity_corrected`` is
    V_dW/(1 − βᵗ), ``sqrt_s`` is √S_dW (RMSprop, Adam, AdaGrad; NaN otherwise).
    """

    iteration: int
    names: tuple[str, ...]
    gradient: np.ndarray
    velocity: np.ndarray
    velocity_corrected: np.ndarray
    sqrt_s: np.ndarray


@dataclass(frozen=True)
class MaskEvent:
    """The latest dropout masks d (units × examples of the mini-batch), by layer row (1-based)."""

    iteration: int
    masks: dict[int, np.ndarray]
    keep_probs: dict[int, float]


@dataclass(frozen=True)
class StatusEvent:
    """The run's state changed: running, paused, finished, stopped, early_stopped, diverged."""

    state: str
    message: str = ""
    iteration: int = 0
    epoch: int = 0


Event = IterationEvent | EpochEvent | LayerStatsEvent | ProbeEvent | MaskEvent | StatusEvent
