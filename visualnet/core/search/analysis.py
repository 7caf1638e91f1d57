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

from visualnet.core.search import sampling
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

    def summary(self, paths: Sequence[str], names: dict[str, str] | None = None) -> str:
        """'20 random trials tried 20 values of α and 20 of β; a 5×4 grid of 20 trials, 5 and 4.'"""
        names = names or {}

        def values(counts: dict[str, int]) -> str:
            parts = [f"{counts[p]} of {names.get(p, p)}" for p in paths]
            return " and ".join(parts)

        shape = "×".join(str(c) for c in self.grid_shape)
        return (f"{self.trials} random trials tried {values(self.random_distinct)}; "
                f"a {shape} grid of {self.grid_trials} trials tries {values(self.grid_distinct)}")


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
