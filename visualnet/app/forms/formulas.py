"""The formulas the hyperparameter form shows: each optimizer's update and each schedule's α."""

from __future__ import annotations

from visualnet.core import schedules
from visualnet.core.experiment import OptimizerConfig

UPDATES: dict[str, str] = {
    "gd": "W −= α·dW",
    "momentum": "v = β·v + (1 − β)·dW\nW −= α·v",
    "nesterov": "v = β·v + (1 − β)·dW\nW −= α·(β·v + (1 − β)·dW)",
    "rmsprop": "s = β·s + (1 − β)·dW²\nW −= α·dW / (√s + ε)",
    "adam": (
        "v = β₁·v + (1 − β₁)·dW\n"
        "s = β₂·s + (1 − β₂)·dW²\n"
        "v_corr = v / (1 − β₁ᵗ),  s_corr = s / (1 − β₂ᵗ)\n"
        "W −= α·v_corr / (√s_corr + ε)"
    ),
    "adagrad": "s = s + dW²\nW −= α·dW / (√s + ε)",
}
"""One line per step, as in the optimizers' docstrings (b alike with db). Bias-corrected values
are written v_corr, s_corr, as in the course: some fonts misplace the combining hat of v̂."""

CORRECTED_MOMENTUM = "v = β·v + (1 − β)·dW\nv_corr = v / (1 − βᵗ)\nW −= α·v_corr"


def update(config: OptimizerConfig) -> str:
    """The update rule of the configured optimizer, a few short lines."""
    if config.name == "momentum" and config.bias_correction:
        return CORRECTED_MOMENTUM
    return UPDATES[config.name]


def schedule(name: str) -> str:
    """α as a function of the epoch, e.g. 'α = α₀ · base^epoch'."""
    return schedules.REGISTRY[name].formula
