"""L2 (λ/2m)·Σ‖W‖²_F with dW += (λ/m)·W, and L1 (λ/2m)·Σ‖W‖₁ with dW += (λ/2m)·sign(W).

The 2-3-1 net below has ‖W1‖² + ‖W2‖² = 15.25 + 5.25 = 20.5 and ‖W1‖₁ + ‖W2‖₁ = 7.5 + 3.5 = 11;
with λ = 0.8 and m = 4, λ/2m = 0.1, so L2 adds 2.05 and L1 adds 1.1 to J.
"""

import numpy as np
import pytest

from visualnet.core import Network

W1 = np.array([[1.0, -2.0], [0.5, 0.0], [3.0, -1.0]])
W2 = np.array([[2.0, -1.0, 0.5]])
X = np.array([[0.5, -1.0, 0.2, 0.1], [0.3, 0.4, -0.6, 0.9]])
Y = np.array([[1.0, 0.0, 0.0, 1.0]])


@pytest.fixture
def net():
    net = Network.from_spec({"input_dim": 2, "layers": [
        {"type": "dense", "units": 3}, {"type": "tanh"},
        {"type": "dense", "units": 1}, {"type": "sigmoid"}]}, dtype="float64")
    net.params.assign({"W1": W1, "b1": [[10.0], [-20.0], [30.0]], "W2": W2, "b2": [[40.0]]})
    return net


def _cost_and_grads(net, **penalty):
    A = net.forward(X, training=True)
    return net.cost(A, Y, **penalty), net.backward(Y, **penalty).copy()


def test_l2_term_in_cost_and_gradient(net):
    cost0, g0 = _cost_and_grads(net)
    cost, g = _cost_and_grads(net, l2=0.8)
    assert cost == pytest.approx(cost0 + 2.05, rel=1e-12)
    np.testing.assert_allclose(g["W1"] - g0["W1"], 0.2 * W1, atol=1e-15)  # λ/m = 0.2
    np.testing.assert_allclose(g["W2"] - g0["W2"], 0.2 * W2, atol=1e-15)
    np.testing.assert_array_equal(g["b1"], g0["b1"])  # biases are not regularized
    np.testing.assert_array_equal(g["b2"], g0["b2"])


def test_l1_term_in_cost_and_subgradient(net):
    cost0, g0 = _cost_and_grads(net)
    cost, g = _cost_and_grads(net, l1=0.8)
    assert cost == pytest.approx(cost0 + 1.1, rel=1e-12)
    # (λ/2m)·sign(W), and 0 where W = 0
    np.testing.assert_allclose(g["W1"] - g0["W1"], [[0.1, -0.1], [0.1, 0], [0.1, -0.1]],
                               atol=1e-15)
    np.testing.assert_allclose(g["W2"] - g0["W2"], [[0.1, -0.1, 0.1]], atol=1e-15)
    np.testing.assert_array_equal(g["b1"], g0["b1"])


def test_l2_and_l1_add_up(net):
    cost0, _ = _cost_and_grads(net)
    cost, _ = _cost_and_grads(net, l2=0.8, l1=0.8)
    assert cost == pytest.approx(cost0 + 3.15, rel=1e-12)
    assert net.penalty(4, l2=0.8, l1=0.8) == pytest.approx(3.15, rel=1e-12)


def test_gamma_and_beta_are_not_regularized():
    net = Network.from_spec({"input_dim": 2, "layers": [
        {"type": "dense", "units": 3}, {"type": "batchnorm"}, {"type": "tanh"},
        {"type": "dense", "units": 1}, {"type": "sigmoid"}]}, dtype="float64")
    net.params["gamma1"][...] = 5.0
    net.params["beta1"][...] = -3.0
    cost0, g0 = _cost_and_grads(net)
    cost, g = _cost_and_grads(net, l2=0.8, l1=0.8)
    weights = sum(float((w**2).sum()) + float(np.abs(w).sum())
                  for w in (net.params["W1"], net.params["W2"]))
    assert cost == pytest.approx(cost0 + 0.1 * weights, rel=1e-12)
    for name in ("gamma1", "beta1", "b2"):
        np.testing.assert_array_equal(g[name], g0[name])
