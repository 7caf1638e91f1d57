"""Bias and variance from the course's table, and the basic recipe's next step.

    avoidable bias = train error − human-level error
    variance       = dev error − train error

| train | dev | verdict                        |
|-------|-----|--------------------------------|
| 1 %   | 11 %| high variance                  |
| 15 %  | 16 %| high bias                      |
| 15 %  | 30 %| high bias and high variance    |
| 0.5 % | 1 % | low bias and low variance      |

A gap counts as "high" when it exceeds ``threshold`` (default 5 percentage points).
"""

from __future__ import annotations

from dataclasses import dataclass

ADVICE = {
    "high bias": "Bigger network (more units or layers) or train longer; try a better optimizer.",
    "high variance": "More data or regularization (L2, dropout, augmentation).",
    "high bias and high variance": "First fix bias (bigger network, train longer), then variance "
    "(more data, regularization).",
    "fine": "Low bias and low variance: done — check the test set.",
}


@dataclass(frozen=True)
class Diagnosis:
    avoidable_bias: float
    variance: float
    verdict: str
    advice: str

    @property
    def below_zero(self) -> str:
        """What a gap below 0 means, for a student who expects none ("" when neither is)."""
        notes = []
        if self.avoidable_bias < 0:
            notes.append("train error below human-level error")
        if self.variance < 0:
            notes.append("dev error below train error: no sign of overfitting")
        return "; ".join(notes)

    def gaps(self, decimals: int = 1) -> str:
        """The two gaps in words, with what a gap below 0 means: "avoidable bias 0.3%,
        variance -0.6% (dev error below train error: no sign of overfitting)"."""
        text = (f"avoidable bias {self.avoidable_bias:.{decimals}%}, "
                f"variance {self.variance:.{decimals}%}")
        return f"{text} ({self.below_zero})" if self.below_zero else text


def diagnose(
    train_error: float, dev_error: float, human_error: float = 0.0, threshold: float = 0.05
) -> Diagnosis:
    """Avoidable bias, variance, verdict and advice (see the module table)."""
    bias = train_error - human_error
    variance = dev_error - train_error
    high_bias, high_variance = bias > threshold, variance > threshold
    if high_bias and high_variance:
        verdict = "high bias and high variance"
    elif high_bias:
        verdict = "high bias"
    elif high_variance:
        verdict = "high variance"
    else:
        verdict = "fine"
    return Diagnosis(bias, variance, verdict, ADVICE[verdict])
