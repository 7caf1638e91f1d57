"""Small trained models for the export tests: Adam steps make batch-norm statistics non-trivial."""

import numpy as np
import pytest

from visualnet.core import Network, optimizers
from visualnet.core.data.preprocess import FEATURES, Preprocessor
from visualnet.core.export import Model

SPECS = {
    # Every layer type; fed x₁, x₂ and three feature transforms.
    "mixed": {"input_dim": 5, "layers": [
        {"type": "dense", "units": 8},
        {"type": "batchnorm", "momentum": 0.8},
        {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.7},
        {"type": "dense", "units": 6, "init": "xavier"},
        {"type": "batchnorm"},
        {"type": "leaky_relu", "slope": 0.1},
        {"type": "dense", "units": 5},
        {"type": "tanh"},
        {"type": "dense", "units": 3},
        {"type": "softmax"},
    ]},
    "sigmoid": {"input_dim": 2, "layers": [
        {"type": "dense", "units": 4},
        {"type": "tanh"},
        {"type": "dense", "units": 1, "init": "xavier"},
        {"type": "sigmoid"},
    ]},
    "linear": {"input_dim": 3, "layers": [
        {"type": "dense", "units": 4},
        {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.9},
        {"type": "dense", "units": 2},
        {"type": "linear"},
    ]},
}
CHOSEN_FEATURES = {"mixed": ["x1_squared", "x1_x2", "sin_x2"], "sigmoid": [], "linear": []}
METADATA = {"task": "classification", "class_names": ["red", "green", "blue"],
            "experiment": {"seed": 3, "optimizer": {"name": "adam", "lr": 0.01}}}


def raw_inputs(n_x: int, m: int, seed: int = 0) -> np.ndarray:
    """Raw (unnormalized) X: (n_x, m), off-centre and spread so normalization matters."""
    return np.random.default_rng(seed).normal(size=(n_x, m)) * 3.0 + 1.5


def train(kind: str, dtype: str, normalize: bool = True, steps: int = 25) -> Model:
    net = Network.from_spec(SPECS[kind], seed=7, dtype=dtype)
    features = CHOSEN_FEATURES[kind]
    X = raw_inputs(net.input_dim - len(features), 64)
    pre = Preprocessor.fit(X, features, normalize=normalize)
    rng = np.random.default_rng(1)
    n_y = net.output_dim
    if kind == "mixed":
        Y = np.eye(n_y)[:, rng.integers(0, n_y, X.shape[1])]
    elif kind == "sigmoid":
        Y = (X[:1] * X[1:] > 0).astype(float)
    else:
        Y = rng.normal(size=(n_y, X.shape[1]))
    opt = optimizers.Adam(lr=0.01)
    for _ in range(steps):
        net.forward(pre.apply(X), training=True)
        opt.step(net.params, net.backward(Y))
    return Model(net, pre, dict(METADATA))


@pytest.fixture(params=["float32", "float64"])
def dtype(request):
    return request.param


@pytest.fixture
def model(dtype) -> Model:
    """The mixed net, trained, with feature transforms and normalization."""
    return train("mixed", dtype)


@pytest.fixture
def make_model():
    """train(kind, dtype, normalize=True): 'mixed', 'sigmoid' or 'linear'."""
    return train


@pytest.fixture
def inputs():
    """raw_inputs(n_x, m, seed): fresh raw X in columns."""
    return raw_inputs


@pytest.fixture
def all_features_model(dtype) -> Model:
    """An untrained net fed every feature transform, normalized."""
    features = list(FEATURES)
    net = Network.from_spec({"input_dim": 2 + len(features), "layers": [
        {"type": "dense", "units": 4}, {"type": "tanh"},
        {"type": "dense", "units": 2}, {"type": "linear"},
    ]}, seed=2, dtype=dtype)
    return Model(net, Preprocessor.fit(raw_inputs(2, 40), features))
