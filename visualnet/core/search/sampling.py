"""Where the trials of a round sit in the space: at random (seeded per trial) or on a grid.

Random search draws u ~ U[0, 1) for every dimension from its own stream (seed, round, index),
so trial i is the same whatever the number of trials and wherever it runs. A grid with the
same number of trials puts only a few values on each axis — ⁿ√N for N trials over n fields —
while random trials try N different values of every field, which is why the course prefers
them: the few fields that matter get N tries each, not ⁿ√N.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import numpy as np

from visualnet.core.search.space import SearchSpace


def random_params(space: SearchSpace, round: int, index: int) -> dict[str, object]:
    """The values trial ``index`` of round ``round`` tries, drawn from (seed, round, index)."""
    rng = np.random.default_rng([space.seed, round, index])
    draws = rng.random(len(space.dimensions))
    return {d.field: _plain(d.value_at(float(u))) for d, u in zip(space.dimensions, draws,
                                                                     strict=True)}


def grid_shape(space: SearchSpace, trials: int) -> list[int]:
    """Values per axis for a grid of at most ``trials`` points, as even as the axes allow.

    An axis never gets more values than it holds (two for a bool, the listed choices…).
    """
    counts = [1] * len(space.dimensions)
    room = [d.cardinality() for d in space.dimensions]
    while True:
        grown = False
        for axis in sorted(range(len(counts)), key=lambda a: counts[a]):
            if counts[axis] < room[axis] and math.prod(counts) // counts[axis] * (
                    counts[axis] + 1) <= trials:
                counts[axis] += 1
                grown = True
                break
        if not grown:
            return counts


def grid_params(space: SearchSpace, trials: int) -> list[dict[str, object]]:
    """The points of the grid ``grid_shape`` gives, each axis at the centres of equal cells."""
    axes = []
    for d, count in zip(space.dimensions, grid_shape(space, trials), strict=True):
        axes.append([_plain(d.value_at((i + 0.5) / count)) for i in range(count)])
    return [dict(zip(space.paths(), point, strict=True)) for point in itertools.product(*axes)]


def plan(space: SearchSpace, round: int) -> list[dict[str, object]]:
    """The parameters of every trial of a round, by the space's method and trial count."""
    if space.method == "grid":
        return grid_params(space, space.trials)
    return [random_params(space, round, i) for i in range(space.trials)]


def distinct_per_axis(space: SearchSpace, points: Iterable[dict]) -> dict[str, int]:
    """How many different values of each field the points try."""
    seen: dict[str, set] = {path: set() for path in space.paths()}
    for point in points:
        for path in seen:
            if path in point:
                seen[path].add((type(point[path]).__name__, point[path]))
    return {path: len(values) for path, values in seen.items()}


def _plain(value: object) -> object:
    """Python numbers for JSON (NumPy scalars become int or float)."""
    if isinstance(value, np.generic):
        return value.item()
    return value
