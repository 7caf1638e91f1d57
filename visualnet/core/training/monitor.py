"""Sampling what the plots show, at the rates the experiment sets (MonitorConfig).

Every iteration: for a few traced weight coordinates, the raw gradient dW, the optimizer's
velocity V_dW, its bias-corrected V_dW/(1 − βᵗ) and √S_dW. Every ``norms_every`` iterations:
‖W[l]‖_F and ‖dW[l]‖_F per dense layer and batch norm's running μ, σ². Every ``masks_every``
iterations: copies of the latest dropout masks.
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

    def sample(self, iteration: int, grads: ParamStore) -> list[Event]:
        """The events due at ``iteration`` (after its optimizer step)."""
        events: list[Event] = []
        if len(self.flat_indices):
            events.append(self._probe(iteration, grads))
        if iteration % self.config.norms_every == 0:
            events.append(self._layer_stats(iteration, grads))
        if iteration % self.config.masks_every == 0 and self.net.dropout_layers:
            events.append(self._masks(iteration))
        return events

    def _probe(self, iteration: int, grads: ParamStore) -> ProbeEvent:
        idx = self.flat_indices
        gradient = grads.flat[idx].astype(np.float64)
        nan = np.full(len(idx), np.nan)
        v = self.optimizer.state_at("v", idx)
        s = self.optimizer.state_at("s", idx)
        velocity = nan if v is None else v.astype(np.float64)
        corrected = nan if v is None else self.optimizer.corrected("v", velocity)
        sqrt_s = nan if s is None else np.sqrt(s.astype(np.float64))
        return ProbeEvent(iteration, self.names, gradient, velocity, corrected, sqrt_s)

    def _layer_stats(self, iteration: int, grads: ParamStore) -> LayerStatsEvent:
        weight_norms, grad_norms = {}, {}
        for layer in self.net.dense_layers:
            weight_norms[layer.w_name] = float(np.linalg.norm(layer.W))
            grad_norms[layer.w_name] = float(np.linalg.norm(grads[layer.w_name]))
        means = {f"{b.number}": b.running_mean.ravel().copy() for b in self.net.batchnorm_layers}
        variances = {f"{b.number}": b.running_var.ravel().copy() for b in self.net.batchnorm_layers}
        return LayerStatsEvent(iteration, weight_norms, grad_norms, means, variances)

    def _masks(self, iteration: int) -> MaskEvent:
        layers = [d for d in self.net.dropout_layers if d.mask is not None]
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
