"""Numbers as a student types and reads them: parsing, display, arrow steps, the log α scale.

Pure Python (no Qt), so the widgets hold no arithmetic.
"""

from __future__ import annotations

import math
import operator

SIGNIFICANT = 6
"""Significant digits shown in a field: 0.001, 1e-8, 0.999."""

PER_DECADE = 10
"""Log-slider positions per factor of 10 (one step multiplies α by 10^0.1 ≈ 1.26)."""

_CHECKS = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse(text: str, integer: bool) -> int | float | None:
    """'1e-8' → 1e-08, '64' → 64; None unless a finite number (a whole one if ``integer``)."""
    text = text.strip()
    if integer:
        try:
            return int(text)
        except ValueError:
            pass
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    if integer:
        return int(value) if value.is_integer() else None
    return value


def show(value: int | float) -> str:
    """The text of a field: ints in full, floats to 6 significant digits, '1e-8' not '1e-08'."""
    if isinstance(value, int):
        return str(value)
    mantissa, e, exponent = f"{value:.{SIGNIFICANT}g}".partition("e")
    return f"{mantissa}e{int(exponent)}" if e else mantissa


def inside(value: float, bounds: dict[str, float]) -> bool:
    """Whether ``value`` meets every bound of a ``validation.bounds`` dict."""
    return all(_CHECKS[key](value, limit) for key, limit in bounds.items())


def stepped(value: int | float, steps: int, integer: bool) -> int | float:
    """The value after ``steps`` arrow presses: ±1 for ints, one unit of the leading digit for
    floats (0.3 → 0.4, 0.1 → 0.09), so small values such as ε step in their own decade."""
    if integer:
        return value + steps
    for _ in range(abs(steps)):
        value = _one_step(value, up=steps > 0)
    return value


def log_position(value: float) -> int:
    """The log-slider position of a positive value: round(log10(value) · PER_DECADE)."""
    return round(math.log10(value) * PER_DECADE)


def log_value(position: int) -> float:
    """The value at a log-slider position, to 2 significant digits (0.0079, 0.01, 0.013)."""
    return float(f"{10 ** (position / PER_DECADE):.2g}")


def power_of_ten(exponent: int) -> str:
    """'10⁻⁵', '1', '10' — the end labels of a log scale."""
    if exponent in (0, 1):
        return str(10**exponent)
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def _one_step(value: float, up: bool) -> float:
    if value == 0:
        return 0.1 if up else -0.1
    unit = 10.0 ** math.floor(math.log10(abs(value)))
    if not up and math.isclose(value, unit):
        unit /= 10  # stepping down from 0.1 goes to 0.09, not to 0
    return float(f"{value + (unit if up else -unit):.12g}")
