"""The monitor's sampled values against the formulas they stand for."""

import itertools
from types import SimpleNamespace

import numpy as np
import pytest

from visualnet.core.experiment import MonitorConfig
from visualnet.core.network import Network
from visualnet.core.optimizers import Adam, RMSprop
from visualnet.core.training import monitor as monitor_module
from visualnet.core.training.events import (
    IterationBlock,
    IterationEvent,
    LayerStatsEvent,
    MaskEvent,
)
from visualnet.core.training.monitor import PROBE_LATENCY, Monitor

LAYERS = [
    {"type": "dense", "units": 5}, {"type": "batchnorm"}, {"type": "relu"},
    {"type": "dense", "units": 4}, {"type": "tanh"},
    {"type": "dense", "units": 3, "init": "xavier"}, {"type": "softmax"},
]


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_layer_norms_are_each_dense_layers_frobenius_norm_of_w_and_dw(dtype):
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3, dtype=dtype)
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 16)).astype(dtype)
    Y = np.eye(3, dtype=dtype)[:, rng.integers(3, size=16)]
    net.forward(X, training=True)
    grads = net.backward(Y)
    optimizer = Adam(lr=0.01)
    optimizer.step(net.params, grads)
    monitor = Monitor(net, optimizer, MonitorConfig(), seed=0)
    [stats] = [e for e in sample(monitor, step(1), grads) if isinstance(e, LayerStatsEvent)]
    assert list(stats.weight_norms) == ["W1", "W2", "W3"]
    tol = 1e-5 if dtype == "float32" else 1e-12
    for name in ("W1", "W2", "W3"):
        expected_w = np.sqrt((net.params[name].astype(np.float64) ** 2).sum())
        expected_dw = np.sqrt((grads[name].astype(np.float64) ** 2).sum())
        assert stats.weight_norms[name] == pytest.approx(expected_w, rel=tol)
        assert stats.grad_norms[name] == pytest.approx(expected_dw, rel=tol)
    assert set(stats.running_mean) == {"1"}  # γ1, β1: the BN after W1


def test_a_listener_keeping_few_points_spreads_the_norms_but_never_takes_them_more_often():
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3)
    monitor = Monitor(net, Adam(), MonitorConfig(norms_every=5), seed=0)
    monitor.spread_norms(iterations=40_000, samples=4096)
    assert monitor.norms_every == 9  # 40,000 // 4,096: at most 4,096 samples
    monitor.spread_norms(iterations=1000, samples=4096)
    assert monitor.norms_every == 5  # the experiment's own rate is a floor


def sample(monitor: Monitor, position: tuple, grads, everything: bool = False) -> list:
    """What the trainer does after each update: record the row, take the events due."""
    due = monitor.record(position, grads)
    return monitor.take(grads, everything) if due or everything else []


def step(t: int) -> tuple:
    """Where the trainer says update t left the run, as the fields of its IterationEvent:
    J{t} = 1/t, α = 0.1/t (16 examples, 1 ms apart)."""
    return (t, 0, t, 100, 1 / t, 0.1 / t, 16 * t, 0.001 * t)


def traced_blocks(monitor: Monitor, net: Network, optimizer,
                  iterations: int) -> list[IterationBlock]:
    """The IterationBlocks of ``iterations`` updates of ``net`` on one fixed mini-batch, the
    last one flushed."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 16))
    Y = np.eye(3)[:, rng.integers(3, size=16)]
    blocks = []
    for t in range(1, iterations + 1):
        net.forward(X, training=True)
        grads = net.backward(Y)
        optimizer.step(net.params, grads)
        blocks += [e for e in sample(monitor, step(t), grads) if isinstance(e, IterationBlock)]
    return blocks + [e for e in monitor.flush() if isinstance(e, IterationBlock)]


@pytest.mark.parametrize("seconds_per_iteration", [0.001, 0.007, 0.05])
def test_a_traced_row_never_waits_probe_latency_to_be_sent(monkeypatch, seconds_per_iteration):
    clock = SimpleNamespace(now=0.0)  # row t is written at t · seconds_per_iteration
    monkeypatch.setattr(monitor_module, "time", SimpleNamespace(monotonic=lambda: clock.now))
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3, dtype="float64")
    optimizer = Adam(lr=0.01)
    monitor = Monitor(net, optimizer, MonitorConfig(), seed=0)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 16)), np.eye(3)[:, rng.integers(3, size=16)]
    blocks = []
    for t in range(1, 201):
        clock.now = t * seconds_per_iteration
        net.forward(X, training=True)
        optimizer.step(net.params, grads := net.backward(Y))
        blocks += [e for e in sample(monitor, step(t), grads) if isinstance(e, IterationBlock)]
    last = [e for e in monitor.flush() if isinstance(e, IterationBlock)]  # at the run's end
    np.testing.assert_array_equal(np.concatenate([b.iterations for b in blocks + last]),
                                  np.arange(1, 201))
    # A block goes when its last row is written: its first row waited since it was written.
    waits = [(b.iterations[-1] - b.iterations[0]) * seconds_per_iteration for b in blocks]
    assert max(waits) < PROBE_LATENCY
    sizes = [len(b.iterations) for b in blocks]
    if seconds_per_iteration < PROBE_LATENCY / 2:  # rows do wait, for one another
        assert max(sizes) > 1
        assert max(waits) > PROBE_LATENCY / 2  # and fill most of the time they may
    else:
        assert max(sizes) == 1


def test_an_optimizer_without_v_gives_nan_velocities_and_no_correction():
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3, dtype="float64")
    optimizer = RMSprop(lr=0.01)
    monitor = Monitor(net, optimizer, MonitorConfig(), seed=0)
    [*_, block] = traced_blocks(monitor, net, optimizer, 5)
    assert block.iterations[-1] == 5
    assert np.isnan(block.velocity).all() and np.isnan(block.velocity_corrected).all()
    np.testing.assert_array_equal(block.correction, 1.0)
    np.testing.assert_array_equal(block.s[-1], optimizer.flat_states["s"][monitor.flat_indices])


DROPOUT_LAYERS = [
    {"type": "dense", "units": 6}, {"type": "relu"}, {"type": "dropout", "keep_prob": 0.5},
    {"type": "dense", "units": 3, "init": "xavier"}, {"type": "softmax"},
]


@pytest.mark.parametrize(("masks_every", "seconds_per_iteration", "by_hand", "expected"), [
    (1, 0.05, (), list(range(1, 13))),  # each row is a block of its own, and has its masks
    (3, 0.05, (), [3, 6, 9, 12]),  # masks_every is the fewest iterations between copies
    (3, 0.05, (7,), [3, 6, 7, 10]),  # a mini-batch run by hand always shows its masks
    (5, 0.001, (), [12]),  # one block after the first row: masks at the run's end
])
def test_dropout_masks_come_with_a_block_and_are_its_last_iterations(
        monkeypatch, masks_every, seconds_per_iteration, by_hand, expected):
    ticks = itertools.count(step=seconds_per_iteration)
    monkeypatch.setattr(monitor_module, "time", SimpleNamespace(monotonic=lambda: next(ticks)))
    net = Network.from_spec({"input_dim": 2, "layers": DROPOUT_LAYERS}, seed=3, dtype="float64")
    optimizer = Adam(lr=0.01)
    monitor = Monitor(net, optimizer, MonitorConfig(masks_every=masks_every), seed=0)
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 16)), np.eye(3)[:, rng.integers(3, size=16)]
    events, drawn = [], {}
    for t in range(1, 13):
        net.forward(X, training=True)
        grads = net.backward(Y)
        optimizer.step(net.params, grads)
        drawn[t] = net.dropout_layers[0].mask.copy()
        events += sample(monitor, step(t), grads, everything=t in by_hand)
    events += monitor.flush()  # as the trainer does when the run ends
    masks = [(i, e) for i, e in enumerate(events) if isinstance(e, MaskEvent)]
    assert [e.iteration for _, e in masks] == expected
    for i, e in masks:
        assert events[i - 1].iterations[-1] == e.iteration  # right after its block
        np.testing.assert_array_equal(e.masks[3], drawn[e.iteration])
    assert masks[-1][1].masks[3] is not net.dropout_layers[0].mask  # a copy


@pytest.mark.parametrize("coordinates", [0, 3])
def test_blocks_bring_each_iterations_cost_and_alpha_and_where_the_run_stood(coordinates):
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3, dtype="float64")
    optimizer = Adam(lr=0.01)
    monitor = Monitor(net, optimizer, MonitorConfig(coordinates=coordinates), seed=0)
    blocks = traced_blocks(monitor, net, optimizer, 600)  # more than a block holds
    assert len(blocks) > 1
    t = np.concatenate([b.iterations for b in blocks])
    np.testing.assert_array_equal(t, np.arange(1, 601))
    np.testing.assert_array_equal(np.concatenate([b.cost for b in blocks]), 1 / t)
    np.testing.assert_array_equal(np.concatenate([b.lr for b in blocks]), 0.1 / t)
    for block in blocks:
        assert block.latest == IterationEvent(*step(block.iterations[-1]))  # where it stood
        assert block.gradient.shape == (len(block.iterations), coordinates)


def test_traced_values_come_from_the_optimizers_new_state_after_a_reset():
    net = Network.from_spec({"input_dim": 2, "layers": LAYERS}, seed=3, dtype="float64")
    optimizer = Adam(lr=0.01)
    monitor = Monitor(net, optimizer, MonitorConfig(), seed=0)
    traced_blocks(monitor, net, optimizer, 5)
    optimizer.reset()  # new state buffers
    [*_, block] = traced_blocks(monitor, net, optimizer, 2)
    for column, slot in ((block.velocity, "v"), (block.s, "s")):
        np.testing.assert_array_equal(column[-1], optimizer.flat_states[slot][monitor.flat_indices])
    np.testing.assert_array_equal(block.gradient[-1], net.grads.flat[monitor.flat_indices])
