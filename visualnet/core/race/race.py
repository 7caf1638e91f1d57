"""The optimizer race: N racers start at one point of a surface and take K steps together.

Each step every racer gets the gradient at its own position, g = ∇f(x, y) + σ·ξ, and its core
optimizer updates its position in place. The noise ξ ~ N(0, I) imitates mini-batch gradients;
it is drawn once per step from a generator seeded with ``seed`` and shared by all racers, as if
all of them saw the same sequence of mini-batches — so a race is reproducible from its seed,
and adding or removing a racer changes nobody else's path.

A racer diverges at the first step whose position is not finite or leaves ``limits`` (by
default the surface's view grown 10× about its centre), or whose loss is not finite. It stops
there; the others race on. Stepping is incremental (``step(n)``, ``reset()``) so a view can
animate a race, and ``run(...)`` does a whole race in one call.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from visualnet.core.race.batch import OptimizerBatch, group_key
from visualnet.core.race.entries import Entry, resolve
from visualnet.core.race.surface import Surface
from visualnet.core.race.trajectory import VECTOR_FIELDS, Trajectory


class Race:
    """Racers on one surface from one start; ``step(n)`` advances all of them n steps.

    ``tolerance`` is relative: a racer reaches it at the first step where
    f − f* ≤ tolerance·(f(start) − f*), f* the surface's minimum value; ``threshold`` is that
    loss (None when the surface has no known minimum). ``t`` is the number of steps taken,
    ``entries`` the resolved racers (every hyperparameter filled in, labels unique).
    """

    def __init__(self, surface: Surface, entries: Sequence[Entry | str], *,
                 start: Sequence[float] | None = None, noise: float = 0.0, seed: int = 0,
                 tolerance: float = 1e-3,
                 limits: tuple[float, float, float, float] | None = None):
        self.surface = surface
        self.entries = resolve(entries, surface)
        self.start = _start(surface, surface.start if start is None else start)
        self.noise = _non_negative("noise σ", noise)
        self.seed = int(seed)
        self.tolerance = _non_negative("tolerance", tolerance)
        self.limits = surface.limits() if limits is None else tuple(map(float, limits))
        x_min, x_max, y_min, y_max = self.limits
        if not (x_min <= self.start[0] <= x_max and y_min <= self.start[1] <= y_max):
            x, y = self.start
            raise ValueError(f"the start ({x:g}, {y:g}) lies outside the race's limits "
                             f"x ∈ [{x_min:g}, {x_max:g}], y ∈ [{y_min:g}, {y_max:g}]")
        f_start = float(surface.value(*map(np.float64, self.start)))
        f_min = surface.min_value
        self.threshold = None if f_min is None else f_min + self.tolerance * (f_start - f_min)

        # Racers of one batch sit on adjacent rows, so each batch steps a plain slice.
        keys = [group_key(e.optimizer, e.hyperparameters) for e in self.entries]
        batches = list(dict.fromkeys(keys))
        order = sorted(range(len(keys)), key=lambda i: batches.index(keys[i]))
        self.rows = [order.index(i) for i in range(len(keys))]
        """rows[i] is racer i's row in the recorded arrays."""
        self._xy = np.zeros((len(keys), 2))
        self._grad = np.zeros((len(keys), 2))
        self._batches = []
        for key in batches:
            members = [i for i in order if keys[i] == key]
            rows = slice(self.rows[members[0]], self.rows[members[-1]] + 1)
            hyperparameters = [self.entries[i].hyperparameters for i in members]
            self._batches.append(OptimizerBatch(key[0], hyperparameters, rows, self._xy,
                                                self._grad))
        self.reset()

    @property
    def positions(self) -> np.ndarray:
        """(N, 2) each racer's head in entry order: its last position that stayed finite and
        inside the limits (so a diverged racer's head stays where it left)."""
        return np.array([tr.position[tr.settled] for tr in self.trajectories()])

    @property
    def diverged_at(self) -> list[int | None]:
        """The step each racer diverged at, None while it races on (entry order)."""
        return [self._diverged[r] for r in self.rows]

    def reset(self) -> None:
        """Back to step 0: every racer at the start, optimizer state and noise stream reset."""
        self.t = 0
        self._rng = np.random.default_rng(self.seed)
        self._xy[:] = self.start
        for batch in self._batches:
            batch.reset()
        self._diverged: list[int | None] = [None] * len(self.rows)
        self._reason: list[str | None] = [None] * len(self.rows)
        self._record: dict[str, np.ndarray] = {}
        self._reserve(256)
        self._record["position"][0] = self.start
        self._record["loss"][0] = self.surface.value(*map(np.float64, self.start))

    def step(self, n: int = 1) -> None:
        """Advance every racer that has not diverged by n steps."""
        if n < 0:
            raise ValueError(f"the number of steps must be ≥ 0, got {n}")
        if n == 0:
            return
        t0 = self.t
        self._reserve(t0 + n + 1)
        rec = self._record
        position, gradient = rec["position"], rec["gradient"]
        noise = self.noise * self._rng.standard_normal((n, 2)) if self.noise else None
        x, y, g, grad_f = self._xy[:, 0], self._xy[:, 1], self._grad, self.surface.gradient
        # A racer that has diverged keeps being stepped in its row (its NaNs stay in that row:
        # every update is elementwise) and is masked out afterwards by _settle.
        with np.errstate(all="ignore"):
            for t in range(t0 + 1, t0 + n + 1):
                gx, gy = grad_f(x, y)
                g[:, 0] = gx
                g[:, 1] = gy
                if noise is not None:
                    g += noise[t - t0 - 1]
                for batch in self._batches:
                    batch.step()
                    batch.record_state(rec, t)
                position[t] = self._xy
                gradient[t] = g
            self.t = t0 + n
            self._settle(t0 + 1, self.t + 1)

    def trajectory(self, i: int) -> Trajectory:
        """Racer i's record up to now (views into the race's arrays: copy to keep)."""
        entry, row = self.entries[i], self.rows[i]
        end = (self.t if self._diverged[row] is None else self._diverged[row]) + 1
        arrays = {name: self._record[name][:end, row] for name in (*VECTOR_FIELDS, "loss")}
        return Trajectory(entry.label, entry.optimizer, entry.hyperparameters,
                          diverged_at=self._diverged[row], stop_reason=self._reason[row], **arrays)

    def trajectories(self) -> list[Trajectory]:
        """Every racer's record, in entry order."""
        return [self.trajectory(i) for i in range(len(self.entries))]

    def _reserve(self, size: int) -> None:
        """Make the recorded arrays hold at least ``size`` steps (growing by doubling)."""
        have = len(self._record["loss"]) if self._record else 0
        if size <= have:
            return
        size = max(size, 2 * have)
        n = len(self.rows)
        grown = {name: np.full((size, n, 2), np.nan) for name in VECTOR_FIELDS}
        grown["loss"] = np.full((size, n), np.nan)
        for name, old in self._record.items():
            grown[name][: self.t + 1] = old[: self.t + 1]
        self._record = grown

    def _settle(self, lo: int, hi: int) -> None:
        """Losses for steps lo…hi − 1, then divergence: mark and blank out stopped racers."""
        rec = self._record
        p = rec["position"][lo:hi]
        loss = rec["loss"][lo:hi]
        loss[...] = self.surface.value(p[..., 0], p[..., 1])
        x_min, x_max, y_min, y_max = self.limits
        finite = np.isfinite(p).all(axis=-1) & np.isfinite(loss)
        inside = ((p[..., 0] >= x_min) & (p[..., 0] <= x_max)
                  & (p[..., 1] >= y_min) & (p[..., 1] <= y_max))
        bad = ~(finite & inside)
        for row, stopped in enumerate(self._diverged):
            if stopped is None and bad[:, row].any():
                k = int(np.argmax(bad[:, row]))
                stopped = self._diverged[row] = lo + k
                self._reason[row] = "left the limits" if finite[k, row] else "not finite"
            if stopped is not None and stopped + 1 < hi:
                first = max(stopped + 1, lo)
                for array in rec.values():
                    array[first:hi, row] = np.nan


def run(surface: Surface, entries: Sequence[Entry | str], steps: int, **options) -> Race:
    """A whole race of ``steps`` steps; ``options`` as for ``Race`` (start, noise, seed…)."""
    race = Race(surface, entries, **options)
    race.step(steps)
    return race


def _start(surface: Surface, start: Sequence[float]) -> tuple[float, float]:
    x, y = (float(v) for v in start)
    with np.errstate(all="ignore"):
        f = float(surface.value(np.float64(x), np.float64(y)))
        g = surface.gradient(np.float64(x), np.float64(y))
    if not all(math.isfinite(v) for v in (x, y, f, *map(float, g))):
        raise ValueError(f"the surface is not defined at the start ({x:g}, {y:g}): "
                         f"f = {f:g}; choose another start")
    return x, y


def _non_negative(name: str, value: float) -> float:
    value = float(value)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be ≥ 0, got {value:g}")
    return value
