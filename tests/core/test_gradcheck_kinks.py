"""Gradient checking near the kinks of ReLU and L1, where no backprop can match a difference."""

import numpy as np
import pytest

from visualnet.core import Network, gradient_check

RELU_STACK = [
    {"type": "dense", "units": 5}, {"type": "relu"},
    {"type": "dense", "units": 3}, {"type": "relu"},
    {"type": "dense", "units": 1}, {"type": "sigmoid"},
]


def dead_first_layer_net(seed=0):
    """Layer 1's units all off for every example: layer 2's z is its bias, 0 — on the kink."""
    net = Network.from_spec({"input_dim": 2, "layers": RELU_STACK}, seed=seed, dtype="float64")
    net.params["W1"][...] = -np.abs(net.params["W1"])
    return net


def test_a_component_on_a_relu_kink_is_left_out_not_called_a_bug():
    net = dead_first_layer_net()
    X = np.abs(np.random.default_rng(0).normal(size=(2, 16)))  # positive inputs: W1·x < 0
    Y = (X[:1] > 1).astype(float)
    result = gradient_check(net, X, Y)
    # b2 (3 components) sits exactly on the kink; everything else is smooth and correct.
    assert result.kinks == 3
    assert result.checked == result.total - 3
    assert result.verdict == "great"


def test_a_real_bug_is_still_caught_next_to_a_kink(monkeypatch):
    net = dead_first_layer_net()
    X = np.abs(np.random.default_rng(0).normal(size=(2, 16)))
    Y = (X[:1] > 1).astype(float)
    backward = type(net).backward

    def wrong(self, Y, l2=0.0, l1=0.0):
        grads = backward(self, Y, l2, l1)
        grads["b3"][...] *= 1.5  # a deliberately wrong gradient (the only non-zero one)
        return grads

    monkeypatch.setattr(type(net), "backward", wrong)
    result = gradient_check(net, X, Y)
    assert result.verdict == "bug"
    assert result.per_parameter["b3"] > 1e-3


def test_l1_at_a_zero_weight_is_a_kink_too():
    net = Network.from_spec({"input_dim": 2, "layers": [
        {"type": "dense", "units": 2}, {"type": "tanh"},
        {"type": "dense", "units": 1}, {"type": "sigmoid"}]}, seed=1, dtype="float64")
    net.params["W1"][0, 0] = 0.0
    X = np.random.default_rng(1).normal(size=(2, 8))
    Y = (X[:1] > 0).astype(float)
    result = gradient_check(net, X, Y, l1=0.5)
    assert result.kinks == 1
    assert result.difference < 1e-7


@pytest.mark.parametrize("seed", range(3))
def test_smooth_networks_have_no_kinks(seed):
    net = Network.from_spec({"input_dim": 2, "layers": [
        {"type": "dense", "units": 4}, {"type": "tanh"},
        {"type": "dense", "units": 1}, {"type": "sigmoid"}]}, seed=seed, dtype="float64")
    X = np.random.default_rng(seed).normal(size=(2, 12))
    result = gradient_check(net, X, (X[:1] > 0).astype(float), l2=0.3)
    assert result.kinks == 0 and result.checked == result.total
