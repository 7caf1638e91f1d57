"""Why a layer stack cannot train, and which row to blame — the core's own reasons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from visualnet.app.builder import fields
from visualnet.core import validation
from visualnet.core.spec import structure_problem


@dataclass(frozen=True)
class Problem:
    reason: str  # "Layer 4 (relu): the last layer must be an output activation (…)"
    row: int | None  # 0-based row to highlight, None when no one layer is to blame


def find(layers: list[dict]) -> Problem | None:
    """The first problem of ``layers`` (a bad field, then the stack's structure), or None."""
    specs = []
    for i, layer in enumerate(layers):
        model = fields.spec_model(layer["type"])
        try:
            specs.append(model.model_validate(layer))
        except ValidationError as error:
            where = f"layer {i + 1} ({layer['type']})"
            return _problem(validation.explain(error, model, lambda loc, w=where: w))
    reason = structure_problem(specs)
    return _problem(reason) if reason else None


def _problem(reason: str) -> Problem:
    # The core numbers layers from 1 at the start of a message: "layer 3 (dropout): …".
    match = re.match(r"layer (\d+) \(", reason)
    row = int(match.group(1)) - 1 if match else None
    return Problem(reason[:1].upper() + reason[1:], row)
