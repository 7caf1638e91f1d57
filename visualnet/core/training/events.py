"""What the training loop tells its listeners. Every payload is a copy, safe for another thread.

Listeners are plain callables ``listener(event)``; they must return quickly (the app only
stores the latest values and draws them on a timer). Events are slotted dataclasses, not
frozen ones: IterationEvent comes every iteration, and a frozen dataclass takes three times as
long to build (what the plots draw of each iteration comes a block at a time, as IterationBlock).
Treat them as read-only all the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(slots=True)
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


@dataclass(slots=True)
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


@dataclass(slots=True)
class LayerStatsEvent:
    """Per dense layer l: ‖W[l]‖_F and ‖dW[l]‖_F (vanishing/exploding); batch-norm running μ, σ²."""

    iteration: int
    weight_norms: dict[str, float]
    grad_norms: dict[str, float]
    running_mean: dict[str, np.ndarray] = field(default_factory=dict)
    running_var: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(slots=True)
class IterationBlock:
    """Consecutive iterations t, sent together: each one's J{t} and α, and a few traced weight
    coordinates' raw gradient dW and optimizer state after the update.

    Rows are the iterations (``iterations``, ``cost``, ``lr``: (n,)); columns the traced weights
    (``names``, K of them, maybe none): ``gradient``, ``velocity`` and ``s`` are (n, K).
    ``velocity`` is V_dW and ``s`` is S_dW, as the optimizer holds them (NaN columns for an
    optimizer without that state); ``correction`` (n,) = 1/(1 − βᵗ), the factor that
    bias-corrects row t's V_dW (1 if none). ``latest`` is the IterationEvent of the last row:
    where the run stood when the block was sent. The monitor sends iterations in blocks, not one
    by one (see ``monitor``).
    """

    iterations: np.ndarray
    cost: np.ndarray
    lr: np.ndarray
    names: tuple[str, ...]
    gradient: np.ndarray
    velocity: np.ndarray
    s: np.ndarray
    correction: np.ndarray
    latest: IterationEvent

    @property
    def velocity_corrected(self) -> np.ndarray:
        """V_dW/(1 − βᵗ), row by row."""
        return self.velocity * self.correction[:, None]

    @property
    def sqrt_s(self) -> np.ndarray:
        """√S_dW."""
        return np.sqrt(self.s)


@dataclass(slots=True)
class MaskEvent:
    """The latest dropout masks d (units × examples of the mini-batch), by layer row (1-based)."""

    iteration: int
    masks: dict[int, np.ndarray]
    keep_probs: dict[int, float]


@dataclass(slots=True)
class StatusEvent:
    """The run's state changed: running, paused, finished, stopped, early_stopped, diverged."""

    state: str
    message: str = ""
    iteration: int = 0
    epoch: int = 0


Event = IterationEvent | EpochEvent | LayerStatsEvent | IterationBlock | MaskEvent | StatusEvent
