"""Sampling what the plots show, at the rates the experiment sets (MonitorConfig).

Every iteration: its mini-batch cost J{t} and α, and for a few traced weight coordinates the
raw gradient dW and the optimizer's V_dW and S_dW (with the factor that bias-corrects V_dW).
An iteration only appends them to lists, as Python floats read through memoryviews of the
buffers (~1.4 µs with Adam and 3 traced weights, of a small network's ~80 µs iteration; a
NumPy ``take`` per buffer cost ~0.7 µs); the rows go to listeners as one IterationBlock:
when PROBE_BLOCK rows are full, before a row would wait PROBE_LATENCY, at once for a
mini-batch run by hand, and when the trainer asks (``flush``, before the run holds or ends).
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

PROBE_BLOCK = 256
"""Iterations sent in one IterationBlock at most. A block of 256 costs ~0.1 ms to make and
the app's recorder ~0.15 ms to take in (Adam, 3 traced weights), ~1 µs an iteration, where
an event per iteration cost ~2 µs; and its lists stay small (256 × 16 coordinates × 3
values)."""

PROBE_LATENCY = 1 / 30
"""Seconds a traced iteration may wait in its block before it is sent. The app draws at most
~30 times a second (every ~33 ms), so a row that waits less is shown a frame late at most,
even in a slow run. Making a block and taking it in costs ~75 µs besides ~1 µs a row (the
moons net of bench_app.py): at 50 blocks a second (20 ms) ~0.4% of the training, at 30 ~0.2%."""


class Monitor:
    """Builds the sampled events for one network and optimizer."""

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
        self._corrections: list[float] = []
        self._block_started = 0.0
        self._last_row = -np.inf  # the very first row has none before it: it is sent at once
        self._dropout_layers = net.dropout_layers  # properties that build a new list each time
        self._batchnorm_layers = net.batchnorm_layers
        self._masks_sent = 0
        """The iteration whose masks were sent last (0: none yet)."""
        self._w_names = [layer.w_name for layer in net.dense_layers]
        self._w_slices = [net.params.slice_of(name) for name in self._w_names]

    def sample(self, position: tuple, grads: ParamStore,
               everything: bool = False) -> list[Event]:
        """The events due after an iteration (after its optimizer step); all of them when
        ``everything`` (a mini-batch run by hand, whose effects the user looks at).

        ``position`` holds the fields of the iteration's IterationEvent, in order: a tuple is
        made every iteration, the event only for the last one of a block (making an event each
        iteration cost the moons net of bench_app.py ~0.3% of its instructions).
        """
        iteration = position[0]
        events = self.flush(everything) if self._record(position, grads, everything) else []
        if everything or iteration % self.norms_every == 0:
            events.append(self._layer_stats(iteration, grads))
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
        due = everything or iteration - self._masks_sent >= self.config.masks_every
        if not (due and self._dropout_layers):
            return [block]
        self._masks_sent = iteration
        return [block, self._masks(iteration)]

    def _block(self) -> IterationBlock | None:
        """The iterations not sent yet, as one IterationBlock of copies (None if none)."""
        n = len(self._positions)
        if n == 0:
            return None
        k, sources = len(self.names), ["gradient", *self._held]
        traced = np.fromiter(self._traced, np.float64, len(self._traced))
        traced = traced.reshape(n, len(sources), k)
        columns = {name: traced[:, i] for i, name in enumerate(sources)}
        unheld = np.full((n, k), np.nan)  # for an optimizer without that state
        fields = list(zip(*self._positions, strict=True))  # iteration, epoch, …, cost, lr, …
        event = IterationBlock(np.fromiter(fields[0], np.int64, n),
                               np.fromiter(fields[4], np.float64, n),
                               np.fromiter(fields[5], np.float64, n),
                               self.names, columns["gradient"], columns.get("v", unheld),
                               columns.get("s", unheld), np.array(self._corrections),
                               IterationEvent(*self._positions[-1]))
        self._positions, self._corrections, self._traced = [], [], []
        return event

    def _record(self, position: tuple, grads: ParamStore, everything: bool) -> bool:
        """Write iteration t's row: J{t}, α; dW, V_dW, S_dW at the traced coordinates,
        1/(1 − βᵗ).

        True when the block is due: full; or the next row, if it comes as long after this one
        as this one did after the last, would come PROBE_LATENCY or more after the block's
        first; or ``everything``.
        """
        now = time.monotonic()
        row = len(self._positions)
        if row == 0:
            self._block_started = now
        if self._gather is not None:
            if grads.flat is not self._bound[0] or self.optimizer.flat_states is not self._bound[1]:
                self._bind(grads)
            gather, traced = self._gather, self._traced
            for view in self._views:
                traced += gather(view)
        self._positions.append(position)
        self._corrections.append(self.optimizer.correction("v"))
        next_row = 2 * now - self._last_row
        self._last_row = now
        return (everything or row + 1 == PROBE_BLOCK
                or next_row - self._block_started >= PROBE_LATENCY)

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
