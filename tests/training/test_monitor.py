"""The monitor's sampled values against the formulas they stand for."""

import numpy as np
import pytest

from visualnet.core.experiment import MonitorConfig
from visualnet.core.network import Network
from visualnet.core.optimizers import Adam
from visualnet.core.training.events import LayerStatsEvent
from visualnet.core.training.monitor import Monitor

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
    [stats] = [e for e in monitor.sample(1, grads) if isinstance(e, LayerStatsEvent)]
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
