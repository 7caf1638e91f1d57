"""A tiny experiment (120 moons, 2 epochs) and spaces over it, for searches that take seconds."""

import copy

import pytest

from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace

TINY = {
    "name": "tiny",
    "data": {"source": "moons", "n": 120, "noise": 0.2, "seed": 0},
    "network": {"layers": [
        {"type": "dense", "units": 6}, {"type": "relu"},
        {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
    "training": {"epochs": 2, "mini_batch_size": 16, "optimizer": {"name": "adam", "lr": 0.01}},
}

SPACE = {
    "trials": 6,
    "dimensions": [
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.beta1", "scale": "one_minus_log", "low": 0.9,
         "high": 0.999},
        {"field": "training.mini_batch_size", "scale": "pow2", "low": 8, "high": 64},
        {"field": "network.hidden_units", "scale": "int", "low": 2, "high": 16},
    ],
}


@pytest.fixture
def tiny_dict() -> dict:
    """The tiny experiment as a dict, without a search."""
    return copy.deepcopy(TINY)


@pytest.fixture
def space_dict() -> dict:
    """Six random trials over α (log), β₁ (1 − log), mini-batch size (pow2), hidden units."""
    return copy.deepcopy(SPACE)


@pytest.fixture
def tiny() -> Experiment:
    """The tiny experiment with the search of ``space_dict``."""
    return Experiment.model_validate(TINY | {"search": SPACE})


@pytest.fixture
def make_space():
    def make(**changes) -> SearchSpace:
        return SearchSpace.model_validate(copy.deepcopy(SPACE) | changes)

    return make
