"""Which settings of a layer the inspector shows, their current values, and checking a new one.

Every range, choice and description comes from the layer's pydantic spec model in
``visualnet.core.spec``; nothing about a field is declared twice.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from visualnet.core import initializers, validation
from visualnet.core.spec import LayerSpec

INIT_OPTION = {"random": "scale", "custom": "c", "identity": "gain"}
"""The one extra setting an initializer reads (the others read none)."""


def spec_model(kind: str) -> type[BaseModel]:
    """The pydantic model that declares layer type ``kind``'s fields."""
    return _MODELS[kind]


def shown(layer: dict) -> list[str]:
    """The fields of ``layer`` worth editing, in declaration order (Dense: only its init's)."""
    names = [name for name in spec_model(layer["type"]).model_fields if name != "type"]
    if layer["type"] != "dense":
        return names
    option = INIT_OPTION.get(value(layer, "init"))
    return [n for n in names if n not in INIT_OPTION.values() or n == option]


def info(kind: str, name: str) -> FieldInfo:
    return spec_model(kind).model_fields[name]


def value(layer: dict, name: str):
    """The field's value in ``layer``, or its declared default when the dict leaves it out."""
    if name in layer:
        return layer[name]
    return info(layer["type"], name).get_default(call_default_factory=True)


def show(setting) -> str:
    """A setting as the stack and the inspector write it: 16, 0.8, 1e-05."""
    return f"{setting:g}" if isinstance(setting, float) else str(setting)


def tooltip(kind: str, name: str) -> str:
    """'Probability of keeping a unit\\nAllowed: in (0, 1]'."""
    field = info(kind, name)
    return f"{field.description}\nAllowed: {validation.allowed(field)}"


def choice_tooltip(name: str, choice: str) -> str:
    """What one option of a choice field means (the initializers' formulas)."""
    return initializers.DESCRIPTIONS.get(choice, "") if name == "init" else ""


def is_integer(kind: str, name: str) -> bool:
    return info(kind, name).annotation is int


def parse(text: str) -> int | float | str:
    """The number a student typed, as typed ('16' → 16, '1e-5' → 1e-05), or else the text."""
    for kind in (int, float):
        try:
            return kind(text.strip())
        except ValueError:
            pass
    return text


def check(layer: dict, name: str, new) -> tuple[object, str | None]:
    """``new`` as the field's type (3 → 3.0 for a float), and why it is refused, or None:
    'keep_prob must be in (0, 1], got 1.5'."""
    model = spec_model(layer["type"])
    try:
        return getattr(model.model_validate({**layer, name: new}), name), None
    except ValidationError as error:
        return new, validation.explain(error, model, lambda loc: "")


def _models() -> dict[str, type[BaseModel]]:
    union = typing.get_args(LayerSpec)[0]
    return {
        kind: model
        for model in typing.get_args(union)
        for kind in validation.choices(model.model_fields["type"])
    }


_MODELS = _models()
