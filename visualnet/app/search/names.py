"""What the Search tab calls each searchable field: the forms' labels, layer numbers from 1."""

from __future__ import annotations

from visualnet.app.forms import labels
from visualnet.core.search import fields, scales
from visualnet.core.search.fields import Searchable
from visualnet.core.search.report import SYMBOLS

DERIVED = {
    fields.HIDDEN_UNITS: "Hidden units",
    fields.HIDDEN_LAYERS: "Hidden layers",
    fields.HIDDEN_ACTIVATION: "Hidden activation",
    "training.optimizer.name": "Optimizer",
    "training.schedule.name": "α decay schedule",
}

OWNERS = {"optimizer": "OptimizerConfig", "schedule": "ScheduleConfig",
          "early_stopping": "EarlyStoppingConfig"}
"""The schema class of each group, for labels that depend on it ('OptimizerConfig.name')."""


def label(path: str) -> str:
    """'α  learning rate', 'Mini-batch size', 'Layer 3 keep_prob', 'Hidden layers'."""
    if path in DERIVED:
        return DERIVED[path]
    parts = path.split(".")
    if parts[:2] == ["network", "layers"]:
        name = "activation" if parts[3] == "type" else parts[3]
        return f"Layer {int(parts[2]) + 1} {name}"
    name = parts[-1]
    owner = OWNERS.get(parts[-2], "")
    return labels.LABELS.get(f"{owner}.{name}", labels.LABELS.get(name, name))


def symbol(path: str) -> str:
    """A short axis title: 'α', 'β₁', 'Mini-batch size', 'Hidden units'."""
    short = fields.short_name(path)
    if short in SYMBOLS:
        return SYMBOLS[short]
    return label(path).split(" (")[0]


def allowed(info: Searchable) -> str:
    """The schema's range for the field list: '(0, 10]', '[1, 4096]', '6 choices'."""
    if info.kind == "choice":
        return f"{len(info.choices)} choices"
    return info.allowed().removeprefix("in ")


def tooltip(info: Searchable) -> str:
    return f"{info.path}\n{info.description}\nAllowed: {info.allowed()}"


def scale_tooltip(scale: str) -> str:
    return f"{scales.LABELS[scale]}: {scales.FORMULAS[scale]}"
