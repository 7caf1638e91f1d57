"""Several racers of one optimizer stepped by one core optimizer object, a row each.

A race calls the core optimizers (``visualnet.core.optimizers``) — the very classes that train
networks — with params ``{"xy": P}`` where P holds one row (x, y) per racer of that optimizer.
Their updates are elementwise, so rows never mix: each row moves exactly as a lone optimizer
with that racer's hyperparameters would. Hyperparameters that differ between rows (Adam
α = 0.01 and α = 0.1) are set as (rows, 1) column arrays, which the update formulas broadcast
over x and y; equal ones stay plain numbers. One ``step`` call per optimizer per race step,
instead of one per racer, is what keeps a race of many racers fast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from visualnet.core import optimizers

PARAM = "xy"


class OptimizerBatch:
    """One core optimizer updating ``positions[rows]`` from ``gradients[rows]`` in place.

    ``positions`` and ``gradients`` are the race's (N, 2) arrays; this batch owns the racers on
    ``rows``, with ``hyperparameters[i]`` for its i-th row.
    """

    def __init__(self, name: str, hyperparameters: Sequence[Mapping[str, object]], rows: slice,
                 positions: np.ndarray, gradients: np.ndarray):
        first = hyperparameters[0]
        self.optimizer = optimizers.create(name, **first)
        for key in first:
            values = [h[key] for h in hyperparameters]
            if any(v != values[0] for v in values):
                if isinstance(values[0], bool):
                    raise ValueError(f"{key} must be the same for every row of one batch")
                setattr(self.optimizer, key, np.array(values, dtype=np.float64)[:, None])
        self.rows = rows
        self._params = {PARAM: positions[rows]}
        self._grads = {PARAM: gradients[rows]}
        self._state: dict[str, np.ndarray] | None = None

    def step(self) -> None:
        """One update of every row: the core optimizer's ``step``."""
        self.optimizer.step(self._params, self._grads)

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
    """Racers with equal keys share a batch: same optimizer and same on/off switches."""
    switches = tuple((k, v) for k, v in hyperparameters.items() if isinstance(v, bool))
    return (optimizer, switches)
