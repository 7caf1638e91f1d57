"""Sampling what the plots show, at the rates the experiment sets (MonitorConfig).

Every iteration: its mini-batch cost J{t} and α, and for a few traced weight coordinates the
raw gradient dW and the optimizer's V_dW and S_dW. An iteration only appends to lists (where
the run stood, and the traced values as Python floats read through memoryviews of the
buffers: a NumPy ``take`` per buffer cost ~0.7 µs) and counts down to the next thing due;
whatever can be had for a whole block at once is made then (the iteration numbers, the
factor 1/(1 − βᵗ) that bias-corrects V_dW, the arrays). Work done each iteration costs a small
network's training about twice what it costs alone: on the moons net of bench_app.py (~80 µs
iterations) a row cost ~2.3 µs alone and ~9% of the training while a clock read, the
correction and the next block's timing were worked out each iteration; ~1.5 µs and ~6.5% now.
The rows go to listeners as one IterationBlock: when the block holds PROBE_LATENCY of
iterations at the speed of the block before (PROBE_BLOCK at most), at once for a mini-batch run
by hand, and when the trainer asks (``flush``: before the run holds or ends, and before a live
change of β, which the block's corrections use).
Every ``norms_every`` iterations: ‖W[l]‖_F and ‖dW[l]‖_F per dense layer and batch norm's
running μ, σ² (a listener that keeps only so many may ask for fewer, ``spread_norms``).
With a block: copies of the dropout masks of its last iteration, if ``masks_every`` iterations
have passed since the last ones sent (a view shows the latest masks; copying them each
iteration cost the training of bench_app.py's digits net ~2%).
"""

from __future__ import annotations

import math
import operator
import time
from collections.abc import Callable

import numpy as np

from visualnet.core.network import Network
from visualnet.core.optimizers import Optimizer
from visualnet.core.params import ParamStore
from visualnet.core.training.events import (
    Event,
    IterationBlock,
    IterationEvent,
    LayerStatsEvent,
    MaskEvent,
)

PROBE_BLOCK = 512
"""Iterations sent in one IterationBlock at most: PROBE_LATENCY of the moons net's (~400) fit
in one. Making a block and taking it in costs ~75 µs, and ~1 µs a row where an event per
iteration cost ~2 µs; its lists stay small (512 × 16 coordinates × 3 values)."""

PROBE_LATENCY = 1 / 30
"""Seconds of iterations a block holds, at the speed of the block before. The app draws at
most ~30 times a second (every ~33 ms), so at a steady speed a row is shown a frame late at
most, even in a slow run (while the run slows down, longer: twice if it runs half as fast as in
the block before). Blocks come ~30 a second at most: at 50 (20 ms) their fixed cost was ~0.4%
of the moons net's training."""


class Monitor:
    """Builds the sampled events for one network and optimizer.

    Each iteration, after its optimizer step, the trainer calls ``record``; when that says
    something is due (or for a mini-batch run by hand), ``take`` gives the events.
    """

    def __init__(self, net: Network, optimizer: Optimizer, config, seed: int):
        self.net = net
        self.optimizer = optimizer
        self.config = config
        self.names, self.flat_indices = trace_coordinates(net, config.coordinates, seed)
        self.norms_every = config.norms_every
        self._gather = gatherer(self.flat_indices) if len(self.flat_indices) else None
        self._held = [slot for slot in ("v", "s") if slot in optimizer.slots]
        self._bound: tuple[np.ndarray | None, dict | None] = (None, None)
        self._views: tuple[memoryview, ...] = ()
        """Memoryviews of dW's buffer and of each state slot's held, made again only when the
        buffers ``_bound`` (dW's, the optimizer's flat_states) are replaced: making one costs
        ~0.3 µs."""
        self._traced: list[float] = []
        """Per iteration: dW at the traced coordinates, then V_dW, then S_dW (those held)."""
        self._positions: list[tuple] = []
        """Per iteration: where the run stood, as the fields of its IterationEvent."""
        self._block_rows = 1
        """Rows the block sends at: the very first row goes at once, to measure the speed."""
        self._block_started: float | None = None
        """When the last block went (None before the first)."""
        self._countdown = 1
        """Iterations until ``record`` says something is due (a block, or the layer norms)."""
        self._dropout_layers = net.dropout_layers  # properties that build a new list each time
        self._batchnorm_layers = net.batchnorm_layers
        self._masks_sent = 0
        """The iteration whose masks were sent last (0: none yet)."""
        self._w_names = [layer.w_name for layer in net.dense_layers]
        self._w_slices = [net.params.slice_of(name) for name in self._w_names]

    def record(self, position: tuple, grads: ParamStore) -> bool:
        """Keep iteration t's row: where the run stood (``position``: the fields of its
        IterationEvent, in order, J{t} and α among them), and dW, V_dW, S_dW at the traced
        coordinates. True when ``take`` has events due."""
        if self._gather is not None:
            if grads.flat is not self._bound[0] or self.optimizer.flat_states is not self._bound[1]:
                self._bind(grads)
            gather, traced = self._gather, self._traced
            for view in self._views:
                traced += gather(view)
        self._positions.append(position)
        self._countdown -= 1
        return self._countdown <= 0

    def take(self, grads: ParamStore, everything: bool = False) -> list[Event]:
        """The events due after the iteration ``record`` kept last: the block if it holds its
        rows, the layer norms every ``norms_every`` iterations; all of them when
        ``everything`` (a mini-batch run by hand, whose effects the user looks at)."""
        iteration = self._positions[-1][0]
        norms_due = everything or iteration % self.norms_every == 0
        block_due = everything or len(self._positions) >= self._block_rows
        events = self.flush(everything) if block_due else []
        if norms_due:
            events.append(self._layer_stats(iteration, grads))
        self._count_down(iteration)
        return events

    def spread_norms(self, iterations: int, samples: int) -> None:
        """Take the layer norms at most ``samples`` times in ``iterations`` (never more often
        than the experiment says): for a plot that keeps ``samples`` points of the run."""
        self.norms_every = max(self.config.norms_every, iterations // max(samples, 1))

    def flush(self, everything: bool = False) -> list[Event]:
        """The iterations not sent yet, as one IterationBlock of copies, and the dropout masks
        of the last one if due (``masks_every`` iterations after the last sent, or
        ``everything``); nothing if no iteration waits."""
        block = self._block()
        if block is None:
            return []
        iteration = block.latest.iteration
        self._count_down(iteration)
        due = everything or iteration - self._masks_sent >= self.config.masks_every
        if not (due and self._dropout_layers):
            return [block]
        self._masks_sent = iteration
        return [block, self._masks(iteration)]

    def _count_down(self, iteration: int) -> None:
        """After iteration t: iterations until the block holds its rows or the norms are due."""
        self._countdown = min(self._block_rows - len(self._positions),
                              self.norms_every - iteration % self.norms_every)

    def _block(self) -> IterationBlock | None:
        """The iterations not sent yet, as one IterationBlock of copies (None if none); sets
        the rows of the next block from this one's speed. Its rows are the optimizer's last n
        steps, all with the β it has now (the trainer flushes before a live change)."""
        n = len(self._positions)
        if n == 0:
            return None
        now = time.monotonic()
        if self._block_started is not None:
            rate = n / max(now - self._block_started, 1e-9)
            self._block_rows = min(max(int(rate * PROBE_LATENCY), 1), PROBE_BLOCK)
        self._block_started = now
        latest = IterationEvent(*self._positions[-1])
        steps = np.arange(latest.iteration - n + 1, latest.iteration + 1)
        k, sources = len(self.names), ["gradient", *self._held]
        traced = np.fromiter(self._traced, np.float64, len(self._traced))
        traced = traced.reshape(n, len(sources), k)
        columns = {name: traced[:, i] for i, name in enumerate(sources)}
        unheld = np.full((n, k), np.nan)  # for an optimizer without that state
        optimizer_steps = np.arange(self.optimizer.t - n + 1, self.optimizer.t + 1)
        event = IterationBlock(steps,
                               np.fromiter(map(_COST, self._positions), np.float64, n),
                               np.fromiter(map(_LR, self._positions), np.float64, n),
                               self.names, columns["gradient"], columns.get("v", unheld),
                               columns.get("s", unheld),
                               self.optimizer.correction("v", optimizer_steps), latest)
        self._positions, self._traced = [], []
        return event

    def _bind(self, grads: ParamStore) -> None:
        """Make the memoryviews of dW's buffer and of the state slots held."""
        states = self.optimizer.flat_states
        self._bound = (grads.flat, states)
        self._views = (memoryview(grads.flat), *(memoryview(states[slot]) for slot in self._held))

    def _layer_stats(self, iteration: int, grads: ParamStore) -> LayerStatsEvent:
        weight_norms = dict(zip(self._w_names, self._norms(self.net.params.flat), strict=True))
        grad_norms = dict(zip(self._w_names, self._norms(grads.flat), strict=True))
        means = {f"{b.number}": b.running_mean.ravel().copy() for b in self._batchnorm_layers}
        variances = {f"{b.number}": b.running_var.ravel().copy() for b in self._batchnorm_layers}
        return LayerStatsEvent(iteration, weight_norms, grad_norms, means, variances)

    def _norms(self, flat: np.ndarray) -> list[float]:
        """‖W[l]‖_F = √(w · w) of every dense layer's weights w, flattened: a BLAS dot each
        (on nets of ~10,000 weights a third to a half of the time of squaring the buffer and
        summing it in float64 with reduceat)."""
        return [math.sqrt(np.dot(w, w)) for w in (flat[where] for where in self._w_slices)]

    def _masks(self, iteration: int) -> MaskEvent:
        layers = [d for d in self._dropout_layers if d.mask is not None]
        return MaskEvent(
            iteration,
            {d.index + 1: d.mask.copy() for d in layers},
            {d.index + 1: d.keep_prob for d in layers},
        )


_COST, _LR = operator.itemgetter(4), operator.itemgetter(5)
"""J{t} and α in a position (the fields of an IterationEvent)."""


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


def gatherer(indices: np.ndarray) -> Callable[[memoryview], tuple[float, ...]]:
    """A function reading positions ``indices`` of a flat memoryview as a tuple of floats."""
    if len(indices) == 1:
        index = int(indices[0])
        return lambda view: (view[index],)
    return operator.itemgetter(*indices.tolist())
