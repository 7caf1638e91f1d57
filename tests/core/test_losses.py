"""Losses from hand values; dZ[L] = (Ŷ − Y)/m; logits of ±1000 stay finite.

The nets here are dense(W = I, b = 0) → output, so Z[L] = X and db = Σ_columns dZ[L].
"""

import math

import numpy as np
import pytest

from visualnet.core import losses


def test_binary_cross_entropy_by_hand(identity_net):
    net = identity_net(1, {"type": "sigmoid"})
    X, Y = np.array([[0.0, 2.0, -1.0]]), np.array([[1.0, 0.0, 1.0]])
    A = net.forward(X, training=True)
    # L = −log σ(0), −log(1 − σ(2)), −log σ(−1) = log 2, log(1 + e²), log(1 + e)
    expected = (math.log(2) + math.log(1 + math.e**2) + math.log(1 + math.e)) / 3
    assert expected == pytest.approx(1.377779, abs=1e-6)
    assert net.cost(A, Y) == pytest.approx(expected, rel=1e-12)
    assert net.cost(A.copy(), Y) == pytest.approx(expected, rel=1e-9)  # from probabilities
    grads = net.backward(Y)
    # db = Σ (ŷ − y)/m = (0.5 − 1 + 0.880797 − 0 + 0.268941 − 1)/3
    assert grads["b1"][0, 0] == pytest.approx((0.5 - 1 + 0.8807971 + 0.2689414 - 1) / 3, abs=1e-7)
    np.testing.assert_allclose(grads["W1"], [[(X * (A - Y)).sum() / 3]])


def test_categorical_cross_entropy_by_hand(identity_net):
    net = identity_net(4, {"type": "softmax"})
    # column 1 is the course's Z = [5, 2, −1, 3] with class 1 true; column 2 is uniform, class 3
    X = np.array([[5.0, 1.0], [2.0, 1.0], [-1.0, 1.0], [3.0, 1.0]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    A = net.forward(X, training=True)
    total = math.exp(5) + math.exp(2) + math.exp(-1) + math.exp(3)  # ≈ 176.256
    expected = (-math.log(math.exp(5) / total) + math.log(4)) / 2  # (0.171935 + 1.386294)/2
    assert expected == pytest.approx(0.779115, abs=1e-6)
    assert net.cost(A, Y) == pytest.approx(expected, rel=1e-12)
    assert net.cost(A.copy(), Y) == pytest.approx(expected, rel=1e-9)
    grads = net.backward(Y)
    # db = Σ_columns (Ŷ − Y)/2 with ŷ₁ = [0.842033, 0.041923, 0.002087, 0.113957], ŷ₂ = ¼ each
    np.testing.assert_allclose(grads["b1"][:, 0], [(0.842033 - 1 + 0.25) / 2, (0.041923 + 0.25) / 2,
                                                  (0.002087 + 0.25 - 1) / 2, (0.113957 + 0.25) / 2],
                               atol=1e-6)


def test_mean_squared_error_by_hand(identity_net):
    net = identity_net(1, {"type": "linear"})
    X, Y = np.array([[1.0, 3.0]]), np.array([[0.0, 1.0]])
    A = net.forward(X, training=True)
    assert net.cost(A, Y) == pytest.approx((1 + 4) / 2)
    assert net.cost(A.copy(), Y) == pytest.approx(2.5)
    # J = (1/m)·Σ(ŷ − y)², so dZ = 2(Ŷ − Y)/m = [1, 2] and db = 3
    assert net.backward(Y)["b1"][0, 0] == pytest.approx(3.0)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_logits_of_1000_give_finite_costs_and_gradients(identity_net, dtype):
    net = identity_net(1, {"type": "sigmoid"}, dtype=dtype)
    X, Y = np.array([[1000.0, -1000.0, 1000.0, -1000.0]]), np.array([[1.0, 0.0, 0.0, 1.0]])
    A = net.forward(X, training=True)
    # right and confident costs 0, wrong and confident costs |z| = 1000: J = 2000/4
    assert net.cost(A, Y) == pytest.approx(500.0)
    grads = net.backward(Y)
    assert np.isfinite(grads.flat).all()
    assert grads["b1"][0, 0] == pytest.approx(0.0)  # (0 + 0 + 1 − 1)/4
    assert grads["W1"][0, 0] == pytest.approx(500.0)  # Σ x·(ŷ − y)/m = (1000·1 + 1000·1)/4

    net = identity_net(2, {"type": "softmax"}, dtype=dtype)
    X, Y = np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]), np.array([[1.0, 1.0], [0.0, 0.0]])
    A = net.forward(X, training=True)
    assert net.cost(A, Y) == pytest.approx(1000.0)  # (0 + 2000)/2
    np.testing.assert_array_equal(net.backward(Y)["b1"][:, 0], [-0.5, 0.5])
    assert np.isfinite(net.cost(A.copy(), Y))


def test_cost_from_logits_directly():
    z, y = np.array([[0.0, 2.0]]), np.array([[1.0, 0.0]])
    assert losses.cost_from_logits("sigmoid", z, y) == pytest.approx(
        (math.log(2) + math.log(1 + math.e**2)) / 2)
    with pytest.raises(ValueError, match="allowed: sigmoid, softmax, linear"):
        losses.cost_from_logits("tanh", z, y)


def test_error_rate():
    y = np.array([[1.0, 0.0, 1.0, 0.0]])
    assert losses.error_rate("sigmoid", np.array([[0.9, 0.6, 0.4, 0.1]]), y) == 0.5
    a = np.array([[0.7, 0.2], [0.3, 0.8]])
    assert losses.error_rate("softmax", a, np.array([[1.0, 1.0], [0.0, 0.0]])) == 0.5
