"""Initializers: zeros, small random (×0.01), Xavier √(1/n[l-1]), He √(2/n[l-1]), √(c/n[l-1])."""

import math

import numpy as np
import pytest

from visualnet.core import Network, initializers


def _weights(n_in, n_out, seed=3, **dense):
    spec = {"input_dim": n_in, "layers": [
        {"type": "dense", "units": n_out, **dense}, {"type": "linear"}]}
    net = Network.from_spec(spec, seed=seed, dtype="float64")
    return net.params["W1"], net.params["b1"]


# (n[l-1], n[l]) = (500, 400) and (50, 2000): the scale must follow the fan-in n[l-1] only.
@pytest.mark.parametrize("n_in, n_out", [(500, 400), (50, 2000)])
@pytest.mark.parametrize("dense, variance_times_n_in", [
    ({"init": "he"}, 2.0),
    ({"init": "xavier"}, 1.0),
    ({"init": "custom", "c": 6.0}, 6.0),
    ({"init": "custom", "c": 0.5}, 0.5),
])
def test_scaled_initializers_draw_with_the_course_standard_deviation(
    n_in, n_out, dense, variance_times_n_in
):
    W, b = _weights(n_in, n_out, **dense)
    expected_std = math.sqrt(variance_times_n_in / n_in)  # e.g. He: √(2/500) = 0.0632
    assert W.shape == (n_out, n_in)
    # 200 000 draws: the sample std is within 0.2% of the true one, the mean within 0.5% of it.
    assert W.std() == pytest.approx(expected_std, rel=0.01)
    assert abs(W.mean()) < 0.01 * expected_std
    assert (b == 0).all()


@pytest.mark.parametrize("dense, std", [({"init": "random"}, 0.01),
                                        ({"init": "random", "scale": 0.5}, 0.5)])
def test_small_random_is_scale_times_a_standard_normal(dense, std):
    W, _ = _weights(300, 300, **dense)
    assert W.std() == pytest.approx(std, rel=0.01)


def test_zeros_and_identity_are_exact():
    W, _ = _weights(3, 4, init="zeros")
    assert (W == 0).all()
    W, _ = _weights(3, 2, init="identity", gain=1.5)
    np.testing.assert_array_equal(W, [[1.5, 0, 0], [0, 1.5, 0]])


def test_he_is_the_custom_constant_two():
    np.testing.assert_array_equal(_weights(20, 10, init="he")[0],
                                  _weights(20, 10, init="custom", c=2.0)[0])


def test_unknown_initializer_names_the_choices():
    with pytest.raises(ValueError, match="allowed: zeros, random, xavier, he"):
        initializers.initialize("kaiming", (2, 2), np.random.default_rng(0))
