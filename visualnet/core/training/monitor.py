"""Sampling what the plots show, at the rates the experiment sets (MonitorConfig).

Every iteration: for a few traced weight coordinates, the raw gradient dW and the optimizer's
V_dW and S_dW (with the factor that bias-corrects V_dW). Every ``norms_every`` iterations:
‖W[l]‖_F and ‖dW[l]‖_F per dense layer and batch norm's running μ, σ² (a listener that keeps
only so many may ask for fewer, ``spread_norms``). Every ``masks_every`` iterations: copies of
the latest dropout masks. The every-iteration part is the few NumPy calls it cannot do without:
on a small network an iteration takes ~100 µs, and each call costs ~1 µs of it.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.network import Network
from visualnet.core.optimizers import Optimizer
from visualnet.core.params import ParamStore
from visualnet.core.training.events import Event, LayerStatsEvent, MaskEvent, ProbeEvent


class Monitor:
    """Builds the sampled events for one network and optimizer."""

    def __init__(self, net: Network, optimizer: Optimizer, config, seed: int):
        self.net = net
        self.optimizer = optimizer
        self.config = config
        self.names, self.flat_indices = trace_coordinates(net, config.coordinates, seed)
        self.norms_every = config.norms_every
        self._absent = np.full(len(self.flat_indices), np.nan)
        self._absent.flags.writeable = False  # shared by every event of an optimizer without v or s
        self._dropout_layers = net.dropout_layers  # a property that builds a new list each time
        self._w_names = [layer.w_name for layer in net.dense_layers]
        self._w_bounds = weight_bounds(net.params, self._w_names)
        self._squares = np.empty_like(net.params.flat)

    def sample(self, iteration: int, grads: ParamStore, everything: bool = False) -> list[Event]:
        """The events due at ``iteration`` (after its optimizer step); all of them when
        ``everything`` (a mini-batch run by hand, whose effects the user looks at)."""
        events: list[Event] = []
        if len(self.flat_indices):
            events.append(self._probe(iteration, grads))
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

    def _probe(self, iteration: int, grads: ParamStore) -> ProbeEvent:
        idx = self.flat_indices
        v = self.optimizer.state_at("v", idx)
        s = self.optimizer.state_at("s", idx)
        correction = 1.0 if v is None else self.optimizer.correction("v")
        return ProbeEvent(iteration, self.names, grads.flat.take(idx),
                          self._absent if v is None else v,
                          self._absent if s is None else s, correction)

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
