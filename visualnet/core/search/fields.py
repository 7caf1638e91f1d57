"""The experiment fields a search can vary, named by dotted path, with their schema ranges.

    training.optimizer.lr          any numeric, bool or choice field under ``training``
    network.layers.2.units         a field of layer 3 of the stack (counted from 0 in paths)
    network.layers.1.type          a hidden activation layer's function (relu, tanh…)
    network.hidden_units           n[l] of every hidden dense layer at once
    network.hidden_layers          how many hidden blocks: the last hidden block is repeated or
                                   the last blocks removed (see ``apply``)
    network.hidden_activation      the function of every hidden activation layer

The data fields are never searched: every trial must be compared on the same dev set.
Ranges and descriptions are read from the schema itself, so a search can only ask for values
the experiment accepts.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import json
import operator
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from visualnet.core import validation
from visualnet.core.spec import BatchNormSpec, DenseSpec, DropoutSpec, LeakyReluSpec

HIDDEN_UNITS = "network.hidden_units"
HIDDEN_LAYERS = "network.hidden_layers"
HIDDEN_ACTIVATION = "network.hidden_activation"
DERIVED = (HIDDEN_LAYERS, HIDDEN_UNITS, HIDDEN_ACTIVATION)
"""Derived fields, applied in this order after the fields named by their own path."""

HIDDEN_ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "linear")

EXCLUDED = frozenset({"training.human_level_error"})
"""Schema fields that describe the task rather than the model, so are not searched."""

LAYER_SPECS = {"dense": DenseSpec, "dropout": DropoutSpec, "batchnorm": BatchNormSpec,
               "leaky_relu": LeakyReluSpec}
"""Layer types with fields of their own (plain activations have only their type)."""

NOT_FINGERPRINTED = ("name", "description", "view", "search")
"""Parts of an experiment that do not change what a trial trains."""

_CHECKS = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}


@dataclass(frozen=True)
class Searchable:
    """One field a search can vary: its kind ('float', 'int', 'choice'), range and meaning."""

    path: str
    kind: str
    description: str
    bounds: dict[str, float] = field(default_factory=dict)
    choices: tuple = ()

    def allowed(self) -> str:
        """The allowed values in words: '(0, 10]', 'one of: adam, rmsprop'."""
        if self.kind == "choice":
            return "one of: " + ", ".join(str(c) for c in self.choices)
        return validation.allowed(_info(self.bounds))

    def accepts(self, value: object) -> bool:
        """Whether the schema allows ``value`` for this field."""
        if self.kind == "choice":
            return any(value == c and type(value) is type(c) for c in self.choices)
        return all(_CHECKS[key](value, limit) for key, limit in self.bounds.items())


def lookup(path: str, experiment: BaseModel | None = None) -> Searchable:
    """The searchable field at ``path``; ValueError naming the path (and a near match) if none.

    Without an experiment a layer path is checked against every layer type; with one, against
    the layer at that position of its stack.
    """
    if path in _derived():
        return _derived()[path]
    if path in _training():
        return _training()[path]
    parts = path.split(".")
    if len(parts) == 4 and parts[:2] == ["network", "layers"] and parts[2].isdigit():
        return _layer_field(int(parts[2]), parts[3], path, experiment)
    known = [*_training(), *_derived(), "network.layers.0.units"]
    near = difflib.get_close_matches(path, known, n=1)
    hint = f"; did you mean {near[0]}?" if near else ""
    raise ValueError(f"{path!r} is not a field a search can vary{hint}")


def searchable(experiment: BaseModel) -> dict[str, Searchable]:
    """Every field a search over ``experiment`` can vary, by path, in the order forms list them."""
    out = dict(_training())
    output = _output_dense(experiment.network.layers)
    for i, layer in enumerate(experiment.network.layers):
        spec = LAYER_SPECS.get(layer.type)
        if spec is not None:
            for name in spec.model_fields:
                if name != "type" and (i, name) != (output, "units"):
                    out[f"network.layers.{i}.{name}"] = _from_schema(
                        f"network.layers.{i}.{name}", spec.model_fields[name],
                        f"layer {i + 1} ({layer.type}): ")
        if i < output and layer.type in HIDDEN_ACTIVATIONS:
            out[f"network.layers.{i}.type"] = _activation_type(i)
    return out | _derived()


def base_value(experiment: BaseModel, path: str) -> object:
    """The value ``path`` has in ``experiment`` (derived fields: that of the first hidden layer)."""
    layers = experiment.network.layers
    hidden = layers[:_output_dense(layers)]
    if path == HIDDEN_UNITS:
        return next((la.units for la in hidden if la.type == "dense"), None)
    if path == HIDDEN_LAYERS:
        return sum(la.type == "dense" for la in hidden)
    if path == HIDDEN_ACTIVATION:
        return next((la.type for la in hidden if la.type in HIDDEN_ACTIVATIONS), None)
    node: typing.Any = experiment
    for part in path.split("."):
        node = node[int(part)] if part.isdigit() else getattr(node, part, None)
    return node


def apply(experiment: dict, params: dict[str, object]) -> dict:
    """A copy of the experiment dict with each path set to its value; ValueError if one can't be.

    Fields named by their own path are set first (layer indices count in the original stack),
    then ``network.hidden_layers``, then ``network.hidden_units`` and ``hidden_activation``.
    A hidden block is a dense layer with the layers after it up to the next dense layer; the
    output block (last dense layer and its activation) is never touched.
    """
    out = copy.deepcopy(experiment)
    for path, value in params.items():
        if path not in DERIVED:
            _set(out, path, value)
    layers = out["network"]["layers"]
    if HIDDEN_LAYERS in params:
        layers[:] = _with_hidden_blocks(layers, int(params[HIDDEN_LAYERS]))
    hidden = layers[:_output_dense(layers)]
    if HIDDEN_UNITS in params:
        for layer in hidden:
            if layer["type"] == "dense":
                layer["units"] = int(params[HIDDEN_UNITS])
    if HIDDEN_ACTIVATION in params:
        for layer in hidden:
            if layer["type"] in HIDDEN_ACTIVATIONS and layer["type"] != params[HIDDEN_ACTIVATION]:
                layer.clear()
                layer["type"] = params[HIDDEN_ACTIVATION]
    return out


def structure_problem(path: str, experiment: BaseModel) -> str | None:
    """Why ``experiment``'s stack has nothing at ``path`` to vary, or None."""
    layers = experiment.network.layers
    hidden = layers[:_output_dense(layers)]
    try:
        lookup(path, experiment)
    except ValueError as error:
        return str(error)
    if path == HIDDEN_UNITS and not any(la.type == "dense" for la in hidden):
        return (f"{path}: the network has no hidden dense layer; add one before the output "
                "layer, or vary network.hidden_layers too")
    if path == HIDDEN_LAYERS and not any(la.type == "dense" for la in hidden):
        return (f"{path}: the network has no hidden block to repeat; add a dense layer and its "
                "activation before the output layer")
    if path == HIDDEN_ACTIVATION and not any(la.type in HIDDEN_ACTIVATIONS for la in hidden):
        return f"{path}: the network has no hidden activation layer"
    return None


def short_name(path: str) -> str:
    """A column title: 'lr', 'mini_batch_size', 'optimizer' (for its name), 'layer1.units'."""
    parts = path.split(".")
    if parts[:2] == ["network", "layers"] and len(parts) == 4:
        return f"layer{int(parts[2]) + 1}.{parts[3]}"
    if parts[-1] in ("name", "enabled") and len(parts) > 2:
        return parts[-2]
    return parts[-1]


def fingerprint(experiment: dict) -> str:
    """A short hash of what a trial trains (not its name, description, view or search)."""
    kept = {k: v for k, v in experiment.items() if k not in NOT_FINGERPRINTED}
    text = json.dumps(kept, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- helpers -------------------------------------------------------------------------------


def _schema() -> type[BaseModel]:
    # The experiment module imports this package (its ``search`` field), so the schema is
    # looked up when first needed rather than at import.
    from visualnet.core.experiment import TrainingConfig

    return TrainingConfig


@functools.cache
def _training() -> dict[str, Searchable]:
    out: dict[str, Searchable] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}.{name}"
            if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
                walk(info.annotation, path)
            elif path not in EXCLUDED:
                out[path] = _from_schema(path, info)

    walk(_schema(), "training")
    return out


@functools.cache
def _derived() -> dict[str, Searchable]:
    units = validation.bounds(DenseSpec.model_fields["units"])
    return {
        HIDDEN_LAYERS: Searchable(
            HIDDEN_LAYERS, "int", "Hidden blocks (dense layer and the layers after it): the "
            "last one is repeated to add blocks, the last ones removed to drop them",
            {"ge": 0, "le": 32}),
        HIDDEN_UNITS: Searchable(HIDDEN_UNITS, "int", "n[l] of every hidden dense layer", units),
        HIDDEN_ACTIVATION: Searchable(HIDDEN_ACTIVATION, "choice",
                                      "g[l] of every hidden activation layer",
                                      choices=HIDDEN_ACTIVATIONS),
    }


def _from_schema(path: str, info, prefix: str = "") -> Searchable:
    description = prefix + (info.description or "")
    options = validation.choices(info)
    if options is not None:
        return Searchable(path, "choice", description, choices=options)
    if info.annotation is bool:
        return Searchable(path, "choice", description, choices=(False, True))
    kind = "int" if info.annotation is int else "float"
    return Searchable(path, kind, description, validation.bounds(info))


def _layer_field(index: int, name: str, path: str, experiment: BaseModel | None) -> Searchable:
    if experiment is None:
        if name == "type":
            return _activation_type(index)
        for spec in LAYER_SPECS.values():
            if name in spec.model_fields and name != "type":
                return _from_schema(path, spec.model_fields[name])
        raise ValueError(f"{path!r}: no layer type has a field {name!r}")
    found = searchable(experiment).get(path)
    if found is not None:
        return found
    layers = experiment.network.layers
    if index >= len(layers):
        raise ValueError(f"{path!r}: the network has {len(layers)} layers (0 … {len(layers) - 1})")
    kind = layers[index].type
    if (index, name) == (_output_dense(layers), "units"):
        raise ValueError(f"{path!r}: layer {index + 1} is the output layer; the data sets its "
                         "units")
    if name == "type":
        raise ValueError(f"{path!r}: layer {index + 1} is a {kind} layer; only hidden activation "
                         "layers can change type")
    raise ValueError(f"{path!r}: layer {index + 1} is a {kind} layer, which has no {name}")


def _activation_type(index: int) -> Searchable:
    return Searchable(f"network.layers.{index}.type", "choice",
                      f"layer {index + 1}: the activation g(z)", choices=HIDDEN_ACTIVATIONS)


def _info(bounds: dict[str, float]):
    return Field(**bounds)


def _output_dense(layers: list) -> int:
    """The index of the last dense layer (the output layer); len(layers) when there is none."""
    kinds = [la["type"] if isinstance(la, dict) else la.type for la in layers]
    dense = [i for i, kind in enumerate(kinds) if kind == "dense"]
    return dense[-1] if dense else len(kinds)


def _set(experiment: dict, path: str, value: object) -> None:
    parts = path.split(".")
    node: typing.Any = experiment
    for depth, part in enumerate(parts[:-1]):
        key: typing.Any = int(part) if part.isdigit() else part
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            where = ".".join(parts[:depth + 1])
            raise ValueError(f"{path}: the experiment has no {where}") from None
    if not isinstance(node, dict):
        raise ValueError(f"{path}: {'.'.join(parts[:-1])} is not a group of fields")
    if parts[-1] == "type":  # another activation: its old settings (a slope) do not apply
        node.clear()
    node[parts[-1]] = value


def _with_hidden_blocks(layers: list[dict], count: int) -> list[dict]:
    output = _output_dense(layers)
    hidden, tail = layers[:output], layers[output:]
    starts = [i for i, layer in enumerate(hidden) if layer["type"] == "dense"]
    if not starts:
        if count == 0:
            return layers
        raise ValueError(f"{HIDDEN_LAYERS}: the network has no hidden block to repeat")
    prefix = hidden[:starts[0]]
    blocks = [hidden[a:b] for a, b in zip(starts, [*starts[1:], len(hidden)], strict=True)]
    while len(blocks) < count:
        blocks.append(copy.deepcopy(blocks[-1]))
    return prefix + [layer for block in blocks[:count] for layer in block] + tail
