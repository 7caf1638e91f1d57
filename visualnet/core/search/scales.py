"""The scales a hyperparameter is sampled on: each maps u ~ U[0, 1) to a value in [low, high].

Sampling is uniform on the scale's own coordinate t (course, week 3: "use an appropriate scale"):

    uniform        t = x                    x = low + u·(high − low)
    log            t = log₁₀ x              r ~ U[log₁₀ low, log₁₀ high], x = 10^r
    one_minus_log  t = −log₁₀(1 − x)        1 − β log-uniform: r ~ U[log₁₀(1 − high),
                                            log₁₀(1 − low)], β = 1 − 10^r (β from 0.9 to
                                            0.999: r ~ U[−3, −1]); t counts the nines
    int            t = x                    whole numbers low … high, each equally likely
    pow2           t = log₂ x               powers of two in [low, high], each equally likely
    choice         t = index                one of the listed values, each equally likely

The same coordinate t (increasing with x) places a value on a plot axis and is where coarse to
fine narrows a range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SCALE_NAMES = ("uniform", "log", "one_minus_log", "int", "pow2", "choice")

LABELS = {
    "uniform": "uniform",
    "log": "log",
    "one_minus_log": "1 − log",
    "int": "integer",
    "pow2": "powers of 2",
    "choice": "choice",
}
"""How tables and the app name each scale."""

FORMULAS = {
    "uniform": "x = low + u·(high − low), u ~ U[0, 1]",
    "log": "r ~ U[log₁₀ low, log₁₀ high], x = 10^r: each factor of 10 equally likely",
    "one_minus_log": "r ~ U[log₁₀(1 − high), log₁₀(1 − low)], β = 1 − 10^r: "
    "0.9…0.99 as likely as 0.99…0.999",
    "int": "x ∈ {low, low + 1, …, high}, each equally likely",
    "pow2": "x = 2^k, k ∈ {log₂ low, …, log₂ high}, each equally likely",
    "choice": "one of the listed values, each equally likely",
}
"""The sampling rule of each scale, for tooltips and help."""


def for_kind(kind: str) -> tuple[str, ...]:
    """The scales that fit a field of ``kind`` ('float', 'int' or 'choice'), best first."""
    return {"float": ("uniform", "log", "one_minus_log"), "int": ("int", "pow2"),
            "choice": ("choice",)}[kind]


def coordinate(scale: str, x: float) -> float:
    """The scale's coordinate t of value x (log₁₀ x on a log scale…)."""
    if scale == "log":
        return math.log10(x)
    if scale == "one_minus_log":
        return -math.log10(1 - x)
    if scale == "pow2":
        return math.log2(x)
    return float(x)


def value(scale: str, t: float) -> float:
    """The value at coordinate t (the inverse of ``coordinate``)."""
    if scale == "log":
        return 10.0**t
    if scale == "one_minus_log":
        return 1 - 10.0**-t
    if scale == "pow2":
        return 2.0**t
    return t


def value_at(scale: str, u: float, low: float, high: float) -> int | float:
    """The value a draw u ∈ [0, 1) selects: uniform in t between low and high."""
    if scale == "int":
        whole = int(low) + math.floor(u * (int(high) - int(low) + 1))
        return min(whole, int(high))
    if scale == "pow2":
        k_low, k_high = power_range(low, high)
        return 2 ** min(k_low + math.floor(u * (k_high - k_low + 1)), k_high)
    t_low, t_high = coordinate(scale, low), coordinate(scale, high)
    x = value(scale, t_low + u * (t_high - t_low))
    return min(max(x, low), high)  # 10^(log₁₀ x) may miss x in the last digit


def position(scale: str, x: float, low: float, high: float) -> float:
    """Where x sits between low (0) and high (1), measured in the scale's coordinate."""
    t_low, t_high = coordinate(scale, low), coordinate(scale, high)
    if t_high == t_low:
        return 0.5
    return (coordinate(scale, x) - t_low) / (t_high - t_low)


def power_range(low: float, high: float) -> tuple[int, int]:
    """The exponents k of the powers of two 2^k inside [low, high] (k_low > k_high: none)."""
    return math.ceil(math.log2(low) - 1e-12), math.floor(math.log2(high) + 1e-12)


def cardinality(scale: str, low: float, high: float) -> float:
    """How many different values the range holds (inf for a continuous scale)."""
    if scale == "int":
        return int(high) - int(low) + 1
    if scale == "pow2":
        k_low, k_high = power_range(low, high)
        return max(k_high - k_low + 1, 0)
    return 1 if low == high else math.inf


def ticks(scale: str, low: float, high: float) -> list[tuple[float, str]] | None:
    """Major ticks (t, label) for an axis in the scale's coordinate; None: let the plot choose.

    Whole decades when the range spans two or more (1e-4, 0.001 … on a log axis; 0.9, 0.99,
    0.999 for 1 − log); otherwise five round values spread evenly in t.
    """
    if scale in ("uniform", "int", "choice"):
        return None
    t_low, t_high = coordinate(scale, low), coordinate(scale, high)
    if t_high - t_low >= 2 - 1e-9 or scale == "pow2":
        steps = range(math.ceil(t_low - 1e-9), math.floor(t_high + 1e-9) + 1)
        return [(float(t), format_value(round_value(scale, value(scale, t)))) for t in steps]
    out = []
    for i in range(5):
        x = round_value(scale, value(scale, t_low + i * (t_high - t_low) / 4))
        if low <= x <= high or math.isclose(x, low) or math.isclose(x, high):
            out.append((coordinate(scale, x), format_value(x)))
    return out


def tick_levels(scale: str, low: float, high: float, most: int = 4) -> list | None:
    """``ticks`` split in two levels for a plot axis: at most ``most`` labelled major ticks
    spread over the range, the others minor (labelled only where there is room)."""
    marks = ticks(scale, low, high)
    if marks is None:
        return None
    step = math.ceil(len(marks) / most)
    return [marks[::step], [m for i, m in enumerate(marks) if i % step]]


def round_value(scale: str, x: float, digits: int = 2) -> float:
    """x to ``digits`` significant digits of what varies on the scale (of 1 − x for 1 − log)."""
    if scale == "one_minus_log":
        return 1 - float(f"{1 - x:.{digits}g}")
    if scale in ("int", "pow2"):
        return round(x)
    return float(f"{x:.{digits}g}")


def format_value(x: object) -> str:
    """A value as a table shows it: 3 significant digits, whole numbers in full, choices as-is."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return str(x)
    if isinstance(x, int) or (float(x).is_integer() and abs(x) < 1e6):
        return str(int(x))
    if 0.99 <= x < 1:  # β-like values differ in their trailing nines: 0.9991, not 0.999
        return f"{x:.{max(3, 2 - math.floor(math.log10(1 - x)))}f}".rstrip("0")
    mantissa, e, exponent = f"{x:.3g}".partition("e")
    return f"{mantissa}e{int(exponent)}" if e else mantissa


def index_of(values: Sequence, x: object) -> int:
    """The position of choice x among ``values`` (−1 when it is not one of them)."""
    for i, v in enumerate(values):
        if v == x and type(v) is type(x):
            return i
    return -1
