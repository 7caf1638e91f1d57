"""What one racer did, step by step: the arrays a view draws and a CSV holds.

Row t = 0 is the start: its position and loss; everything else is NaN there. Row t ≥ 1 is
step t: the gradient g used (evaluated at row t − 1's position, plus the noise if any), the
optimizer's state after the update (v, v̂ = v/(1 − β₁ᵗ), s, ŝ = s/(1 − β₂ᵗ); NaN for slots the
optimizer does not keep), the position it moved to and the loss there. So at the head of a
step-by-step view, row t gives the arrows drawn from position[t − 1]: gradient[t],
v[t] and update[t] = position[t] − position[t − 1].

A racer that diverged at step d stops there: its arrays end at row d, which holds the step
that blew up (a position or loss that is not finite, or a position outside the race's limits;
``stop_reason`` says which). Row d may hold NaN or ±inf; ``settled`` is the row before.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

VECTOR_FIELDS = ("position", "gradient", "v", "v_hat", "s", "s_hat")
"""Recorded fields with an x and a y component, (steps + 1, 2) each."""


@dataclass(frozen=True)
class Trajectory:
    """One racer's record: arrays of length steps + 1 (rows 0 … steps)."""

    label: str
    optimizer: str
    hyperparameters: Mapping[str, object]
    position: np.ndarray
    loss: np.ndarray
    gradient: np.ndarray
    v: np.ndarray
    v_hat: np.ndarray
    s: np.ndarray
    s_hat: np.ndarray
    diverged_at: int | None
    stop_reason: str | None = None
    """Why it stopped: 'not finite' or 'left the limits' (None while racing)."""

    @property
    def steps(self) -> int:
        """The last step recorded (the step it diverged at, if it did)."""
        return len(self.loss) - 1

    @property
    def update(self) -> np.ndarray:
        """The step actually taken, position[t] − position[t − 1] (NaN at t = 0)."""
        out = np.full_like(self.position, np.nan)
        out[1:] = np.diff(self.position, axis=0)
        return out

    @property
    def sqrt_s(self) -> np.ndarray:
        """√s per axis, the RMS of recent gradients RMSprop divides by."""
        return np.sqrt(self.s)

    @property
    def sqrt_s_hat(self) -> np.ndarray:
        """√ŝ per axis, what Adam divides by (bias-corrected)."""
        return np.sqrt(self.s_hat)

    @property
    def settled(self) -> int:
        """The last step that stayed finite and inside the limits."""
        return self.steps - 1 if self.diverged_at is not None else self.steps
