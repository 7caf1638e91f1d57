"""The EWMA demo's β slider: equal steps in log(1 − β), so 0.9 … 0.999 gets room.

β near 1 is where the average changes most (β = 0.9 averages ≈ 10 days, 0.99 ≈ 100, 0.999
≈ 1000): a slider linear in β would squeeze all of that into its last fifth. Position p
stands for 1 − β = 10^(−p/100), rounded to two significant digits, so the course's values
0.5, 0.9, 0.98 and 0.999 are reached exactly and every position near 1 is a different β
(…, 0.9988, 0.9989, 0.999). No Qt here.
"""

from __future__ import annotations

import math

LOWEST, HIGHEST = 0.5, 0.999
PER_DECADE = 100
"""Slider positions per factor of 10 in 1 − β."""

COURSE_VALUES = (0.5, 0.9, 0.98)
"""The βs the course plots on the temperature series."""


def beta_at(position: int) -> float:
    """β at slider position ``position``."""
    gap = 10.0 ** (-position / PER_DECADE)
    gap = round(gap, 1 - math.floor(math.log10(gap)))
    return min(max(round(1.0 - gap, 6), LOWEST), HIGHEST)


def position_of(beta: float) -> int:
    """The slider position nearest ``beta`` (clamped to LOWEST … HIGHEST)."""
    beta = min(max(beta, LOWEST), HIGHEST)
    return round(-math.log10(1.0 - beta) * PER_DECADE)


def positions() -> tuple[int, int]:
    """The slider's range: the positions of LOWEST and HIGHEST."""
    return position_of(LOWEST), position_of(HIGHEST)
