"""The course's bias/variance table and the basic recipe."""

import pytest

from visualnet.core.training import diagnose


@pytest.mark.parametrize(
    ("train", "dev", "verdict"),
    [
        (0.01, 0.11, "high variance"),
        (0.15, 0.16, "high bias"),
        (0.15, 0.30, "high bias and high variance"),
        (0.005, 0.01, "fine"),
    ],
)
def test_the_course_table(train, dev, verdict):
    assert diagnose(train, dev).verdict == verdict


def test_human_level_error_turns_a_large_train_error_into_low_avoidable_bias():
    d = diagnose(0.15, 0.16, human_error=0.14)
    assert d.avoidable_bias == pytest.approx(0.01)
    assert d.variance == pytest.approx(0.01)
    assert d.verdict == "fine"


def test_advice_follows_the_basic_recipe():
    assert "Bigger network" in diagnose(0.2, 0.21).advice
    assert "regularization" in diagnose(0.01, 0.2).advice


def test_a_gap_below_zero_is_explained():
    assert diagnose(0.05, 0.04).below_zero == "dev error below train error: no sign of overfitting"
    assert diagnose(0.01, 0.02, human_error=0.03).below_zero == (
        "train error below human-level error")
    assert diagnose(0.01, 0.02).below_zero == ""


def test_the_gaps_read_as_one_sentence_with_what_a_gap_below_zero_means():
    assert diagnose(0.05, 0.07).gaps() == "avoidable bias 5.0%, variance 2.0%"
    assert diagnose(0.05, 0.044).gaps(decimals=2) == (
        "avoidable bias 5.00%, variance -0.60% (dev error below train error: no sign of "
        "overfitting)")
