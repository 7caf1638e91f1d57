"""One step of one racer, taken apart as the step-by-step view shows it.

A step of every optimizer reads as four parts (an optimizer without a part skips it):

    1. gradient   dW at the head
    2. velocity   v = β·v + (1 − β)·dW, bias-corrected v̂ = v/(1 − βᵗ) if the update uses it
    3. scale      divide each axis by √ŝ + ε (RMSprop and AdaGrad: √s)
    4. step       W −= α·(what parts 1–3 made): the update, from position[t − 1] to position[t]

``step_parts(trajectory, t)`` reads step t from the racer's record (see ``trajectory``): the
gradient used, the state the update used and the update itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from visualnet.core import optimizers
from visualnet.core.race.trajectory import Trajectory

PHASES = ("gradient", "velocity", "scale", "step")
"""The parts of a step, in order."""


@dataclass(frozen=True)
class StepParts:
    """Step t of one racer. ``velocity`` is None for optimizers without v (GD, RMSprop,
    AdaGrad), ``root`` None for those that do not divide by √s (GD, momentum, Nesterov)."""

    t: int
    origin: np.ndarray
    gradient: np.ndarray
    velocity: np.ndarray | None
    corrected: bool
    """Whether ``velocity`` is the bias-corrected v̂ (what the update uses) rather than v."""
    root: np.ndarray | None
    root_corrected: bool
    """Whether ``root`` is √ŝ (Adam's bias-corrected s) rather than √s."""
    update: np.ndarray
    end: np.ndarray

    def has(self, phase: str) -> bool:
        """Whether this optimizer's step has the part ``phase`` (one of PHASES)."""
        if phase == "velocity":
            return self.velocity is not None
        if phase == "scale":
            return self.root is not None
        return True


def step_parts(trajectory: Trajectory, t: int) -> StepParts | None:
    """Step t (≥ 1) of the racer, or None when it has not taken it or stopped before it."""
    if not 1 <= t <= trajectory.settled:
        return None
    slots = optimizers.REGISTRY[trajectory.optimizer].slots
    corrected = uses_corrected_velocity(trajectory.optimizer, trajectory.hyperparameters)
    velocity = None
    if "v" in slots:
        velocity = (trajectory.v_hat if corrected else trajectory.v)[t].copy()
    root = np.sqrt(trajectory.s_hat[t]) if "s" in slots else None
    origin, end = trajectory.position[t - 1].copy(), trajectory.position[t].copy()
    return StepParts(t, origin, trajectory.gradient[t].copy(), velocity, corrected, root,
                     trajectory.optimizer == "adam", end - origin, end)


def uses_corrected_velocity(optimizer: str, hyperparameters) -> bool:
    """Adam always steps along v̂; momentum does when its bias correction is on."""
    return optimizer == "adam" or (optimizer == "momentum"
                                   and bool(hyperparameters.get("bias_correction", False)))


def phases(optimizer_names) -> tuple[str, ...]:
    """The parts a race's step-by-step view goes through: those at least one racer has."""
    slots = {slot for name in optimizer_names for slot in optimizers.REGISTRY[name].slots}
    wanted = {"gradient", "step"} | ({"velocity"} if "v" in slots else set()) | (
        {"scale"} if "s" in slots else set())
    return tuple(p for p in PHASES if p in wanted)
