"""The network spec: a plain, JSON-ready dict, validated against one declared schema.

    {"input_dim": 2, "layers": [
        {"type": "dense", "units": 16, "init": "he"},
        {"type": "batchnorm", "momentum": 0.9, "eps": 1e-5},
        {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.8},
        {"type": "dense", "units": 3, "init": "xavier"},
        {"type": "softmax"}]}

Each layer type's fields, defaults and allowed ranges are declared here once; the app's layer
inspector and every error message read them from these models. Layers are numbered from 1 in
messages, as the app's layer stack shows them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from visualnet.core import activations, validation


class _LayerSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DenseSpec(_LayerSpec):
    """Z[l] = W[l] A[l-1] + b[l]."""

    type: Literal["dense"] = "dense"
    units: int = Field(16, ge=1, le=4096, description="n[l], the number of units")
    init: Literal["zeros", "random", "xavier", "he", "custom", "identity"] = Field(
        "he", description="How W[l] is drawn"
    )
    scale: float = Field(0.01, gt=0, le=100, description="random: W = scale · N(0, 1)")
    c: float = Field(2.0, gt=0, le=100, description="custom: W = N(0, 1) · √(c / n[l-1])")
    gain: float = Field(1.0, ge=-100, le=100, description="identity: W = gain · I")


class ActivationSpec(_LayerSpec):
    type: Literal["relu", "tanh", "sigmoid", "linear", "softmax"]


class LeakyReluSpec(_LayerSpec):
    """g(z) = max(slope·z, z)."""

    type: Literal["leaky_relu"] = "leaky_relu"
    slope: float = Field(0.01, ge=0, lt=1, description="a in g(z) = max(a·z, z)")


class DropoutSpec(_LayerSpec):
    """d = (rand < keep_prob); a = a ⊙ d / keep_prob."""

    type: Literal["dropout"] = "dropout"
    keep_prob: float = Field(0.8, gt=0, le=1, description="Probability of keeping a unit")


class BatchNormSpec(_LayerSpec):
    """z̃ = γ·(z − μ)/√(σ² + ε) + β."""

    type: Literal["batchnorm"] = "batchnorm"
    momentum: float = Field(0.9, ge=0, lt=1, description="β of the running μ and σ² averages")
    eps: float = Field(1e-5, gt=0, le=1, description="ε in √(σ² + ε)")


LayerSpec = Annotated[
    DenseSpec | ActivationSpec | LeakyReluSpec | DropoutSpec | BatchNormSpec,
    Field(discriminator="type"),
]

LAYER_TYPES = (
    "dense", "relu", "leaky_relu", "tanh", "sigmoid", "linear", "softmax", "dropout", "batchnorm",
)


class NetworkSpec(BaseModel):
    """input_dim = n_x (rows of X) and the layers, input to output."""

    model_config = ConfigDict(extra="forbid")

    input_dim: int = Field(ge=1, le=100_000, description="n_x, the number of input features")
    layers: list[LayerSpec] = Field(min_length=1)


def validate_spec(spec: dict) -> NetworkSpec:
    """Check a spec dict and fill in defaults; raise ValueError naming the layer and field."""
    if not isinstance(spec, dict):
        raise ValueError(f"a network spec must be a dict, got {type(spec).__name__}")
    _check_types(spec)
    try:
        model = NetworkSpec.model_validate(spec)
    except ValidationError as error:
        raise ValueError(validation.explain(error, NetworkSpec, _where(spec))) from None
    problem = structure_problem(model.layers)
    if problem:
        raise ValueError(problem)
    return model


def structure_problem(layers: list) -> str | None:
    """Why a layer stack cannot train (softmax not last, no output…), or None if it can."""
    if not layers:
        return "the network has no layers: add a dense layer and an output activation"
    kinds = [layer.type for layer in layers]
    for i, kind in enumerate(kinds[:-1]):
        if kind == "softmax":
            return f"layer {i + 1} (softmax): softmax must be the last layer"
    if kinds[-1] not in activations.OUTPUT:
        return (
            f"layer {len(kinds)} ({kinds[-1]}): the last layer must be an output activation "
            f"({', '.join(activations.OUTPUT)})"
        )
    if "dense" not in kinds:
        return "the network needs at least one dense layer"
    seen: dict[int, int] = {}
    number = 0
    units = None
    for i, layer in enumerate(layers):
        if layer.type == "dense":
            number += 1
            units = layer.units
        elif layer.type == "batchnorm":
            if number in seen:
                return (
                    f"layer {i + 1} (batchnorm): layer {seen[number] + 1} already normalizes "
                    "this dense layer's output; use one batch norm per dense layer"
                )
            seen[number] = i
    if kinds[-1] == "softmax" and units is not None and units < 2:
        return f"layer {len(kinds)} (softmax): softmax needs at least 2 units before it"
    return None


def _check_types(spec: dict) -> None:
    """Name an unknown or missing layer type before pydantic's union error can blur it."""
    layers = spec.get("layers")
    if not isinstance(layers, list):
        return
    allowed = ", ".join(LAYER_TYPES)
    for i, layer in enumerate(layers):
        if not isinstance(layer, dict):
            raise ValueError(f"layer {i + 1}: must be a dict with a type, got {layer!r}")
        if "type" not in layer:
            raise ValueError(f"layer {i + 1}: type is missing; it must be one of: {allowed}")
        if layer["type"] not in LAYER_TYPES:
            raise ValueError(
                f"layer {i + 1}: type must be one of: {allowed}, got {layer['type']!r}"
            )


def _where(spec: dict):
    def where(loc: tuple) -> str:
        if len(loc) >= 2 and loc[0] == "layers" and isinstance(loc[1], int):
            kind = spec["layers"][loc[1]].get("type", "?")
            return f"layer {loc[1] + 1} ({kind})"
        return "network"

    return where
