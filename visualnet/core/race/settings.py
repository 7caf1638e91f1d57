"""The race's own settings, declared once with their ranges and formulas (the forms read them).

The racers' hyperparameters are the experiment schema's ``OptimizerConfig``; these are the rest
of a race: how long it runs, the gradient noise, its seed and the arrival tolerance.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

MAX_STEPS = 100_000


class RaceSettings(BaseModel):
    """How long a race runs and how noisy its gradients are."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    steps: int = Field(1000, ge=1, le=MAX_STEPS,
                       description="Steps each racer takes before the race stops")
    noise: float = Field(0.0, ge=0, le=1000,
                         description="σ: each gradient is ∇f + σ·ξ, ξ ~ N(0, I), "
                         "like a mini-batch's noisy estimate")
    seed: int = Field(0, ge=0, le=2**32 - 1,
                      description="Seeds the noise ξ: the same seed gives the same race")
    tolerance: float = Field(1e-3, gt=0, lt=1,
                             description="A racer arrives when f − f* ≤ tol·(f(start) − f*)")
