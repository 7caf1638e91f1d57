"""The training loop: what a run does, how it ends, and what it reports."""

import itertools
import math
import threading
from types import SimpleNamespace

import numpy as np
import pytest
from support.data import experiment, planar_binary, regression

from visualnet.core.training import (
    EpochEvent,
    IterationBlock,
    IterationEvent,
    LayerStatsEvent,
    MaskEvent,
    StatusEvent,
    Trainer,
)
from visualnet.core.training import monitor as monitor_module
from visualnet.core.training.metrics import COLUMNS, metrics_csv

DROPOUT_NET = [
    {"type": "dense", "units": 8}, {"type": "relu"}, {"type": "dropout", "keep_prob": 0.5},
    {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"},
]


def run(exp, data=None, **kw):
    events = []
    trainer = Trainer(exp, data or planar_binary(), listeners=[events.append], **kw)
    return trainer, trainer.run(), events


def test_a_run_trains_every_mini_batch_of_every_epoch_and_learns():
    exp = experiment(epochs=20, mini_batch_size=32)
    _trainer, result, events = run(exp)
    # 180 training examples in batches of 32: 5 full batches + one of 20 (kept).
    assert result.status == "finished"
    assert result.iterations == 20 * 6
    iterations = [e for e in events if isinstance(e, IterationEvent)]
    assert [e.batch for e in iterations[:6]] == [1, 2, 3, 4, 5, 6]
    assert iterations[-1].examples_seen == 20 * 180
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    assert len(epochs) == 20
    assert epochs[-1].train_cost < epochs[0].train_cost
    assert epochs[-1].dev_error < 0.1


def test_same_seed_same_run_bit_for_bit_and_another_seed_differs():
    exp = experiment(epochs=5, mini_batch_size=16)
    exp.network.layers = experiment(DROPOUT_NET).network.layers
    a, ra, _ = run(exp)
    b, rb, _ = run(exp.model_copy(deep=True))
    assert np.array_equal(a.net.params.flat, b.net.params.flat)
    assert [e.train_cost for e in ra.history] == [e.train_cost for e in rb.history]
    other = exp.model_copy(deep=True)
    other.seed = 1
    c, _, _ = run(other)
    assert not np.array_equal(a.net.params.flat, c.net.params.flat)


def test_divergence_stops_at_once_naming_the_iteration_and_keeps_finite_weights():
    exp = experiment([{"type": "dense", "units": 1}, {"type": "linear"}],
                     optimizer={"name": "gd", "lr": 10.0}, epochs=500, mini_batch_size=100)
    trainer, result, events = run(exp, regression())
    assert result.status == "diverged"
    assert f"iteration {result.iterations + 1}" in result.message
    assert "smaller learning rate" in result.message
    assert result.iterations < 500
    assert np.isfinite(trainer.net.params.flat).all()
    assert events[-1] == StatusEvent("diverged", result.message, result.iterations,
                                     trainer.epoch)


def test_early_stopping_restores_the_weights_of_the_best_dev_epoch():
    data = planar_binary(m=120, noise=1.5, flip=0.2)
    layers = [{"type": "dense", "units": 64}, {"type": "relu"},
              {"type": "dense", "units": 64}, {"type": "relu"},
              {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]
    exp = experiment(layers, optimizer={"name": "adam", "lr": 0.01}, epochs=400,
                     mini_batch_size=16, early_stopping={"enabled": True, "patience": 5})
    trainer, result, _ = run(exp, data)
    assert result.status == "early_stopped"
    dev_costs = [e.dev_cost for e in result.history]
    best = int(np.argmin(dev_costs))
    assert result.best_epoch == best
    assert result.epochs == best + 1 + 5
    assert trainer.evaluate(data.dev)[0] == pytest.approx(dev_costs[best], rel=1e-6)


def test_early_stopping_without_a_dev_split_is_refused_clearly():
    exp = experiment([{"type": "dense", "units": 1}, {"type": "linear"}],
                     early_stopping={"enabled": True})
    with pytest.raises(ValueError, match="dev split"):
        Trainer(exp, regression())


def test_an_output_layer_that_does_not_fit_the_data_is_refused_with_the_fix():
    exp = experiment([{"type": "dense", "units": 3}, {"type": "softmax"}])
    with pytest.raises(ValueError, match=r"dense\(1\) \+ sigmoid or dense\(2\) \+ softmax"):
        Trainer(exp, planar_binary())


def test_a_two_unit_softmax_trains_on_binary_labels():
    exp = experiment([{"type": "dense", "units": 2}, {"type": "softmax"}], epochs=30)
    _, result, _ = run(exp)
    assert result.final.dev_error < 0.1


def test_pause_step_resume_and_stop_from_another_thread():
    exp = experiment(epochs=10_000, mini_batch_size=8)
    trainer = Trainer(exp, planar_binary())
    control = trainer.control
    control.pause()
    outcome = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("r", trainer.run()))
    thread.start()
    thread.join(0.2)
    assert trainer.iteration == 0 and thread.is_alive()
    control.step()
    control.step()
    for _ in range(200):
        if trainer.iteration == 2:
            break
        thread.join(0.01)
    thread.join(0.1)
    assert trainer.iteration == 2
    control.resume()
    thread.join(0.1)
    assert trainer.iteration > 2
    control.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert outcome["r"].status == "stopped"


def test_live_changes_take_effect_at_the_next_step():
    exp = experiment(DROPOUT_NET, epochs=3, mini_batch_size=16)
    seen = {}

    def listener(event):
        if isinstance(event, IterationEvent):
            seen[event.iteration] = event.lr
            if event.iteration == 4:
                trainer.control.set("lr", 0.123)
                trainer.control.set("beta1", 0.5)
                trainer.control.set("keep_prob", 0.9, target=3)

    trainer = Trainer(exp, planar_binary(), listeners=[listener])
    result = trainer.run()
    assert seen[4] == 0.01 and seen[5] == pytest.approx(0.123)
    assert trainer.optimizer.beta1 == 0.5
    assert trainer.net.dropout_layers[0].keep_prob == 0.9
    assert [c[1:] for c in result.live_changes] == [
        ("lr", None, 0.123), ("beta1", None, 0.5), ("keep_prob", 3, 0.9)]


def test_a_live_lr_change_sets_the_base_that_the_schedule_decays():
    exp = experiment(epochs=3, mini_batch_size=180, schedule={"name": "inverse_time",
                                                              "decay_rate": 1.0})
    lrs = []

    def listener(event):
        if isinstance(event, IterationEvent):
            lrs.append(event.lr)
            if event.iteration == 1:
                trainer.control.set("lr", 0.2)

    trainer = Trainer(exp, planar_binary(), listeners=[listener])
    trainer.run()
    # One batch per epoch: α = α₀/(1 + epoch); α₀ becomes 0.2 after the first step.
    assert lrs == pytest.approx([0.01, 0.2 / 2, 0.2 / 3])


def test_sampled_events_follow_the_monitor_rates_and_are_copies():
    exp = experiment(DROPOUT_NET, epochs=2, mini_batch_size=60,
                     optimizer={"name": "momentum", "lr": 0.1, "beta": 0.9})
    exp.monitor.norms_every = 2
    exp.monitor.masks_every = 3
    trainer, result, events = run(exp)
    assert result.iterations == 6
    assert [e.iteration for e in events if isinstance(e, LayerStatsEvent)] == [2, 4, 6]
    masks = [(i, e) for i, e in enumerate(events) if isinstance(e, MaskEvent)]
    assert masks, "no dropout masks sent"
    for i, e in masks:  # with a block, of its last iteration, at least 3 iterations apart
        assert isinstance(events[i - 1], IterationBlock)
        assert events[i - 1].iterations[-1] == e.iteration
    sent = [e.iteration for _, e in masks]
    assert sent[0] >= 3 and all(b - a >= 3 for a, b in itertools.pairwise(sent))
    mask = masks[-1][1].masks[3]
    assert mask.shape == (8, 60) and mask.dtype == bool
    mask[:] = False
    assert trainer.net.dropout_layers[0].mask.any()
    probe = [e for e in events if isinstance(e, IterationBlock)][-1]
    assert probe.iterations[-1] == 6
    assert len(probe.names) == 3 and probe.names[0].startswith("W1[")
    beta, t = 0.9, probe.iterations[:, None]
    np.testing.assert_allclose(probe.velocity_corrected, probe.velocity / (1 - beta**t))
    assert np.isnan(probe.sqrt_s).all()
    w_name, (i, j) = coordinate(probe.names[1])
    assert probe.velocity[-1, 1] == pytest.approx(trainer.optimizer.state[w_name]["v"][i, j])


def test_each_traced_row_holds_dw_and_the_optimizers_v_and_s_of_its_iteration():
    exp = experiment(epochs=4, mini_batch_size=32, optimizer={"name": "adam", "lr": 0.05})
    expected = []

    def listener(event):  # IterationEvent t comes after update t, before the next one
        if isinstance(event, IterationEvent):
            state = trainer.optimizer.state[w_name]
            expected.append((event.iteration, trainer.net.grads[w_name][i, j],
                             state["v"][i, j], state["s"][i, j]))

    trainer = Trainer(exp, planar_binary(), listeners=[listener])
    w_name, (i, j) = coordinate(trainer.monitor.names[0])
    blocks = []
    trainer.listeners.append(lambda e: blocks.append(e) if isinstance(e, IterationBlock) else None)
    trainer.run()
    t, gradient, velocity, s = map(np.array, zip(*expected, strict=True))
    assert len(t) == 4 * 6
    np.testing.assert_array_equal(np.concatenate([b.iterations for b in blocks]), t)
    np.testing.assert_array_equal(np.concatenate([b.gradient[:, 0] for b in blocks]), gradient)
    np.testing.assert_array_equal(np.concatenate([b.velocity[:, 0] for b in blocks]), velocity)
    np.testing.assert_array_equal(np.concatenate([b.s[:, 0] for b in blocks]), s)
    beta1 = exp.training.optimizer.beta1
    for block in blocks:
        np.testing.assert_allclose(block.correction, 1 / (1 - beta1**block.iterations))
        np.testing.assert_allclose(block.velocity_corrected,
                                   block.velocity / (1 - beta1**block.iterations[:, None]))
        np.testing.assert_allclose(block.sqrt_s, np.sqrt(block.s))


def test_a_live_beta_change_corrects_each_traced_row_with_the_beta_it_was_trained_with(
        monkeypatch):
    # A clock that stands still: blocks go only when full (PROBE_BLOCK) or flushed, so the
    # change comes in the middle of one.
    monkeypatch.setattr(monitor_module, "time", SimpleNamespace(monotonic=lambda: 0.0))
    exp = experiment(epochs=4, mini_batch_size=32, optimizer={"name": "adam", "lr": 0.05})
    betas = {}

    def listener(event):
        if isinstance(event, IterationEvent):
            betas[event.iteration] = trainer.optimizer.beta1
            if event.iteration == 10:
                trainer.control.set("beta1", 0.5)

    trainer = Trainer(exp, planar_binary(), listeners=[listener])
    blocks = []
    trainer.listeners.append(lambda e: blocks.append(e) if isinstance(e, IterationBlock) else None)
    trainer.run()
    t = np.concatenate([b.iterations for b in blocks])
    beta = np.array([betas[i] for i in t])
    assert set(beta) == {0.9, 0.5}
    np.testing.assert_allclose(np.concatenate([b.correction for b in blocks]), 1 / (1 - beta**t))


def test_every_traced_iteration_reaches_listeners_once_and_before_the_run_holds_or_ends(
        monkeypatch):
    monkeypatch.setattr(monitor_module, "PROBE_BLOCK", 8)
    # A clock that stands still: no row is ever late, only full blocks go before they must.
    monkeypatch.setattr(monitor_module, "time", SimpleNamespace(monotonic=lambda: 0.0))
    exp = experiment(epochs=10_000, mini_batch_size=8)
    events = []

    def listener(event):
        events.append(event)
        if isinstance(event, IterationEvent) and event.iteration == 21:
            trainer.control.pause()
        elif isinstance(event, IterationEvent) and event.iteration == 60:
            trainer.control.stop()
        elif isinstance(event, StatusEvent) and event.state == "paused":
            holds = sum(isinstance(e, StatusEvent) and e.state == "paused" for e in events)
            if holds <= 3:
                trainer.control.step()
            else:
                trainer.control.resume()

    trainer = Trainer(exp, planar_binary(), listeners=[listener])
    result = trainer.run()
    assert result.status == "stopped" and result.iterations == 60
    blocks = [e for e in events if isinstance(e, IterationBlock)]
    assert max(len(b.iterations) for b in blocks) == 8
    traced = np.concatenate([b.iterations for b in blocks])
    np.testing.assert_array_equal(traced, np.arange(1, 61))  # each once, in order
    sent = 0
    for at, event in enumerate(events):
        if isinstance(event, IterationBlock):
            sent = event.iterations[-1]
        elif isinstance(event, StatusEvent) and event.state != "running":
            assert sent == event.iteration  # nothing held back while the run holds or ends
        elif isinstance(event, IterationEvent) and event.iteration in (22, 23, 24):
            # a mini-batch run by Step: its row comes at once, alone
            np.testing.assert_array_equal(events[at + 1].iterations, [event.iteration])
    states = [e.state for e in events if isinstance(e, StatusEvent)]
    assert states.count("paused") == 4 and states[-1] == "stopped"


def coordinate(name: str) -> tuple[str, tuple[int, int]]:
    """'W2[3,1]' → ('W2', (3, 1))."""
    w_name, idx = name.split("[")
    i, j = map(int, idx.rstrip("]").split(","))
    return w_name, (i, j)


def test_without_listeners_the_loop_builds_no_events():
    exp = experiment(epochs=2)
    trainer = Trainer(exp, planar_binary())
    trainer.run()
    assert trainer.iteration > 0


def test_metrics_csv_has_one_row_per_epoch_numbered_from_one():
    exp = experiment(epochs=3)
    _, result, _ = run(exp)
    lines = metrics_csv(result.history).splitlines()
    assert lines[0].split(",") == list(COLUMNS)
    assert [line.split(",")[0] for line in lines[1:]] == ["1", "2", "3"]
    assert float(lines[3].split(",")[2]) == result.history[2].train_cost


def test_evaluate_reports_data_loss_without_penalty_and_error_rate():
    exp = experiment(l2=5.0, epochs=1)
    trainer = Trainer(exp, planar_binary())
    cost, error = trainer.evaluate(trainer.data.dev)
    A = trainer.net.predict(trainer.data.dev.X.astype(np.float32))
    Y = trainer.data.dev.Y
    expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert cost == pytest.approx(expected, rel=1e-4)
    assert error == pytest.approx(np.mean((A >= 0.5) != (Y == 1)))
    assert math.isnan(trainer.evaluate(regression().dev)[0])


def test_without_sampling_only_progress_events_are_sent():
    exp = experiment(DROPOUT_NET, epochs=2)
    events = []
    Trainer(exp, planar_binary(), listeners=[events.append], sampling=False).run()
    kinds = {type(e).__name__ for e in events}
    assert kinds == {"IterationEvent", "EpochEvent", "StatusEvent"}


def test_a_listener_that_reads_blocks_is_spared_each_iterations_event_and_misses_nothing():
    class BlockReader(list):
        wants_iterations = False

        def __call__(self, event):
            self.append(event)

    exp = experiment(epochs=3)
    reader, everything = BlockReader(), []
    trainer = Trainer(exp, planar_binary(), listeners=[reader, everything.append])
    trainer.run()
    assert not any(isinstance(e, IterationEvent) for e in reader)
    blocks = [e for e in reader if isinstance(e, IterationBlock)]
    np.testing.assert_array_equal(np.concatenate([b.iterations for b in blocks]),
                                  np.arange(1, trainer.iteration + 1))
    steps = [e.iteration for e in everything if isinstance(e, IterationEvent)]
    assert steps == list(range(1, trainer.iteration + 1))  # the others still get each one
