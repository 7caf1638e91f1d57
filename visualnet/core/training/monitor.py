"""Sampling what the plots show, at the rates the experiment sets (MonitorConfig).

Every iteration: for a few traced weight coordinates, the raw gradient dW and the optimizer's
V_dW and S_dW (with the factor that bias-corrects V_dW). An iteration only writes them into a
row of preallocated buffers, the few NumPy calls it cannot do without (~2 µs of a small
network's ~100 µs iteration); the rows go to listeners as one ProbeEvent per block of
iterations: when PROBE_BLOCK rows are full, before a row would wait PROBE_LATENCY, at once
for a mini-batch run by hand, and when the trainer asks (``flush``, before the run holds or
ends). Every ``norms_every`` iterations: ‖W[l]‖_F and ‖dW[l]‖_F per dense layer and batch
norm's running μ, σ² (a listener that keeps only so many may ask for fewer, ``spread_norms``).
Every ``masks_every`` iterations: copies of the latest dropout masks.
"""

from __future__ import annotations

import time

import numpy as np

from visualnet.core.network import Network
from visualnet.core.optimizers import Optimizer
from visualnet.core.params import ParamStore
from visualnet.core.training.events import Event, LayerStatsEvent, MaskEvent, ProbeEvent

PROBE_BLOCK = 256
"""Traced iterations sent in one ProbeEvent at most. A block costs the app's recorder
~70 µs (measured with 100 and 256 rows), so at 256 rows ~0.3 µs an iteration, where an event
per iteration cost ~2 µs; and its buffers stay small (256 × 16 coordinates × 3 values)."""

PROBE_LATENCY = 0.02
"""Seconds a traced iteration may wait in its block before it is sent. The app draws at most
~30 times a second (every ~33 ms), so a row that waits less is shown a frame late at most,
even in a slow run."""


class Monitor:
    """Builds the sampled events for one network and optimizer."""

    def __init__(self, net: Network, optimizer: Optimizer, config, seed: int):
        self.net = net
        self.optimizer = optimizer
        self.config = config
        self.names, self.flat_indices = trace_coordinates(net, config.coordinates, seed)
        self.norms_every = config.norms_every
        block = (PROBE_BLOCK, len(self.flat_indices))
        dtype = net.params.flat.dtype  # take() writes into ``out`` only without a cast
        self._gradient = np.empty(block, dtype)
        self._velocity = np.full(block, np.nan, dtype)  # NaN stays where the optimizer has no v
        self._s = np.full(block, np.nan, dtype)
        held = [(slot, values) for slot, values in (("v", self._velocity), ("s", self._s))
                if slot in optimizer.slots]
        self._rows = [(self._gradient[i], [(slot, values[i]) for slot, values in held])
                      for i in range(PROBE_BLOCK)]
        """Each row's views, made once (making them every iteration would cost ~1/3 of filling
        them): dW's, and (slot, view) for each of v, s the optimizer holds."""
        self._iterations: list[int] = []
        self._corrections: list[float] = []
        self._block_started = 0.0
        self._last_row = -np.inf  # the very first row has none before it: it is sent at once
        self._dropout_layers = net.dropout_layers  # a property that builds a new list each time
        self._w_names = [layer.w_name for layer in net.dense_layers]
        self._w_bounds = weight_bounds(net.params, self._w_names)
        self._squares = np.empty_like(net.params.flat)

    def sample(self, iteration: int, grads: ParamStore, everything: bool = False) -> list[Event]:
        """The events due at ``iteration`` (after its optimizer step); all of them when
        ``everything`` (a mini-batch run by hand, whose effects the user looks at)."""
        events: list[Event] = []
        if len(self.flat_indices) and self._trace(iteration, grads, everything):
            events.append(self.flush())
        if everything or iteration % self.norms_every == 0:
            events.append(self._layer_stats(iteration, grads))
        due = everything or iteration % self.config.masks_every == 0
        if due and self._dropout_layers:
            events.append(self._masks(iteration))
        return events

    def spread_norms(self, iterations: int, samples: int) -> None:
        """Take the layer norms at most ``samples`` times in ``iterations`` (never more often
        than the experiment says): for a plot that keeps ``samples`` points of the run."""
        self.norms_every = max(self.config.norms_every, iterations // max(samples, 1))

    def flush(self) -> ProbeEvent | None:
        """The traced iterations not sent yet, as one ProbeEvent of copies (None if none)."""
        n = len(self._iterations)
        if n == 0:
            return None
        event = ProbeEvent(np.array(self._iterations), self.names, self._gradient[:n].copy(),
                           self._velocity[:n].copy(), self._s[:n].copy(),
                           np.array(self._corrections))
        self._iterations, self._corrections = [], []
        return event

    def _trace(self, iteration: int, grads: ParamStore, everything: bool) -> bool:
        """Write iteration t's row: dW, V_dW, S_dW at the traced coordinates, 1/(1 − βᵗ).

        True when the block is due: full; or the next row, if it comes as long after this one
        as this one did after the last, would come PROBE_LATENCY or more after the block's
        first; or ``everything``.
        """
        now = time.monotonic()
        row = len(self._iterations)
        if row == 0:
            self._block_started = now
        # mode="clip": the indices are valid, and with the default mode take() goes through a
        # temporary buffer, ~1.7 times as slow.
        gradient, states = self._rows[row]
        grads.flat.take(self.flat_indices, out=gradient, mode="clip")
        for slot, values in states:
            self.optimizer.flat_state(slot).take(self.flat_indices, out=values, mode="clip")
        self._iterations.append(iteration)
        self._corrections.append(self.optimizer.correction("v"))
        next_row = 2 * now - self._last_row
        self._last_row = now
        return (everything or row + 1 == PROBE_BLOCK
                or next_row - self._block_started >= PROBE_LATENCY)

    def _layer_stats(self, iteration: int, grads: ParamStore) -> LayerStatsEvent:
        weight_norms = dict(zip(self._w_names, self._norms(self.net.params.flat), strict=True))
        grad_norms = dict(zip(self._w_names, self._norms(grads.flat), strict=True))
        means = {f"{b.number}": b.running_mean.ravel().copy() for b in self.net.batchnorm_layers}
        variances = {f"{b.number}": b.running_var.ravel().copy() for b in self.net.batchnorm_layers}
        return LayerStatsEvent(iteration, weight_norms, grad_norms, means, variances)

    def _norms(self, flat: np.ndarray) -> list[float]:
        """‖W[l]‖_F = √(Σ w²) of every dense layer, from one pass over the whole buffer."""
        squares = np.multiply(flat, flat, out=self._squares)
        sums = np.add.reduceat(squares, self._w_bounds, dtype=np.float64)[::2]
        return np.sqrt(sums).tolist()

    def _masks(self, iteration: int) -> MaskEvent:
        layers = [d for d in self._dropout_layers if d.mask is not None]
        return MaskEvent(
            iteration,
            {d.index + 1: d.mask.copy() for d in layers},
            {d.index + 1: d.keep_prob for d in layers},
        )


def trace_coordinates(net: Network, count: int, seed: int) -> tuple[tuple[str, ...], np.ndarray]:
    """``count`` weight coordinates spread over the dense layers: names 'W1[i,j]', flat indices."""
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(5)[4])
    dense = net.dense_layers
    names, flat = [], []
    for k in range(count):
        layer = dense[k % len(dense)]
        rows, cols = layer.W.shape
        i, j = int(rng.integers(rows)), int(rng.integers(cols))
        name = f"{layer.w_name}[{i},{j}]"
        if name in names:
            continue
        names.append(name)
        flat.append(net.params.slice_of(layer.w_name).start + i * cols + j)
    return tuple(names), np.array(flat, dtype=np.int64)


def weight_bounds(params: ParamStore, names: list[str]) -> np.ndarray:
    """Indices for ``np.add.reduceat`` whose even-numbered sums are the named parameters'.

    [start₁, stop₁, start₂, stop₂, …]: each odd-numbered sum covers what lies between two
    weights (a bias, γ, β) and is dropped. A last stop at the end of the buffer is left out,
    as reduceat's last sum runs to the end anyway.
    """
    bounds = []
    for name in names:
        where = params.slice_of(name)
        bounds += [where.start, where.stop]
    if bounds and bounds[-1] == params.flat.size:
        bounds.pop()
    return np.array(bounds, dtype=np.intp)
