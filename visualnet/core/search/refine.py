"""Coarse to fine: narrower ranges around the best trials of a round, for the next round.

On each dimension's own coordinate t (log₁₀ α for a log scale, −log₁₀(1 − β) for 1 − log…)
the best ``keep`` trials span [t_min, t_max]. The new range pads that span by a quarter of it on
each side, is at least a tenth of the old range wide, stays inside the old range, and is rounded
outwards to two significant digits. A choice keeps the values the best trials used.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from visualnet.core.search import scales
from visualnet.core.search.space import Dimension, SearchSpace

PAD = 0.25
"""Padding each side, as a fraction of the span of the best trials' values."""

MIN_WIDTH = 0.1
"""The narrowest new range, as a fraction of the old one (on the scale's coordinate)."""


def best(records: Sequence, keep: int) -> list:
    """The ``keep`` records with the lowest dev error among those that finished."""
    finished = [r for r in records if r.ranked]
    return sorted(finished, key=lambda r: r.rank_key)[:keep]


def narrowed(space: SearchSpace, records: Sequence, keep: int | None = None) -> SearchSpace:
    """The space for the next round: each range narrowed around the best trials' values.

    ValueError when no trial of ``records`` finished with a dev error to rank it by.
    """
    top = best(records, keep or space.keep)
    if not top:
        raise ValueError("no trial finished with a dev error yet: nothing to zoom in on")
    dimensions = [_narrow(d, [r.params[d.field] for r in top if d.field in r.params])
                  for d in space.dimensions]
    return space.model_copy(update={"dimensions": dimensions})


def _narrow(d: Dimension, values: list) -> Dimension:
    if not values:
        return d
    if d.scale == "choice":
        kept = [v for v in d.values if scales.index_of(values, v) >= 0]
        return d.model_copy(update={"values": kept or list(d.values)})
    lo_edge, hi_edge = scales.coordinate(d.scale, d.low), scales.coordinate(d.scale, d.high)
    ts = [scales.coordinate(d.scale, v) for v in values]
    lo, hi = min(ts), max(ts)
    pad = max(PAD * (hi - lo), (MIN_WIDTH * (hi_edge - lo_edge) - (hi - lo)) / 2, 0.0)
    lo, hi = max(lo - pad, lo_edge), min(hi + pad, hi_edge)
    low, high = _round_out(d, scales.value(d.scale, lo), scales.value(d.scale, hi))
    return d.model_copy(update={"low": low, "high": high})


def _round_out(d: Dimension, low: float, high: float) -> tuple[float, float]:
    """Round low down and high up (to 2 significant digits; whole numbers; powers of two),
    never past the old range."""
    if d.scale == "int":
        return max(math.floor(low + 1e-9), int(d.low)), min(math.ceil(high - 1e-9), int(d.high))
    if d.scale == "pow2":
        k_low = math.floor(math.log2(low) + 1e-9)
        k_high = math.ceil(math.log2(high) - 1e-9)
        return max(2**k_low, int(d.low)), min(2**k_high, int(d.high))
    return max(_round(d.scale, low, down=True), d.low), min(_round(d.scale, high, down=False),
                                                            d.high)


def _round(scale: str, x: float, down: bool) -> float:
    if scale == "one_minus_log":  # round 1 − x the other way, keeping its leading digits
        return 1 - _round_magnitude(1 - x, down=not down)
    return _round_magnitude(x, down) if x > 0 else x


def _round_magnitude(x: float, down: bool) -> float:
    if x <= 0:
        return x
    unit = 10 ** (math.floor(math.log10(x)) - 1)
    steps = x / unit
    steps = math.floor(steps + 1e-9) if down else math.ceil(steps - 1e-9)
    return float(f"{steps * unit:.12g}")
