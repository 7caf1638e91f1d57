"""What a search's results say: which fields matter, and why random beats a grid.

Importance of a field: the share of the spread in dev-error ranks that its value explains,
η² = Σ_g n_g·(ȳ_g − ȳ)² / Σ_i (y_i − ȳ)², grouping the trials by the field's value (a choice) or
into equal-count bins of its coordinate (log₁₀ α, −log₁₀(1 − β)…). Ranks make one diverged trial
count as "worst", not as a huge number; bins catch a U-shaped α as well as a slope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from visualnet.core.search import sampling, scales
from visualnet.core.search.space import SearchSpace

MIN_TRIALS = 4
"""Fewer ranked trials than this say nothing about importance (every field scores 0)."""

MAX_BINS = 5


@dataclass(frozen=True)
class Comparison:
    """The course's picture: N random trials against a grid of (at most) N trials."""

    trials: int
    grid_shape: list[int]
    grid_points: list[dict]
    random_distinct: dict[str, int]
    grid_distinct: dict[str, int]

    @property
    def grid_trials(self) -> int:
        return len(self.grid_points)

    def lines(self, paths: Sequence[str], names: dict[str, str] | None = None) -> list[str]:
        """['a 4×4 grid of 16 trials: 4 values of α, 4 of β',
        '16 random trials: 16 values of α, 16 of β']."""
        names = names or {}

        def values(counts: dict[str, int]) -> str:
            return ", ".join(f"{counts[p]} {'values of ' if i == 0 else 'of '}{names.get(p, p)}"
                             for i, p in enumerate(paths))

        shape = "×".join(str(c) for c in self.grid_shape)
        return [f"a {shape} grid of {self.grid_trials} trials: {values(self.grid_distinct)}",
                f"{self.trials} random trials: {values(self.random_distinct)}"]


def ranked_errors(records: Sequence, paths: Sequence[str] = ()) -> tuple[list, np.ndarray]:
    """The trials that ran (finished or diverged) and tried every one of ``paths``, and their
    dev-error ranks (0 = best). A diverged trial ranks below every finished one; failed trials
    are left out."""
    rows = [r for r in records if r.completed and r.verdict != "failed"
            and all(p in r.params for p in paths)]
    worst = np.inf
    errors = np.array([r.dev_error if r.ranked else worst for r in rows], dtype=float)
    return rows, _ranks(errors)


def importance(space: SearchSpace, records: Sequence) -> list[tuple[str, float]]:
    """Each field with its η² in [0, 1], most important first (ties keep the space's order)."""
    rows, y = ranked_errors(records, space.paths())
    if len(rows) < MIN_TRIALS or np.ptp(y) == 0:
        return [(path, 0.0) for path in space.paths()]
    total = float(((y - y.mean()) ** 2).sum())
    scores = []
    for d in space.dimensions:
        t = np.array([d.coordinate(r.params.get(d.field)) for r in rows])
        groups = t if d.scale == "choice" else _bins(t)
        between = sum(
            (groups == g).sum() * (y[groups == g].mean() - y.mean()) ** 2 for g in np.unique(groups)
        )
        scores.append((d.field, float(between / total)))
    return sorted(scores, key=lambda item: -item[1])


def field_points(dimension, records: Sequence) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dev error against one field: x on the field's axis, y the dev error, and which trials
    diverged (drawn at the top, y = the highest dev error, since they have none to show)."""
    rows = [r for r in records if r.completed and r.verdict != "failed"
            and dimension.field in r.params]
    x = np.array([dimension.coordinate(r.params[dimension.field]) for r in rows], dtype=float)
    y = np.array([r.dev_error if r.ranked else np.nan for r in rows], dtype=float)
    diverged = ~np.isfinite(y)
    top = np.nanmax(y) if (~diverged).any() else 1.0
    y[diverged] = top
    return x, y, diverged


def axis_dimension(dimension, records: Sequence):
    """The dimension widened to cover every value the trials tried (earlier, wider rounds
    included), so an axis drawn from it labels them all."""
    values = [r.params[dimension.field] for r in records if dimension.field in r.params]
    if dimension.scale == "choice":
        extra = [v for v in dict.fromkeys(values) if scales.index_of(dimension.values, v) < 0]
        return dimension.model_copy(update={"values": [*dimension.values, *extra]})
    if not values:
        return dimension
    return dimension.model_copy(update={"low": min(dimension.low, *values),
                                        "high": max(dimension.high, *values)})


def axis_space(space: SearchSpace, records: Sequence) -> SearchSpace:
    """The space with every dimension widened by ``axis_dimension``: what the plots draw."""
    return space.model_copy(update={"dimensions": [axis_dimension(d, records)
                                                   for d in space.dimensions]})


def parallel_coordinates(space: SearchSpace, records: Sequence) -> tuple[list, np.ndarray]:
    """Trials that ran, best last, and their positions (0 … 1, each field on its own scale,
    then the dev error: 0 lowest, 1 highest or diverged) along the parallel axes. Widen the
    space with ``axis_space`` first, or values of wider earlier rounds fall outside 0 … 1."""
    rows, ranks = ranked_errors(records, space.paths())
    order = np.argsort(-ranks, kind="stable")
    rows = [rows[i] for i in order]
    error = levels([r.dev_error if r.ranked else None for r in rows])
    error[~np.isfinite(error)] = 1.0
    positions = np.array([[d.position(r.params[d.field]) for d in space.dimensions]
                          for r in rows], dtype=float).reshape(len(rows), len(space.dimensions))
    return rows, np.column_stack([positions, error])


def levels(values: Sequence[float | None]) -> np.ndarray:
    """Values scaled to [0, 1] for a colour map, lowest 0; missing values are NaN."""
    x = np.array([np.nan if v is None else v for v in values], dtype=float)
    finite = np.isfinite(x)
    if not finite.any():
        return x
    low, high = x[finite].min(), x[finite].max()
    out = np.full_like(x, np.nan)
    out[finite] = 0.5 if high == low else (x[finite] - low) / (high - low)
    return out


def compare_with_grid(space: SearchSpace, records: Sequence) -> Comparison:
    """How many values of each field the trials tried, against a grid of as many trials."""
    trials = len(records) or space.trials
    grid = sampling.grid_params(space, trials)
    return Comparison(
        trials=trials,
        grid_shape=sampling.grid_shape(space, trials),
        grid_points=grid,
        random_distinct=sampling.distinct_per_axis(space, (r.params for r in records)),
        grid_distinct=sampling.distinct_per_axis(space, grid),
    )


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks from 0, ties sharing their mean rank."""
    order = np.argsort(x, kind="stable")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(len(x), dtype=float)
    for value in np.unique(x):
        tied = x == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def _bins(t: np.ndarray) -> np.ndarray:
    """Equal-count bins of t (2 to MAX_BINS of them, about 4 trials each)."""
    count = int(np.clip(len(t) // 4, 2, MAX_BINS))
    edges = np.quantile(t, np.linspace(0, 1, count + 1)[1:-1])
    return np.searchsorted(edges, t, side="right")
