"""What each row of the layer stack says: its settings, output shape and parameter shapes.

Course notation, examples as columns: a dense layer l maps A[l-1]: (n[l-1], m) to
Z[l]: (n[l], m) with W[l]: (n[l], n[l-1]) and b[l]: (n[l], 1); batch norm after it replaces b[l]
with γ[l], β[l]: (n[l], 1). l counts dense layers. Shapes are plain arithmetic on the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from visualnet.app.builder import catalog, fields
from visualnet.core import activations


@dataclass(frozen=True)
class Row:
    name: str  # "Dense"
    settings: str  # "16 units · he"
    shapes: str  # "Z[1]: (16, m)   W[1]: (16, 2)   b[1]: (16, 1)"
    params: int  # trainable numbers in this layer


def describe(layers: list[dict], input_dim: int) -> list[Row]:
    """One Row per layer, for inputs X = A[0]: (input_dim, m)."""
    rows = []
    n, number = input_dim, 0
    for i, layer in enumerate(layers):
        kind = layer["type"]
        following = layers[i + 1]["type"] if i + 1 < len(layers) else None
        params: list[tuple[str, int]] = []
        if kind == "dense":
            number += 1
            units = fields.value(layer, "units")
            params.append((f"W[{number}]: ({units}, {n})", units * n))
            if following != "batchnorm":
                params.append((f"b[{number}]: ({units}, 1)", units))
            n = units
        elif kind == "batchnorm":
            params.append((f"γ[{number}], β[{number}]: ({n}, 1)", 2 * n))
        output = {"dense": "Z", "batchnorm": "Z̃"}.get(kind, "A")
        shapes = "   ".join([f"{output}[{number}]: ({n}, m)", *(text for text, _ in params)])
        last = i == len(layers) - 1
        rows.append(
            Row(catalog.NAMES[kind], _settings(layer, last), shapes, sum(c for _, c in params))
        )
    return rows


def _settings(layer: dict, last: bool) -> str:
    kind = layer["type"]
    if kind == "dense":
        units = fields.value(layer, "units")
        init = fields.value(layer, "init")
        parts = [f"{units} unit{'' if units == 1 else 's'}", init]
        option = fields.INIT_OPTION.get(init)
        if option:
            parts.append(f"{option} {fields.show(fields.value(layer, option))}")
        return " · ".join(parts)
    if kind == "batchnorm":
        momentum, eps = fields.value(layer, "momentum"), fields.value(layer, "eps")
        return f"momentum {fields.show(momentum)} · eps {fields.show(eps)}"
    if kind in ("dropout", "leaky_relu"):
        name = fields.shown(layer)[0]
        return f"{name} {fields.show(fields.value(layer, name))}"
    return "output" if last and kind in activations.OUTPUT else ""
