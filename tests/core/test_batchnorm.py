"""Batch norm: batch μ and biased σ² in training, running averages (fed unbiased σ²) at evaluation.

The net is dense(W = I, no bias) → batch norm → linear, so the batch norm sees Z = X and its
output is the network's output. X has two units and m = 4 examples:
    unit 1: z = 1, 2, 3, 6   μ = 3, σ² = (4 + 1 + 0 + 9)/4 = 3.5, unbiased 14/3
    unit 2: z = 0, 0, 4, 4   μ = 2, σ² = 4,                        unbiased 16/3
"""

import math

import numpy as np
import pytest

X = np.array([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 4.0, 4.0]])
GAMMA = np.array([[2.0], [1.0]])
BETA = np.array([[0.5], [-1.0]])
EPS = 1e-5


@pytest.fixture
def bn_net(identity_net):
    net = identity_net(2, {"type": "batchnorm", "momentum": 0.9, "eps": EPS}, {"type": "linear"})
    net.params["gamma1"][...] = GAMMA
    net.params["beta1"][...] = BETA
    return net


def test_dense_before_batch_norm_has_no_bias(bn_net, course_spec):
    from visualnet.core import Network

    assert list(bn_net.params) == ["W1", "gamma1", "beta1"]
    net = Network.from_spec(course_spec)
    assert [(k, v.shape) for k, v in net.params.items()] == [
        ("W1", (16, 2)), ("gamma1", (16, 1)), ("beta1", (16, 1)), ("W2", (3, 16)), ("b2", (3, 1))]
    assert list(net.grads) == list(net.params)


def test_training_normalizes_with_the_batch_mean_and_biased_variance(bn_net):
    A = bn_net.forward(X, training=True)
    unit1 = [2 * (z - 3) / math.sqrt(3.5 + EPS) + 0.5 for z in (1, 2, 3, 6)]
    unit2 = [1 * (z - 2) / math.sqrt(4 + EPS) - 1 for z in (0, 0, 4, 4)]
    np.testing.assert_allclose(A, [unit1, unit2], rtol=1e-12)
    layer = bn_net.batchnorm_layers[0]
    np.testing.assert_allclose(layer.batch_mean[:, 0], [3, 2])
    np.testing.assert_allclose(layer.batch_var[:, 0], [3.5, 4])


def test_running_averages_are_fed_the_unbiased_variance(bn_net):
    layer = bn_net.batchnorm_layers[0]
    np.testing.assert_array_equal(layer.running_mean[:, 0], [0, 0])
    np.testing.assert_array_equal(layer.running_var[:, 0], [1, 1])
    bn_net.forward(X, training=True)
    # μ_run = 0.9·0 + 0.1·μ;  σ²_run = 0.9·1 + 0.1·σ²·m/(m − 1)
    np.testing.assert_allclose(layer.running_mean[:, 0], [0.3, 0.2])
    np.testing.assert_allclose(layer.running_var[:, 0], [0.9 + 0.1 * 14 / 3, 0.9 + 0.1 * 16 / 3])
    bn_net.forward(X, training=True)
    # μ_run = 0.9·0.3 + 0.1·3 = 0.57;  σ²_run = 0.9·(0.9 + 0.1·u) + 0.1·u = 0.81 + 0.19·u
    np.testing.assert_allclose(layer.running_mean[:, 0], [0.57, 0.38])
    np.testing.assert_allclose(layer.running_var[:, 0],
                               [0.81 + 0.19 * 14 / 3, 0.81 + 0.19 * 16 / 3])
    assert layer.num_batches_tracked == 2


def test_evaluation_uses_the_running_values_and_leaves_them_alone(bn_net):
    bn_net.forward(X, training=True)
    bn_net.forward(X, training=True)
    layer = bn_net.batchnorm_layers[0]
    mean, var = layer.running_mean.copy(), layer.running_var.copy()
    A = bn_net.forward(X, training=False)
    var1, var2 = 0.81 + 0.19 * 14 / 3, 0.81 + 0.19 * 16 / 3  # 1.696667, 1.823333
    unit1 = [2 * (z - 0.57) / math.sqrt(var1 + EPS) + 0.5 for z in (1, 2, 3, 6)]
    unit2 = [(z - 0.38) / math.sqrt(var2 + EPS) - 1 for z in (0, 0, 4, 4)]
    np.testing.assert_allclose(A, [unit1, unit2], rtol=1e-12)
    np.testing.assert_array_equal(layer.running_mean, mean)
    np.testing.assert_array_equal(layer.running_var, var)
    # one example at a time gives the same answer: evaluation does not look at the batch
    np.testing.assert_allclose(bn_net.forward(X[:, :1], training=False), A[:, :1], rtol=1e-12)


def test_backward_gives_the_gamma_and_beta_gradients(bn_net):
    # Squared error against Y = 0: dz̃ = 2·z̃/m, dβ = Σ dz̃, dγ = Σ dz̃ ⊙ z_norm.
    A = bn_net.forward(X, training=True)
    grads = bn_net.backward(np.zeros_like(X))
    z_norm = (A - BETA) / GAMMA
    dout = 2 * A / 4
    np.testing.assert_allclose(grads["beta1"], dout.sum(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(grads["gamma1"], (dout * z_norm).sum(axis=1, keepdims=True),
                               rtol=1e-12)
    # β is the unit's mean output: Σ z_norm = 0, so dβ = 2·β·m/m = 2β
    np.testing.assert_allclose(grads["beta1"], 2 * BETA, rtol=1e-9)


def test_running_statistics_are_buffers_in_the_state_dict(bn_net):
    bn_net.forward(X, training=True)
    state = bn_net.state_dict()
    assert {"running_mean1", "running_var1", "num_batches_tracked1"} <= set(state)
    fresh = bn_net.copy()
    np.testing.assert_array_equal(fresh.buffers()["running_var1"], state["running_var1"])
    np.testing.assert_array_equal(fresh.forward(X), bn_net.forward(X))
