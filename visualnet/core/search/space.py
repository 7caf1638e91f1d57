"""The search space: which experiment fields vary, on which scale, between which values.

It is the ``search`` part of an experiment file::

    "search": {"method": "random", "trials": 20, "rounds": 2, "seed": 0, "keep": 5,
               "dimensions": [
                 {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
                 {"field": "training.optimizer.beta", "scale": "one_minus_log",
                  "low": 0.9, "high": 0.999},
                 {"field": "training.mini_batch_size", "scale": "pow2", "low": 16, "high": 512},
                 {"field": "training.optimizer.name", "scale": "choice",
                  "values": ["momentum", "rmsprop", "adam"]}]}

Every range is checked against the range the experiment schema gives the field, so each sampled
value is one the experiment accepts. This module does not import the experiment module (which
imports it).
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from visualnet.core.search import fields, scales
from visualnet.core.search.fields import Searchable

Scale = Literal["uniform", "log", "one_minus_log", "int", "pow2", "choice"]

DEFAULT_RANGES: dict[str, tuple[str, float, float]] = {
    "training.optimizer.lr": ("log", 1e-4, 1.0),
    "training.optimizer.beta": ("one_minus_log", 0.9, 0.999),
    "training.optimizer.beta1": ("one_minus_log", 0.9, 0.999),
    "training.optimizer.beta2": ("one_minus_log", 0.99, 0.9999),
    "training.optimizer.eps": ("log", 1e-10, 1e-6),
    "training.mini_batch_size": ("pow2", 16, 512),
    "training.l2": ("log", 1e-4, 1.0),
    "training.l1": ("log", 1e-4, 1.0),
    "training.schedule.decay_rate": ("log", 1e-3, 10.0),
    "network.hidden_layers": ("int", 1, 4),
}
"""The course's usual ranges; other fields start from half to twice their current value."""

SCALE_BY_NAME: dict[str, str] = {
    "units": "int", "keep_prob": "uniform", "momentum": "one_minus_log", "eps": "log",
    "slope": "uniform"}
"""The scale a layer field starts on, by field name."""


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Dimension(_Config):
    """One field the search varies: between low and high on a scale, or among values."""

    field: str = Field(description="Dotted path of the field, e.g. training.optimizer.lr")
    scale: Scale = Field("uniform", description="How values are drawn between low and high")
    low: int | float | None = Field(None, description="Smallest value drawn")
    high: int | float | None = Field(None, description="Largest value drawn")
    values: list[str | bool | int | float] | None = Field(
        None, description="The values a choice draws from")

    @classmethod
    def default(cls, path: str, experiment: BaseModel | None = None,
                scale: str | None = None) -> Dimension:
        """A sensible first range for ``path`` (the course's, or around its current value)."""
        info = fields.lookup(path, experiment)
        if info.kind == "choice":
            return cls(field=path, scale="choice", values=list(info.choices))
        base = fields.base_value(experiment, path) if experiment is not None else None
        preset = DEFAULT_RANGES.get(path)
        name = path.rsplit(".", 1)[-1]
        chosen = scale or (preset[0] if preset else SCALE_BY_NAME.get(name)) or (
            "int" if info.kind == "int" else "uniform")
        if preset and preset[0] == chosen:
            low, high = preset[1], preset[2]
        else:
            low, high = _around(base, info, chosen)
        if info.kind == "int":
            low, high = int(low), int(high)
        return cls(field=path, scale=chosen, low=low, high=high)

    def value_at(self, u: float) -> object:
        """The value a uniform draw u ∈ [0, 1) selects on this dimension's scale."""
        if self.scale == "choice":
            return self.values[min(int(u * len(self.values)), len(self.values) - 1)]
        return scales.value_at(self.scale, u, self.low, self.high)

    def coordinate(self, x: object) -> float:
        """Where x goes on a plot axis of this dimension (log₁₀ α; −log₁₀(1 − β); choice index)."""
        if self.scale == "choice":
            return float(scales.index_of(self.values, x))
        return scales.coordinate(self.scale, x)

    def position(self, x: object) -> float:
        """Where x sits in this dimension's range, 0 at low and 1 at high, on its own scale."""
        if self.scale == "choice":
            n = len(self.values)
            return 0.5 if n == 1 else scales.index_of(self.values, x) / (n - 1)
        return scales.position(self.scale, x, self.low, self.high)

    def ticks(self) -> list[tuple[float, str]] | None:
        """Major axis ticks (coordinate, label); None lets the plot pick its own."""
        if self.scale == "choice":
            return [(float(i), str(v)) for i, v in enumerate(self.values)]
        return scales.ticks(self.scale, self.low, self.high)

    def tick_levels(self, most: int = 4) -> list | None:
        """Axis ticks as [major, minor] levels, at most ``most`` major (see ``ticks``)."""
        if self.scale == "choice":
            marks = self.ticks()
            step = -(-len(marks) // most)
            return [marks[::step], [m for i, m in enumerate(marks) if i % step]]
        return scales.tick_levels(self.scale, self.low, self.high, most)

    def span(self) -> tuple[float, float]:
        """The range of this dimension on its plot axis (choices: half a step beyond each)."""
        if self.scale == "choice":
            return -0.5, len(self.values) - 0.5
        return self.coordinate(self.low), self.coordinate(self.high)

    def cardinality(self) -> float:
        """How many different values this dimension can take (inf when continuous)."""
        if self.scale == "choice":
            return len(self.values)
        return scales.cardinality(self.scale, self.low, self.high)

    def describe(self) -> str:
        """'training.optimizer.lr: log 0.0001 … 1' or 'training.optimizer.name: adam, rmsprop'."""
        if self.scale == "choice":
            return f"{self.field}: " + ", ".join(str(v) for v in self.values)
        show = scales.format_value
        return f"{self.field}: {scales.LABELS[self.scale]} {show(self.low)} … {show(self.high)}"

    def problem(self) -> str | None:
        """Why this dimension cannot be sampled, in words naming the value and the allowed range."""
        try:
            info = fields.lookup(self.field)
        except ValueError as error:
            return str(error)
        allowed = scales.for_kind(info.kind)
        if self.scale not in allowed:
            kind = {"float": "a number", "int": "a whole number", "choice": "a choice"}[info.kind]
            return (f"scale {self.scale!r} does not fit {kind}; use "
                    + " or ".join(repr(s) for s in allowed))
        if self.scale == "choice":
            return _choice_problem(self, info)
        return _range_problem(self, info)


class SearchSpace(_Config):
    """The dimensions of a search and how it runs: method, trials per round, rounds, seed."""

    dimensions: list[Dimension] = Field(min_length=1, description="The fields that vary")
    method: Literal["random", "grid"] = Field(
        "random", description="random: each trial draws every field; grid: all combinations "
        "of a few values per field")
    trials: int = Field(20, ge=1, le=100_000, description="Trials per round")
    rounds: int = Field(1, ge=1, le=100, description="Rounds, each zoomed in on the best "
                        "trials of the round before")
    seed: int = Field(0, ge=0, le=2**32 - 1, description="Seeds the draws: trial i of round r "
                      "draws from the stream (seed, r, i)")
    keep: int = Field(5, ge=1, le=100_000, description="Best trials whose values set the "
                      "next round's ranges")

    @model_validator(mode="after")
    def _dimensions_can_be_sampled(self):
        problems = self.problems()
        if problems:
            raise ValueError("\nsearch: ".join(problems))  # one line each, as explain() shows
        return self

    @classmethod
    def suggested(cls, experiment: BaseModel) -> SearchSpace:
        """A first space in the course's order of importance: α, then the optimizer's β,
        the mini-batch size and the hidden units (the ones this experiment has)."""
        optimizer = experiment.training.optimizer
        paths = ["training.optimizer.lr"]
        paths += [f"training.optimizer.{b}" for b in ("beta", "beta1") if b in optimizer.fields()]
        paths.append("training.mini_batch_size")
        if fields.structure_problem(fields.HIDDEN_UNITS, experiment) is None:
            paths.append(fields.HIDDEN_UNITS)
        return cls(dimensions=[Dimension.default(p, experiment) for p in paths])

    def problems(self) -> list[str]:
        """Every dimension that cannot be sampled, as 'dimension 2 (path): why'."""
        out, seen = [], set()
        for i, dimension in enumerate(self.dimensions):
            problem = dimension.problem()
            if problem is None and dimension.field in seen:
                problem = "this field is already in the search"
            if problem is not None:
                out.append(f"dimension {i + 1} ({dimension.field}): {problem}")
            seen.add(dimension.field)
        return out

    def problems_with(self, experiment: BaseModel) -> list[str]:
        """Why this space cannot search ``experiment``: paths its network lacks, no dev set."""
        out = []
        for i, dimension in enumerate(self.dimensions):
            problem = fields.structure_problem(dimension.field, experiment)
            if problem is not None:
                out.append(f"dimension {i + 1}: {problem}")
        if experiment.data.split.dev == 0:
            out.append("trials are compared on the dev set: give the dev split a fraction > 0")
        return out

    def paths(self) -> list[str]:
        return [d.field for d in self.dimensions]

    def dimension(self, path: str) -> Dimension:
        return next(d for d in self.dimensions if d.field == path)


# --- helpers -------------------------------------------------------------------------------


def _range_problem(d: Dimension, info: Searchable) -> str | None:
    for name in ("low", "high"):
        value = getattr(d, name)
        if value is None:
            return f"{name} is missing; it must be {info.allowed()}"
        if isinstance(value, bool):
            return f"{name} must be a number, got {value!r}"
        if not info.accepts(value):
            return f"{name} must be {info.allowed()}, got {scales.format_value(value)}"
        if info.kind == "int" and not float(value).is_integer():
            return f"{name} must be a whole number, got {value!r}"
    if d.values is not None:
        return "values are for the choice scale; give low and high instead"
    if d.low > d.high:
        return f"low must be ≤ high, got low {d.low:g} > high {d.high:g}"
    if d.scale in ("log", "pow2") and d.low <= 0:
        return f"low must be > 0 on a {scales.LABELS[d.scale]} scale, got {d.low:g}"
    if d.scale == "one_minus_log" and d.high >= 1:
        return f"high must be < 1 on the 1 − log scale (1 − high > 0), got {d.high:g}"
    if d.scale == "pow2" and d.cardinality() == 0:
        return f"no power of two lies in [{d.low:g}, {d.high:g}]"
    return None


def _choice_problem(d: Dimension, info: Searchable) -> str | None:
    if d.low is not None or d.high is not None:
        return "a choice takes values, not low and high"
    if not d.values:
        return f"values are missing; list some of: {', '.join(str(c) for c in info.choices)}"
    for value in d.values:
        if not info.accepts(value):
            return f"value {value!r} is not allowed; it must be {info.allowed()}"
    if len({(type(v), v) for v in d.values}) < len(d.values):
        return "values repeat"
    return None


def _around(base: object, info: Searchable, scale: str) -> tuple[float, float]:
    """Half to twice ``base`` (for 1 − log: 1 − β from ten times to a tenth of 1 − base),
    kept inside the schema's range."""
    number = isinstance(base, int | float) and not isinstance(base, bool)
    if scale == "one_minus_log":
        gap = 1 - base if number and 0 < base < 1 else 0.1
        low, high = 1 - min(10 * gap, 0.9), 1 - gap / 10
    else:
        base = base if number and base > 0 else 1
        low, high = base / 2, base * 2
    if scale == "pow2":
        low, high = 2 ** max(round(math.log2(low)), 0), 2 ** max(round(math.log2(high)), 1)
    bounds = info.bounds
    low = max(low, bounds.get("ge", low))
    high = min(high, bounds.get("le", high))
    if "gt" in bounds and low <= bounds["gt"]:
        low = bounds["gt"] + (high - bounds["gt"]) / 100
    if "lt" in bounds and high >= bounds["lt"]:
        high = bounds["lt"] - (bounds["lt"] - low) / 100
    if info.kind == "int":
        low, high = math.ceil(low), max(math.floor(high), math.ceil(low))
    return low, high
