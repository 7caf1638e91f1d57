"""The racers: an optimizer by registry name, its hyperparameters and a label.

Hyperparameters are checked against the experiment schema's ``OptimizerConfig`` (the same
ranges and messages as the training forms), missing ones take that schema's defaults, and a
missing α takes the surface's default for that optimizer. Several entries may use the same
optimizer (Adam α = 0.01 against Adam α = 0.1); labels are made unique.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from visualnet.core import optimizers, validation
from visualnet.core.experiment import OPTIMIZER_FIELDS, OptimizerConfig
from visualnet.core.race.surface import Surface

SYMBOLS = {"lr": "α", "beta": "β", "beta1": "β₁", "beta2": "β₂", "eps": "ε"}


@dataclass(frozen=True)
class Entry:
    """One racer. ``hyperparameters`` may leave any out; ``label`` '' means made from them."""

    optimizer: str
    hyperparameters: Mapping[str, object] = field(default_factory=dict)
    label: str = ""


def resolve(entries: Sequence[Entry | str], surface: Surface) -> list[Entry]:
    """Checked entries with every hyperparameter filled in and unique labels.

    A plain string stands for that optimizer with its defaults. Errors name the entry:
    ``racer 2 (adam): beta1 must be in [0, 1), got 1.5``.
    """
    if not entries:
        raise ValueError("the race needs at least one optimizer")
    resolved = [_resolve(i, e if isinstance(e, Entry) else Entry(e), surface)
                for i, e in enumerate(entries)]
    return _unique_labels(resolved)


def describe(optimizer: str, hyperparameters: Mapping[str, object]) -> str:
    """'Adam α=0.01', adding any hyperparameter that differs from its default: 'β₁=0.8'."""
    defaults = OptimizerConfig(name=optimizer)
    parts = [optimizers.REGISTRY[optimizer].label, f"α={hyperparameters['lr']:g}"]
    for key, value in hyperparameters.items():
        if key == "lr" or value == getattr(defaults, key):
            continue
        if isinstance(value, bool):
            parts.append("bias-corrected" if value else "uncorrected")
        else:
            parts.append(f"{SYMBOLS.get(key, key)}={value:g}")
    return " ".join(parts)


def _resolve(index: int, entry: Entry, surface: Surface) -> Entry:
    where = f"racer {index + 1} ({entry.optimizer})"
    if entry.optimizer not in OPTIMIZER_FIELDS:
        raise ValueError(f"racer {index + 1}: unknown optimizer {entry.optimizer!r}; "
                         f"allowed: {', '.join(OPTIMIZER_FIELDS)}")
    fields = OPTIMIZER_FIELDS[entry.optimizer]
    unknown = [k for k in entry.hyperparameters if k not in fields]
    if unknown:
        raise ValueError(f"{where}: unknown hyperparameter {unknown[0]!r}; "
                         f"{entry.optimizer} takes {', '.join(fields)}")
    given = {"lr": surface.default_lr(entry.optimizer), **entry.hyperparameters}
    try:
        config = OptimizerConfig(name=entry.optimizer, **given)
    except ValidationError as error:
        lines = validation.explain(error, OptimizerConfig, where=lambda _: where).splitlines()
        raise ValueError("; ".join(lines)) from None
    hyperparameters = {k: getattr(config, k) for k in fields}
    label = entry.label.strip() or describe(entry.optimizer, hyperparameters)
    return Entry(entry.optimizer, hyperparameters, label)


def _unique_labels(entries: list[Entry]) -> list[Entry]:
    """A label already taken gets ' #2' (or ' #3'…, the first number still free)."""
    taken: set[str] = set()
    out = []
    for e in entries:
        label, n = e.label, 1
        while label in taken:
            n += 1
            label = f"{e.label} #{n}"
        taken.add(label)
        out.append(e if label == e.label else Entry(e.optimizer, e.hyperparameters, label))
    return out
