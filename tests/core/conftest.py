"""Shared helpers for the core tests: small networks whose numbers can be worked out by hand."""

import pytest

from visualnet.core import Network


@pytest.fixture
def identity_net():
    """A net whose first dense layer is W = I, b = 0, so Z[1] = X exactly.

    ``identity_net(n, *layers, dtype=…)`` puts ``layers`` after that dense layer; the tests can
    then work out every later value from X by hand.
    """

    def build(n: int, *layers: dict, dtype: str = "float64", seed: int = 0) -> Network:
        spec = {"input_dim": n, "layers": [
            {"type": "dense", "units": n, "init": "identity"}, *layers]}
        return Network.from_spec(spec, seed=seed, dtype=dtype)

    return build


@pytest.fixture
def course_spec():
    """The spec from issue 2's API contract (dense, batch norm, relu, dropout, dense, softmax)."""
    return {"input_dim": 2, "layers": [
        {"type": "dense", "units": 16, "init": "he"},
        {"type": "batchnorm", "momentum": 0.9, "eps": 1e-5},
        {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.8},
        {"type": "dense", "units": 3, "init": "xavier"},
        {"type": "softmax"}]}

