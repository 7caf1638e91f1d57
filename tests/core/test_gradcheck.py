"""Gradient checking: backprop agrees with two-sided differences on random architectures."""

import numpy as np
import pytest

from visualnet.core import Network, gradient_check
from visualnet.core.batchnorm import BatchNorm
from visualnet.core.gradcheck import verdict
from visualnet.core.layers import Dense
from visualnet.core.spec import LAYER_TYPES

HIDDEN = ("relu", "leaky_relu", "tanh", "sigmoid", "linear")
OUTPUTS = ("sigmoid", "softmax", "linear")
SEEDS = range(24)


def random_problem(seed: int):
    """A seeded random net mixing the layer types, with data X, Y that suits its output.

    Every net holds a batch norm and a dropout layer; activations and outputs cycle so that the
    whole set covers every layer type. Biases get small random values so no ReLU input sits
    exactly on the kink at 0 (it would with b = 0 and a dead unit before it).
    """
    rng = np.random.default_rng(seed)
    n_x, blocks = int(rng.integers(2, 5)), int(rng.integers(2, 4))
    norm_at, drop_at = rng.integers(0, blocks, size=2)
    layers = []
    for k in range(blocks):
        layers.append({"type": "dense", "units": int(rng.integers(2, 6)),
                       "init": str(rng.choice(["he", "xavier"]))})
        if k == norm_at:
            layers.append({"type": "batchnorm", "momentum": 0.8})
        act = HIDDEN[(seed + k) % len(HIDDEN)]
        layers.append({"type": act, "slope": 0.2} if act == "leaky_relu" else {"type": act})
        if k == drop_at:
            layers.append({"type": "dropout", "keep_prob": 0.5})
    output = OUTPUTS[seed % len(OUTPUTS)]
    n_y = 3 if output == "softmax" else int(rng.integers(1, 3))
    layers += [{"type": "dense", "units": n_y, "init": "xavier"}, {"type": output}]
    spec = {"input_dim": n_x, "layers": layers}
    net = Network.from_spec(spec, seed=seed, dtype="float32")
    for name in net.params:
        if name.startswith(("b", "beta")):
            net.params[name][...] = rng.normal(0, 0.3, net.params[name].shape)
    m = 8
    X = rng.standard_normal((n_x, m))
    if output == "softmax":
        Y = np.eye(n_y)[:, rng.integers(0, n_y, m)]
    elif output == "sigmoid":
        Y = (rng.random((n_y, m)) < 0.5).astype(float)
    else:
        Y = rng.standard_normal((n_y, m))
    return net, X, Y


def test_the_random_architectures_cover_every_layer_type():
    seen = {layer["type"] for seed in SEEDS for layer in random_problem(seed)[0].spec["layers"]}
    assert seen == set(LAYER_TYPES)


@pytest.mark.parametrize("seed", SEEDS)
def test_backprop_matches_two_sided_differences(seed):
    net, X, Y = random_problem(seed)
    l2, l1 = (0.0, 0.0) if seed % 3 == 0 else (0.5, 0.0) if seed % 3 == 1 else (0.3, 0.2)
    result = gradient_check(net, X, Y, l2=l2, l1=l1)
    assert result.difference < 1e-7, result.per_parameter
    assert result.verdict == "great"
    assert set(result.per_parameter) == set(net.params)
    assert result.checked == result.total == net.param_count


def test_gradcheck_leaves_the_network_untouched():
    net, X, Y = random_problem(1)
    params = net.params.flat.copy()
    running = {k: v.copy() for k, v in net.buffers().items()}
    rng_state = net.dropout_layers[0].rng.bit_generator.state
    gradient_check(net, X, Y)
    np.testing.assert_array_equal(net.params.flat, params)
    for name, value in net.buffers().items():
        np.testing.assert_array_equal(value, running[name])
    assert net.dropout_layers[0].rng.bit_generator.state == rng_state
    assert net.dropout_layers[0].enabled and net.dtype == np.float32


def test_a_broken_dense_gradient_is_called_a_bug(monkeypatch):
    net, X, Y = random_problem(3)
    backward = Dense.backward

    def doubled_dW(self, dz, need_input_grad):
        out = backward(self, dz, need_input_grad)
        self.dW *= 2
        return out

    monkeypatch.setattr(Dense, "backward", doubled_dW)
    result = gradient_check(net, X, Y)
    assert result.verdict == "bug" and result.difference > 1e-3
    for name, difference in result.per_parameter.items():
        # ‖2g − g‖ / (‖2g‖ + ‖g‖) = 1/3 for every W; the rest is still right
        if name.startswith("W"):
            assert difference == pytest.approx(1 / 3, rel=1e-5)
        else:
            assert difference < 1e-7
    assert "bug" in result.advice


def test_a_broken_batch_norm_gradient_is_called_a_bug(monkeypatch):
    net, X, Y = random_problem(4)
    backward = BatchNorm.backward

    def wrong_gamma(self, dout, need_input_grad):
        out = backward(self, dout, need_input_grad)
        self.dgamma += 0.5
        return out

    monkeypatch.setattr(BatchNorm, "backward", wrong_gamma)
    result = gradient_check(net, X, Y)
    assert result.verdict == "bug"
    gamma = next(name for name in result.per_parameter if name.startswith("gamma"))
    assert result.per_parameter[gamma] > 1e-3


def test_sampled_check_for_a_big_network():
    spec = {"input_dim": 30, "layers": [
        {"type": "dense", "units": 64}, {"type": "batchnorm"}, {"type": "tanh"},
        {"type": "dropout", "keep_prob": 0.7},
        {"type": "dense", "units": 64}, {"type": "leaky_relu"},
        {"type": "dense", "units": 4}, {"type": "softmax"}]}
    net = Network.from_spec(spec, seed=5)
    rng = np.random.default_rng(5)
    X, Y = rng.standard_normal((30, 16)), np.eye(4)[:, rng.integers(0, 4, 16)]
    result = gradient_check(net, X, Y, l2=0.1, max_components=60, seed=2)
    assert result.total == net.param_count == 30 * 64 + 128 + 64 * 64 + 64 + 64 * 4 + 4
    assert result.checked == 60
    assert set(result.per_parameter) == set(net.params)
    assert result.difference < 1e-7
    again = gradient_check(net, X, Y, l2=0.1, max_components=60, seed=2)
    assert again.difference == result.difference


def test_a_parameter_with_zero_gradient_is_not_called_a_bug(monkeypatch):
    # b1 shifts Z[2] by W2·c, which batch norm subtracts again: ∂J/∂b1 = 0 exactly, and the
    # differences give only rounding noise (≈ 1e-9), not a relative difference of ≈ 1.
    net = Network.from_spec({"input_dim": 3, "layers": [
        {"type": "dense", "units": 4}, {"type": "linear"}, {"type": "dense", "units": 2},
        {"type": "batchnorm"}, {"type": "tanh"}, {"type": "dense", "units": 1},
        {"type": "sigmoid"}]}, seed=2)
    net.params["b1"][...] = 0.3
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 6)), (rng.random((1, 6)) < 0.5).astype(float)
    result = gradient_check(net, X, Y)
    assert result.per_parameter["b1"] == 0.0 and result.difference < 1e-7
    backward = Dense.backward

    def wrong_b1(self, dz, need_input_grad):  # a gradient that should be 0 but is not
        out = backward(self, dz, need_input_grad)
        if self.number == 1:
            self.db += 1e-4
        return out

    monkeypatch.setattr(Dense, "backward", wrong_b1)
    assert gradient_check(net, X, Y).per_parameter["b1"] == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize("difference, band", [
    (3e-9, "great"), (9.9e-8, "great"), (2e-6, "look closer"), (5e-4, "suspect"),
    (2e-3, "bug"), (float("nan"), "bug")])
def test_the_course_verdict_bands(difference, band):
    assert verdict(difference) == band
