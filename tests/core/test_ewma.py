"""Exponentially weighted averages v_t = β·v_{t−1} + (1 − β)·θ_t, bias correction, window."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from visualnet.core import effective_window, ewma
from visualnet.core.ewma import RunningEWMA

THETA = [10.0, 20.0, 30.0]


def test_values_by_hand():
    # v1 = 0.1·10 = 1;  v2 = 0.9·1 + 0.1·20 = 2.9;  v3 = 0.9·2.9 + 0.1·30 = 5.61
    np.testing.assert_allclose(ewma(THETA, 0.9), [1.0, 2.9, 5.61], rtol=1e-12)


def test_bias_correction_by_hand():
    # v_t / (1 − 0.9ᵗ): 1/0.1 = 10, 2.9/0.19 = 15.263158, 5.61/0.271 = 20.701107
    np.testing.assert_allclose(ewma(THETA, 0.9, bias_correction=True),
                               [10.0, 15.263158, 20.701107], rtol=1e-6)


def test_running_average_gives_the_same_values():
    plain, corrected = RunningEWMA(0.9, bias_correction=False), RunningEWMA(0.9)
    assert [plain.update(x) for x in THETA] == pytest.approx([1.0, 2.9, 5.61])
    assert [corrected.update(x) for x in THETA] == pytest.approx([10.0, 15.263158, 20.701107])


def test_effective_window():
    assert effective_window(0.9) == pytest.approx(10)
    assert effective_window(0.98) == pytest.approx(50)
    assert effective_window(0.5) == pytest.approx(2)
    assert effective_window(0.0) == 1
    # a value 1/(1 − β) steps back weighs ≈ 1/e of the newest: 0.9^10 = 0.349 ≈ 0.368
    assert abs(0.9**10 - np.exp(-1)) < 0.02
    with pytest.raises(ValueError, match=r"\[0, 1\)"):
        effective_window(1.0)


@given(st.floats(-1e3, 1e3), st.floats(0.0, 0.99), st.integers(1, 50))
def test_bias_correction_makes_a_constant_series_exact(value, beta, length):
    np.testing.assert_allclose(ewma([value] * length, beta, bias_correction=True), value,
                               rtol=1e-9, atol=1e-9)


@given(st.lists(st.floats(-1e3, 1e3), max_size=40), st.floats(0.0, 0.99), st.integers(0, 40),
       st.booleans())
def test_a_block_at_a_time_gives_exactly_what_one_at_a_time_gives(values, beta, cut, corrected):
    one_by_one, in_blocks = RunningEWMA(beta, corrected), RunningEWMA(beta, corrected)
    expected = [one_by_one.update(x) for x in values]
    got = np.concatenate([in_blocks.update_all(values[:cut]), in_blocks.update_all(values[cut:])])
    assert got.tolist() == expected
    assert (in_blocks.t, in_blocks.value) == (one_by_one.t, one_by_one.value)
