"""The experiment schema: data + network + training hyperparameters + seed, in one file.

The app's forms, the command line, saved ``*.vnet.json`` files and the hyperparameter search
all read and write this one schema. Each field declares its default, allowed range and a
description carrying its formula; forms and error messages are generated from those.
"""

from __future__ import annotations

import json
import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from visualnet.core import optimizers, schedules, validation
from visualnet.core.data.config import DataConfig
from visualnet.core.data.prepared import PreparedData
from visualnet.core.data.targets import output_problem
from visualnet.core.fileio import atomic_write_text
from visualnet.core.network import Network
from visualnet.core.search.space import SearchSpace
from visualnet.core.spec import LayerSpec, structure_problem

FORMAT = "visualnet-experiment"
VERSION = 1
SUFFIX = ".vnet.json"


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


OptimizerName = Literal["gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad"]

OPTIMIZER_FIELDS: dict[str, tuple[str, ...]] = {
    "gd": ("lr",),
    "momentum": ("lr", "beta", "bias_correction"),
    "nesterov": ("lr", "beta"),
    "rmsprop": ("lr", "beta", "eps"),
    "adam": ("lr", "beta1", "beta2", "eps"),
    "adagrad": ("lr", "eps"),
}
"""Which fields each optimizer uses (forms show only these)."""


class OptimizerConfig(_Config):
    """The optimizer and its hyperparameters (each optimizer reads only its own fields)."""

    name: OptimizerName = Field("adam", description="How W is updated from dW")
    lr: float = Field(0.01, gt=0, le=10, description="α, the learning rate: W −= α·(update)")
    beta: float = Field(0.9, ge=0, lt=1, description="β: v = β·v + (1 − β)·dW (≈ 1/(1 − β) steps)")
    beta1: float = Field(0.9, ge=0, lt=1, description="β₁: v = β₁·v + (1 − β₁)·dW")
    beta2: float = Field(0.999, ge=0, lt=1, description="β₂: s = β₂·s + (1 − β₂)·dW²")
    eps: float = Field(1e-8, gt=0, le=1, description="ε in α·dW / (√s + ε), avoids division by 0")
    bias_correction: bool = Field(False, description="Use v / (1 − βᵗ) in the update")

    def build(self) -> optimizers.Optimizer:
        """The core optimizer with this config's fields."""
        return optimizers.create(self.name, **{f: getattr(self, f) for f in self.fields()})

    def fields(self) -> tuple[str, ...]:
        return OPTIMIZER_FIELDS[self.name]


SCHEDULE_FIELDS: dict[str, tuple[str, ...]] = {
    "constant": (),
    "inverse_time": ("decay_rate",),
    "exponential": ("base",),
    "inverse_sqrt": ("k",),
    "staircase": ("factor", "step"),
    "interval_decay": ("decay_rate", "interval"),
}


class ScheduleConfig(_Config):
    """Learning-rate decay by epoch (epoch counted from 0)."""

    name: Literal[
        "constant", "inverse_time", "exponential", "inverse_sqrt", "staircase", "interval_decay"
    ] = Field("constant", description="How α changes with the epoch")
    decay_rate: float = Field(1.0, ge=0, le=100, description="α = α₀ / (1 + decay_rate·epoch)")
    base: float = Field(0.95, gt=0, le=1, description="α = α₀ · base^epoch")
    k: float = Field(1.0, gt=0, le=100, description="α = α₀ · k / √epoch")
    factor: float = Field(0.5, gt=0, le=1, description="α = α₀ · factor^⌊epoch / step⌋")
    step: int = Field(10, ge=1, le=100_000, description="Epochs between staircase drops")
    interval: int = Field(
        10, ge=1, le=100_000, description="α = α₀ / (1 + decay_rate·⌊epoch / interval⌋)"
    )

    def build(self) -> schedules.Constant:
        return schedules.create(self.name, **{f: getattr(self, f) for f in self.fields()})

    def fields(self) -> tuple[str, ...]:
        return SCHEDULE_FIELDS[self.name]


class EarlyStoppingConfig(_Config):
    """Stop when the dev cost has not improved by min_delta for patience epochs."""

    enabled: bool = Field(False, description="Stop early and restore the best weights")
    patience: int = Field(10, ge=1, le=100_000, description="Epochs without improvement to wait")
    min_delta: float = Field(0.0, ge=0, le=10, description="Smallest drop in dev cost that counts")


class MonitorConfig(_Config):
    """What the training loop samples for the plots, and how often (in iterations)."""

    coordinates: int = Field(3, ge=0, le=16, description="Weights whose dW, v, v̂ and √s are traced")
    norms_every: int = Field(
        1, ge=1, le=100_000, description="Iterations between ‖W‖, ‖dW‖ samples"
    )
    masks_every: int = Field(
        1, ge=1, le=100_000,
        description="Fewest iterations between dropout-mask copies (sent with the traced blocks)",
    )


class TrainingConfig(_Config):
    """How the weights are fitted."""

    optimizer: OptimizerConfig = Field(default_factory=OptimizerConfig)
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    epochs: int = Field(100, ge=1, le=1_000_000, description="Passes through the training set")
    mini_batch_size: int = Field(
        64, ge=1, le=1_000_000, description="Examples per update: 1 = stochastic, ≥ m = batch GD"
    )
    l2: float = Field(0.0, ge=0, le=1000, description="λ of L2: J += (λ/2m)·Σ‖W[l]‖²_F")
    l1: float = Field(0.0, ge=0, le=1000, description="λ of L1: J += (λ/2m)·Σ‖W[l]‖₁")
    early_stopping: EarlyStoppingConfig = Field(default_factory=EarlyStoppingConfig)
    dtype: Literal["float32", "float64"] = Field("float32", description="Floating-point precision")
    human_level_error: float = Field(
        0.0, ge=0, le=1, description="Bayes-error proxy for the bias/variance diagnosis"
    )


class NetworkConfig(_Config):
    """The layer stack; input_dim comes from the data."""

    layers: list[LayerSpec] = Field(min_length=0)


class ViewConfig(_Config):
    """Teaching mode: which controls and plots students see; which lesson this is."""

    hidden: list[str] = Field(default_factory=list, description="Names of hidden controls/plots")
    lesson: str | None = Field(None, description="The lesson this experiment belongs to")


def default_layers() -> list[dict]:
    return [
        {"type": "dense", "units": 8, "init": "he"},
        {"type": "relu"},
        {"type": "dense", "units": 1, "init": "xavier"},
        {"type": "sigmoid"},
    ]


class Experiment(_Config):
    """One experiment: everything needed to reproduce a run bit for bit."""

    format: Literal["visualnet-experiment"] = FORMAT
    version: Literal[1] = VERSION
    name: str = Field("Untitled", max_length=200)
    description: str = Field("", max_length=20_000)
    seed: int = Field(0, ge=0, le=2**32 - 1, description="Seeds weights, shuffling and dropout")
    data: DataConfig = Field(default_factory=DataConfig)
    network: NetworkConfig = Field(default_factory=lambda: NetworkConfig(layers=default_layers()))
    training: TrainingConfig = Field(default_factory=TrainingConfig)
    monitor: MonitorConfig = Field(default_factory=MonitorConfig)
    view: ViewConfig = Field(default_factory=ViewConfig)
    search: SearchSpace | None = None

    # --- building ----------------------------------------------------------------------------

    def network_spec(self, input_dim: int) -> dict:
        """The core network spec for inputs of ``input_dim`` features."""
        layers = [layer.model_dump() for layer in self.network.layers]
        return {"input_dim": input_dim, "layers": layers}

    def build_network(self, input_dim: int) -> Network:
        return Network.from_spec(
            self.network_spec(input_dim), seed=self.seed, dtype=self.training.dtype
        )

    def network_problem(self) -> str | None:
        """Why the layer stack cannot train, or None."""
        return structure_problem(self.network.layers)

    def training_problem(self, data: PreparedData | None) -> str | None:
        """Why this experiment cannot train on ``data`` (its stack or its output), or None."""
        problem = self.network_problem()
        if problem or data is None:
            return problem
        layers = self.network.layers
        units = next(layer.units for layer in reversed(layers) if layer.type == "dense")
        return output_problem(layers[-1].type, units, data)

    # --- files -------------------------------------------------------------------------------

    def to_dict(self) -> dict:
        return self.model_dump(mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict, source: str = "experiment") -> Experiment:
        """Validate a dict; ValueError lists each bad field, its value and the allowed range."""
        if not isinstance(data, dict):
            raise ExperimentError(f"{source}: expected a JSON object, got {type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            raise ExperimentError(f"{source}:\n" + validation.explain(error, cls, _where)) from None

    def save(self, path: str | os.PathLike) -> None:
        """Write ``*.vnet.json`` atomically (temporary file, then rename)."""
        atomic_write_text(path, self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike) -> Experiment:
        """Read a ``*.vnet.json``; ExperimentError names the file and what is wrong."""
        name = os.fspath(path)
        try:
            with open(name, encoding="utf-8") as f:
                text = f.read()
        except OSError as error:
            raise ExperimentError(f"{name}: cannot read the file ({error.strerror})") from None
        except UnicodeDecodeError:
            raise ExperimentError(f"{name}: not a text file") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ExperimentError(
                f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from None
        if isinstance(data, dict) and data.get("format") != FORMAT:
            raise ExperimentError(
                f"{name}: not a VisualNet experiment (expected \"format\": \"{FORMAT}\")"
            )
        if isinstance(data, dict) and data.get("version") != VERSION:
            raise ExperimentError(
                f"{name}: experiment format version {data.get('version')!r} is not supported "
                f"(this VisualNet reads version {VERSION})"
            )
        return cls.from_dict(data, source=name)


class ExperimentError(ValueError):
    """A bad experiment file or field, with a message naming the file and the field."""


def _where(loc: tuple) -> str:
    """('network', 'layers', 2, 'dropout', 'keep_prob') → 'network layer 3 (dropout)'."""
    if len(loc) >= 4 and loc[:2] == ("network", "layers") and isinstance(loc[2], int):
        return f"network layer {loc[2] + 1} ({loc[3]})"
    return ".".join(str(p) for p in loc[:-1])
