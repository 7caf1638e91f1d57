"""What the live recorder derives for the views, checked against hand-computed values."""

import itertools
import math
import sys
import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
from support.data import experiment, planar_binary, regression

from visualnet.core.contour import level_segments
from visualnet.core.data import prepare
from visualnet.core.data.config import DataConfig
from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.ewma import ewma
from visualnet.core.training import (
    EpochEvent,
    IterationBlock,
    IterationEvent,
    MaskEvent,
    Trainer,
)
from visualnet.core.training import recorder as recorder_module
from visualnet.core.training.recorder import LiveRecorder
from visualnet.core.visualize import (
    CLASS_COLOURS,
    LineGrid,
    PlaneGrid,
    class_shading,
    confusion_rates,
    drop_rates,
    prediction_curve,
    probability_colours,
)

LINEAR = [{"type": "dense", "units": 1}, {"type": "linear"}]
SOFTMAX = [{"type": "dense", "units": 6}, {"type": "relu"},
           {"type": "dense", "units": 3, "init": "xavier"}, {"type": "softmax"}]


def epoch(train_error, dev_error, number=0):
    return EpochEvent(number, 10 * (number + 1), 0.5, train_error, 0.6, dev_error,
                      math.nan, math.nan, 0.01, 1.0)


# --- visualize helpers ----------------------------------------------------------------------


def test_pixel_rect_centres_each_pixel_on_its_grid_point():
    grid = PlaneGrid(0.0, 4.0, -1.0, 1.0, 5)
    # x step 1, y step 0.5: the image reaches half a step beyond the first and last points.
    assert grid.pixel_rect() == (-0.5, -1.25, 5.0, 2.5)


def test_line_grid_covers_the_points_with_a_margin():
    line = LineGrid.around(np.array([[0.0, 4.0, 10.0]]), res=3, margin=0.1)
    assert (line.x_min, line.x_max) == (-1.0, 11.0)
    assert line.points().tolist() == [[-1.0, 5.0, 11.0]]


def test_prediction_curve_is_the_network_output_on_the_line():
    net = experiment(LINEAR).build_network(1)
    net.load_state_dict({"W1": np.array([[2.0]]), "b1": np.array([[1.0]])})
    line = LineGrid(-1.0, 1.0, 3)
    pre = Preprocessor.fit(np.array([[0.0, 1.0]]), [], normalize=False)
    np.testing.assert_allclose(prediction_curve(net, pre, line), [[-1.0, 1.0, 3.0]])


def test_class_shading_lightens_each_class_colour_by_its_confidence():
    probs = np.array([[[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3], [0.2, 0.6, 0.2]]])
    rgb = class_shading(probs)
    assert rgb.shape == (1, 3, 3) and rgb.dtype == np.uint8
    # certain class 0: 255 + 0.6·(colour − 255) for orange (242, 142, 43)
    assert rgb[0, 0].tolist() == [247, 187, 128]
    # a three-way tie carries no colour
    assert rgb[0, 1].tolist() == [255, 255, 255]
    # class 1 at p = 0.6: q = (0.6 − ⅓)/(⅔) = 0.4, so 255 + 0.24·(blue − 255)
    assert CLASS_COLOURS[1] == (78, 121, 167)
    assert rgb[0, 2].tolist() == [213, 223, 234]


def test_probability_colours_run_from_class_0_through_white_to_class_1():
    lut = probability_colours(levels=3)
    assert lut.dtype == np.uint8
    # p = 0 and p = 1 are certain: 255 + 0.6·(colour − 255); p = ½ is a tie
    assert lut.tolist() == [[247, 187, 128], [255, 255, 255], [149, 175, 202]]


def test_drop_rates_count_the_dropped_examples_of_each_unit():
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1], [0, 0, 0, 1]], dtype=bool)
    np.testing.assert_allclose(drop_rates(mask), [0.5, 0.0, 0.75])


def test_confusion_rates_divide_each_row_by_its_class_total():
    rates = confusion_rates(np.array([[3, 1], [0, 0]]))
    np.testing.assert_allclose(rates, [[0.75, 0.25], [0.0, 0.0]])


# --- the recorder ---------------------------------------------------------------------------


def recorder(layers=None, data=None, **training):
    trainer = Trainer(experiment(layers, **training), data or planar_binary())
    return LiveRecorder(trainer)


def test_snapshot_drop_rates_follow_the_latest_mask_and_are_computed_once():
    rec = recorder()
    mask = np.array([[1, 0, 0, 0], [1, 1, 1, 0]], dtype=bool)
    rec(MaskEvent(1, {3: mask}, {3: 0.5}))
    first = rec.snapshot()
    np.testing.assert_allclose(first.drop_rates[3], [0.75, 0.25])
    assert rec.snapshot().drop_rates is first.drop_rates
    rec(MaskEvent(2, {3: ~mask}, {3: 0.5}))
    np.testing.assert_allclose(rec.snapshot().drop_rates[3], [0.25, 0.75])


@pytest.mark.parametrize(("train", "dev", "human", "verdict"), [
    (0.01, 0.11, 0.0, "high variance"),
    (0.15, 0.16, 0.0, "high bias"),
    (0.15, 0.30, 0.0, "high bias and high variance"),
    (0.15, 0.16, 0.14, "fine"),
])
def test_each_epoch_gives_the_bias_variance_verdict(train, dev, human, verdict):
    rec = recorder(human_level_error=human)
    rec(epoch(train, dev))
    snap = rec.snapshot()
    assert snap.human_level_error == human
    assert snap.diagnosis.verdict == verdict
    assert snap.diagnosis.avoidable_bias == pytest.approx(train - human)
    assert snap.diagnosis.variance == pytest.approx(dev - train)


def test_no_verdict_without_a_dev_error_or_for_regression():
    rec = recorder()
    rec(epoch(0.1, math.nan))
    assert rec.snapshot().diagnosis is None
    rec = recorder(LINEAR, regression())
    rec(epoch(0.1, 0.5))
    assert rec.snapshot().diagnosis is None


def test_history_lists_the_recorded_epochs():
    rec = recorder()
    events = [epoch(0.2, 0.3, 0), epoch(0.1, 0.2, 1)]
    for event in events:
        rec(event)
    assert rec.history() == events


def test_binary_boundary_has_no_class_map_and_no_curve():
    rec = recorder()
    rec.refresh()
    snap = rec.snapshot()
    assert snap.boundary.shape == (80, 80)
    assert snap.class_map is None and snap.curve is None and snap.confusion_rates is None
    # the ŷ = 0.5 line comes computed, so the GUI thread only draws it
    expected = level_segments(snap.boundary, 0.5)
    np.testing.assert_array_equal(snap.boundary_line[0], expected[0])
    np.testing.assert_array_equal(snap.boundary_line[1], expected[1])


def test_softmax_boundary_comes_with_its_class_map_and_confusion_rates():
    data = prepare(DataConfig(source="blobs", n=90, seed=0))
    rec = recorder(SOFTMAX, data)
    rec.refresh()
    snap = rec.snapshot()
    assert snap.boundary.shape == (80, 80, 3)
    np.testing.assert_array_equal(snap.class_map, class_shading(snap.boundary))
    assert snap.boundary_line is None  # the class colours show the boundaries
    assert snap.confusion.sum() == data.dev.m
    np.testing.assert_allclose(snap.confusion_rates.sum(axis=1), 1.0)


def test_one_dimensional_regression_gets_the_prediction_curve():
    rec = recorder(LINEAR, regression())
    rec.trainer.net.load_state_dict({"W1": np.array([[2.0]]), "b1": np.array([[1.0]])})
    rec.refresh()
    snap = rec.snapshot()
    x = snap.line.points()[0]
    assert snap.grid is None and snap.boundary is None
    np.testing.assert_allclose(snap.curve[0], 2 * x + 1, atol=1e-6)  # float32 net


def block(t, cost=None, lr=None, names=(), gradient=None, velocity=None, s=None,
          correction=None) -> IterationBlock:
    """The monitor's block of iterations ``t`` (an array): J{t} and α (0.5 and 0.01 unless
    given), and K = len(names) traced weights (an optimizer without state unless given)."""
    n, k = len(t), len(names)
    cost = np.full(n, 0.5) if cost is None else cost
    lr = np.full(n, 0.01) if lr is None else lr
    gradient = np.zeros((n, k)) if gradient is None else gradient
    velocity = np.full((n, k), np.nan) if velocity is None else velocity
    s = np.full((n, k), np.nan) if s is None else s
    correction = np.ones(n) if correction is None else correction
    last = int(t[-1])
    latest = IterationEvent(last, 0, last, 1500, float(cost[-1]), float(lr[-1]), 8 * last,
                            0.001 * last)
    return IterationBlock(t, cost, lr, tuple(names), gradient, velocity, s, correction, latest)


def test_recent_traced_iterations_stay_raw_while_the_whole_run_is_thinned():
    trainer = Trainer(experiment(), planar_binary())
    rec = LiveRecorder(trainer, capacity=8)  # a long run, as a small capacity sees it
    names = trainer.monitor.names
    t = np.arange(1, 101)
    g = np.repeat((-1.0) ** t[:, None], len(names), axis=1)  # flips sign every iteration
    correction = 1 / (1 - 0.9**t)
    for rows in np.split(np.arange(100), [1, 8, 40]):  # blocks of 1, 7, 32 and 60 iterations
        rec(block(t[rows], names=names, gradient=g[rows], velocity=0.1 * g[rows],
                  s=g[rows] ** 2, correction=correction[rows]))
    snap = rec.snapshot()
    assert len(snap.probe.x) <= 8 and np.abs(snap.probe.gradient).max() < 0.5  # means of ±1
    recent = snap.probe_recent
    np.testing.assert_array_equal(recent.x, t)
    np.testing.assert_array_equal(recent.gradient[:, 0], (-1.0) ** t)
    np.testing.assert_array_equal(recent.velocity[:, 0], 0.1 * recent.gradient[:, 0])
    np.testing.assert_allclose(recent.velocity_corrected[:, 0],
                               0.1 * recent.gradient[:, 0] / (1 - 0.9**t))
    np.testing.assert_array_equal(recent.sqrt_s, 1.0)


def test_the_smoothed_cost_is_the_bias_corrected_ewma_of_every_mini_batch_cost():
    trainer = Trainer(experiment(), planar_binary())
    rec = LiveRecorder(trainer, capacity=4096)
    costs = np.random.default_rng(0).uniform(0, 1, 1500)
    t = np.arange(1, 1501)
    for rows in np.split(np.arange(1500), [1, 3, 256, 700, 956]):  # blocks come as they may
        rec(block(t[rows], costs[rows], 0.01 * t[rows], trainer.monitor.names))
        assert len(rec.snapshot().cost_x) == rows[-1] + 1
    snap = rec.snapshot()
    np.testing.assert_array_equal(snap.cost_x, np.arange(1, 1501))
    np.testing.assert_array_equal(snap.cost_y, costs)
    np.testing.assert_array_equal(snap.cost_smooth,
                                  ewma(costs, recorder_module.SMOOTHING_BETA, bias_correction=True))
    np.testing.assert_allclose(snap.lr_y, 0.01 * np.arange(1, 1501))
    assert snap.iteration == 1500


def test_snapshots_taken_while_training_see_every_iteration_once_and_in_order():
    """Blocks of iterations come in the training thread while another takes snapshots: none
    is lost, doubled or reordered, and the version never goes back."""
    exp = experiment()
    exp.training.epochs = 1000  # 3 mini-batches an epoch
    trainer = Trainer(exp, planar_binary())
    rec = LiveRecorder(trainer, capacity=8192)  # every iteration kept as it was
    trainer.listeners.append(rec)
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns as often as they can
    thread = threading.Thread(target=trainer.run)
    thread.start()
    seen, version, snapshots = 0, -1, 0
    try:
        while thread.is_alive() or snapshots == 0:
            snap = rec.snapshot()
            snapshots += 1
            np.testing.assert_array_equal(snap.cost_x, np.arange(1, len(snap.cost_x) + 1))
            assert len(snap.cost_x) >= seen and snap.version >= version
            seen, version = len(snap.cost_x), snap.version
    finally:
        thread.join()
        sys.setswitchinterval(switching)
    assert snapshots > 10
    snap = rec.snapshot()
    assert len(snap.cost_x) == trainer.iteration == snap.iteration > 2000


def test_a_recorder_asks_for_no_more_layer_norms_than_its_plot_keeps():
    exp = experiment()
    exp.training.epochs = 50
    trainer = Trainer(exp, planar_binary())
    rec = LiveRecorder(trainer, capacity=16)
    trainer.listeners.append(rec)
    trainer.run()
    snap = rec.snapshot()
    every = trainer.planned_iterations // 16
    assert every > 1
    np.testing.assert_array_equal(snap.norm_x, np.arange(every, trainer.iteration + 1, every))
    assert len(snap.cost_x) <= 16 and snap.cost_x[-1] <= trainer.iteration  # still thinned


def test_a_long_run_takes_its_layer_norms_at_most_norm_samples_times():
    exp = experiment()
    exp.training.epochs = 5000
    trainer = Trainer(exp, planar_binary())
    LiveRecorder(trainer)  # keeps 4,096 points of each curve
    assert trainer.planned_iterations > 2 * recorder_module.NORM_SAMPLES
    assert trainer.monitor.norms_every == (trainer.planned_iterations
                                           // recorder_module.NORM_SAMPLES)


def test_costly_views_are_recomputed_only_after_a_snapshot_took_the_last_ones(monkeypatch):
    clock = itertools.count(step=1000)  # every refresh is long due, whatever it cost
    monkeypatch.setattr(recorder_module, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    monkeypatch.setattr(recorder_module, "HEAVY_SHARE", 1.0)
    trainer = Trainer(experiment(), planar_binary())
    rec = LiveRecorder(trainer)
    trainer.listeners.append(rec)
    snapshots = []
    trainer.listeners.append(lambda e: snapshots.append(rec.snapshot())
                             if isinstance(e, EpochEvent) and len(snapshots) < 3 else None)
    trainer.run()
    assert trainer.iteration > 100
    # one refresh before the first snapshot, one after each of the 3 snapshots, one at the end
    assert rec.snapshot().heavy_version == 5


def test_each_mini_batch_stepped_by_hand_shows_its_layer_norms_even_on_a_long_run():
    exp = experiment()
    exp.training.epochs = 10_000
    trainer = Trainer(exp, planar_binary())
    rec = LiveRecorder(trainer, capacity=16)  # a free run would take the norms rarely
    trainer.listeners.append(rec)
    trainer.control.pause()
    trainer.control.step()  # a Step before the loop first looks (a fast click) counts too
    thread = threading.Thread(target=trainer.run)
    thread.start()
    try:
        for t in (1, 2, 3):
            if t > 1:
                trainer.control.step()
            for _ in range(500):
                if trainer.iteration == t and rec.snapshot().state == "paused":
                    break
                time.sleep(0.01)
            assert rec.snapshot().norm_x[-1] == t
    finally:
        trainer.control.stop()
        thread.join(5)
    assert trainer.monitor.norms_every > 1
