"""Several racers of one optimizer stepped by one core optimizer object, a row each.

A race calls the core optimizers (``visualnet.core.optimizers``) — the very classes that train
networks — with params ``{"xy": P}`` where P holds one row (x, y) per racer. Their updates are
elementwise, so rows never mix. One ``step`` call per batch and race step, instead of one per
racer, is what keeps a race of many racers fast.

Racers share a batch when they share every hyperparameter but α (Adam α = 0.01 and α = 0.1).
α scales every update, W −= α·(update) (as the experiment schema states it), so a batch whose
racers differ in α runs its optimizer with α = 1 on a buffer set to 0 before each step: the
buffer then holds −(update) for every row, and each row moves by its own α times that. A batch
with one α lets its optimizer move the positions itself, exactly as a lone optimizer would.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from visualnet.core import optimizers

PARAM = "xy"


class OptimizerBatch:
    """One core optimizer updating ``positions[rows]`` from ``gradients[rows]`` in place.

    ``positions`` and ``gradients`` are the race's (N, 2) arrays; this batch owns the racers on
    ``rows``, with ``hyperparameters[i]`` for its i-th row (equal but for ``lr``).
    """

    def __init__(self, name: str, hyperparameters: Sequence[Mapping[str, object]], rows: slice,
                 positions: np.ndarray, gradients: np.ndarray):
        keys = {group_key(name, h) for h in hyperparameters}
        if len(keys) != 1:
            raise ValueError("the racers of one batch may differ in lr only")
        rates = [float(h["lr"]) for h in hyperparameters]
        self.rows = rows
        self._positions = positions[rows]
        self._grads = {PARAM: gradients[rows]}
        if len(set(rates)) == 1:
            self.optimizer = optimizers.create(name, **hyperparameters[0])
            self._rates = None
            self._params = {PARAM: self._positions}
        else:
            self.optimizer = optimizers.create(name, **{**hyperparameters[0], "lr": 1.0})
            self._rates = np.array(rates)[:, None]
            self._params = {PARAM: np.zeros_like(self._positions)}
        self._state: dict[str, np.ndarray] | None = None

    def step(self) -> None:
        """One update of every row by the core optimizer's ``step``."""
        if self._rates is None:
            self.optimizer.step(self._params, self._grads)
            return
        update = self._params[PARAM]
        update.fill(0.0)
        self.optimizer.step(self._params, self._grads)  # now update = −(the step for α = 1)
        update *= self._rates
        self._positions += update

    def record_state(self, record: Mapping[str, np.ndarray], t: int) -> None:
        """Write the state after step t into ``record[slot][t, rows]`` and ``[slot + '_hat']``.

        The bias-corrected value comes from the optimizer's own ``corrected`` at its current t.
        The core optimizer updates its state arrays in place, so they are looked up once after
        the first step (``state`` builds a fresh dict at every call, too slow per step).
        """
        if self._state is None:
            self._state = dict(self.optimizer.state.get(PARAM, {}))
        for slot, value in self._state.items():
            record[slot][t, self.rows] = value
            record[slot + "_hat"][t, self.rows] = self.optimizer.corrected(slot, value)

    def reset(self) -> None:
        """Forget v, s and t: the next step is step 1 again."""
        self.optimizer.reset()
        self._state = None


def group_key(optimizer: str, hyperparameters: Mapping[str, object]) -> tuple:
    """Racers with equal keys share a batch: the same optimizer and all but α the same."""
    return (optimizer, tuple((k, v) for k, v in hyperparameters.items() if k != "lr"))
