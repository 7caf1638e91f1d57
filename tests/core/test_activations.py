"""Activations g(z) and derivatives g'(z), checked against values worked out by hand."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from visualnet.core import activations

Z = [-2.0, -0.5, 0.0, 0.5, 3.0]


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


HAND = {  # kind: (g(z), g'(z)) at each z of Z; g'(0) is 0 for relu and the slope for leaky
    "relu": ([0, 0, 0, 0.5, 3], [0, 0, 0, 1, 1]),
    "leaky_relu": ([-0.2, -0.05, 0, 0.5, 3], [0.1, 0.1, 0.1, 1, 1]),
    "tanh": ([math.tanh(z) for z in Z], [1 - math.tanh(z) ** 2 for z in Z]),
    "sigmoid": ([_sigmoid(z) for z in Z], [_sigmoid(z) * (1 - _sigmoid(z)) for z in Z]),
    "linear": (Z, [1, 1, 1, 1, 1]),
}


@pytest.mark.parametrize("kind", list(HAND))
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_activation_and_derivative_match_hand_values(kind, dtype):
    z = np.array([Z], dtype=dtype)
    a = np.empty_like(z)
    activations.forward(kind, z, a, slope=0.1)
    value, slope = HAND[kind]
    tol = 1e-12 if dtype == "float64" else 1e-6
    np.testing.assert_allclose(a[0], value, rtol=tol, atol=tol)
    da = np.full_like(z, 2.0)  # chain rule: dZ = dA ⊙ g'(Z)
    dz = activations.backward(kind, z, a, da, np.empty_like(z), slope=0.1)
    np.testing.assert_allclose(dz[0], 2 * np.array(slope), rtol=tol, atol=tol)
    assert dz.dtype == np.dtype(dtype)


def test_hand_values_that_students_check():
    a = np.empty((1, 3))
    activations.forward("sigmoid", np.array([[0.0, 3.0, -3.0]]), a)
    np.testing.assert_allclose(a[0], [0.5, 0.9525741268, 0.0474258732], rtol=1e-9)
    activations.forward("tanh", np.array([[0.0, 0.5, -1.0]]), a)
    np.testing.assert_allclose(a[0], [0.0, 0.4621171573, -0.7615941560], rtol=1e-9)


def test_forward_can_work_in_place():
    z = np.array([[-1.0, 2.0]])
    assert activations.forward("relu", z, z) is z
    np.testing.assert_array_equal(z, [[0.0, 2.0]])


def test_softmax_matches_the_course_example():
    # Z = [5, 2, −1, 3]: t = e^Z sums to ≈ 176.3, a = t / 176.3.
    z = np.array([[5.0], [2.0], [-1.0], [3.0]])
    total = math.exp(5) + math.exp(2) + math.exp(-1) + math.exp(3)
    assert total == pytest.approx(176.256, abs=1e-3)
    a = activations.softmax(z)
    np.testing.assert_allclose(a[:, 0], [0.842033, 0.041923, 0.002087, 0.113957], atol=1e-6)


def test_softmax_and_sigmoid_survive_logits_of_1000():
    a = activations.softmax(np.array([[1000.0, 1000.0, -1000.0], [-1000.0, 1000.0, 1000.0]]))
    np.testing.assert_array_equal(a, [[1, 0.5, 0], [0, 0.5, 1]])
    s = activations.sigmoid(np.array([[1000.0, -1000.0]], dtype=np.float32))
    np.testing.assert_array_equal(s, [[1.0, 0.0]])


def test_unknown_kind_names_the_choices():
    z = np.zeros((1, 1))
    with pytest.raises(ValueError, match="allowed: relu, leaky_relu"):
        activations.forward("swish", z, z)
    with pytest.raises(ValueError, match="softmax"):
        activations.backward("softmax", z, z, z, z)


logits = arrays(np.float64, st.tuples(st.integers(2, 6), st.integers(1, 5)),
                elements=st.floats(-1000, 1000))


@given(logits)
def test_softmax_columns_are_distributions_that_keep_the_argmax(z):
    a = activations.softmax(z)
    assert np.isfinite(a).all() and (a >= 0).all() and (a <= 1).all()
    np.testing.assert_allclose(a.sum(axis=0), 1.0, rtol=1e-12)
    columns = range(z.shape[1])
    assert (a[z.argmax(axis=0), columns] == a.max(axis=0)).all()


@given(logits, st.floats(-50, 50))
def test_softmax_ignores_a_constant_added_to_a_column(z, c):
    np.testing.assert_allclose(activations.softmax(z + c), activations.softmax(z), atol=1e-12)


@given(logits)
def test_sigmoid_is_a_probability_symmetric_about_zero(z):
    s = activations.sigmoid(z)
    assert (s >= 0).all() and (s <= 1).all()
    np.testing.assert_allclose(activations.sigmoid(-z), 1 - s, atol=1e-15)
