"""Turning schema validation errors into messages a student can act on.

Every field of the experiment schema (and of a layer spec) declares its allowed range once, with
pydantic constraints (gt/ge/lt/le) or a Literal of choices. These helpers read those declarations
back, so forms, files and the command line all report the same range in the same words:
``layer 3 (dropout): keep_prob must be in (0, 1], got 1.5``.
"""

from __future__ import annotations

import typing
from collections.abc import Callable

import annotated_types as at
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo


def bounds(info: FieldInfo) -> dict[str, float]:
    """The numeric bounds declared on a field, as {'gt'|'ge'|'lt'|'le': value}."""
    out: dict[str, float] = {}
    for meta in info.metadata:
        for key in ("gt", "ge", "lt", "le"):
            value = getattr(meta, key, None)
            if value is not None and isinstance(meta, at.Gt | at.Ge | at.Lt | at.Le | at.Interval):
                out[key] = value
    return out


def choices(info: FieldInfo) -> tuple | None:
    """The allowed values of a Literal field, or None."""
    annotation = info.annotation
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return None


def allowed(info: FieldInfo) -> str:
    """The allowed values in words: '(0, 1]', '≥ 1', 'one of: gd, adam'."""
    options = choices(info)
    if options is not None:
        return "one of: " + ", ".join(str(o) for o in options)
    b = bounds(info)
    low = ("(", b["gt"]) if "gt" in b else ("[", b["ge"]) if "ge" in b else None
    high = (b["lt"], ")") if "lt" in b else (b["le"], "]") if "le" in b else None
    if low and high:
        return f"in {low[0]}{_num(low[1])}, {_num(high[0])}{high[1]}"
    if low:
        return f"{'>' if low[0] == '(' else '≥'} {_num(low[1])}"
    if high:
        return f"{'<' if high[1] == ')' else '≤'} {_num(high[0])}"
    kind = getattr(info.annotation, "__name__", str(info.annotation))
    return f"a valid {kind}"


def explain(
    error: ValidationError, model: type[BaseModel], where: Callable[[tuple], str] | None = None
) -> str:
    """One line per problem: '<where>: <field> must be <allowed>, got <value>'."""
    lines = []
    for item in error.errors():
        loc = tuple(item["loc"])
        info = _field_at(model, loc)
        field = _field_name(loc)
        place = where(loc) if where else ".".join(str(p) for p in loc[:-1])
        prefix = f"{place}: " if place else ""
        if item["type"] == "extra_forbidden":
            lines.append(f"{prefix}unknown field {field!r}")
        elif item["type"] == "missing":
            rule = f"; it must be {allowed(info)}" if info is not None else ""
            lines.append(f"{prefix}{field} is missing{rule}")
        elif item["type"] in ("too_short", "too_long"):
            ctx = item.get("ctx", {})
            limit = ("at least", ctx.get("min_length")) if "min_length" in ctx else (
                "at most", ctx.get("max_length"))
            noun = "item" if limit[1] == 1 else "items"
            lines.append(f"{prefix}{field} must hold {limit[0]} {limit[1]} {noun}, "
                         f"got {item.get('input')!r}")
        elif info is not None and item["type"] not in ("value_error", "assertion_error"):
            got = item.get("input")
            lines.append(f"{prefix}{field} must be {allowed(info)}, got {got!r}")
        else:
            message = item["msg"].removeprefix("Value error, ")
            lines.append(f"{prefix}{message}" if field is None else f"{prefix}{field}: {message}")
    return "\n".join(lines)


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _field_name(loc: tuple) -> str | None:
    names = [p for p in loc if isinstance(p, str)]
    return names[-1] if names else None


def _field_at(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """Walk ``loc`` through nested models, lists and tagged unions to the FieldInfo."""
    current: typing.Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        current = _unwrap(current)
        if isinstance(current, dict):  # a tagged union: {tag: model}
            if part in current:
                current = current[part]
                continue
            return None
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = info.annotation
    return info


def _unwrap(annotation: typing.Any) -> typing.Any:
    """list[X] → X; Annotated[Union[A, B], discriminator] → {tag: model}; Optional[X] → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, tuple):
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if len(models) > 1:
            return {_tag(m): m for m in models}
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


def _tag(model: type[BaseModel]) -> str:
    field = model.model_fields.get("type")
    options = choices(field) if field else None
    return options[0] if options else model.__name__
