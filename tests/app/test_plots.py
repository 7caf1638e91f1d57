"""The live plots: each receives real data from a run, notes what it cannot draw, exports."""

import csv
import dataclasses
import time
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from visualnet.app.plots.base import SAMPLES_PER_PIXEL, LivePlot, make_plot
from visualnet.app.plots.base import drawing as plots_drawing
from visualnet.app.plots.export import PlotExportMenu, export_metrics, export_plot
from visualnet.app.plots.ranges import SteadyRange, finite_bounds, fit, grow, nice_ceil
from visualnet.app.plots.registry import LAYOUT, PLOTS
from visualnet.app.training import controller as run_controller
from visualnet.core.experiment import Experiment
from visualnet.core.training import control as control_module
from visualnet.core.training.metrics import COLUMNS
from visualnet.core.training.recorder import Snapshot

KEYS = ["boundary", "cost", "error", "velocity", "dropout", "gradnorms", "histograms", "lr",
        "confusion"]


def train_to_the_end(qtbot, window):
    window.controller.train()
    qtbot.waitUntil(lambda: window.controller.state == "finished", timeout=30_000)
    return window.controller.recorder.snapshot()


def raise_plot(qtbot, window, key):
    """Bring a plot's dock to the front (its tab may be behind another)."""
    window.docks[key].raise_()
    qtbot.waitUntil(lambda: not window.plots[key].visibleRegion().isEmpty(), timeout=5_000)


def replace_experiment(window, **changes):
    data = window.session.experiment.to_dict()
    for part, value in changes.items():
        data[part] = value
    window.session.replace(Experiment.model_validate(data))


def curve_y(curve):
    """The y values a curve was given (empty when it was cleared)."""
    return np.asarray(curve.yData if curve.yData is not None else [])


# --- registry -------------------------------------------------------------------------------


def test_every_plot_has_a_key_a_title_a_tooltip_and_a_default_place():
    keys = [cls.key for cls in PLOTS]
    assert set(KEYS) <= set(keys)
    assert len(set(keys)) == len(keys)
    for cls in PLOTS:
        assert cls.key in LAYOUT
        assert cls.title and len(cls.tooltip) > 60
    mine = [cls for cls in PLOTS if cls.key in KEYS]
    assert all(issubclass(cls, LivePlot) for cls in mine)


def test_the_boundary_and_the_velocity_plot_are_in_front_by_default(main_window):
    for key in ("boundary", "cost", "error", "velocity"):
        assert not main_window.plots[key].visibleRegion().isEmpty(), key
    assert main_window.plots["histograms"].visibleRegion().isEmpty()


# --- every plot receives the run ------------------------------------------------------------


def test_every_plot_receives_the_runs_data(qtbot, main_window):
    snap = train_to_the_end(qtbot, main_window)
    plots = main_window.plots
    data = main_window.session.data
    for key in KEYS:
        raise_plot(qtbot, main_window, key)

    cost = plots["cost"]
    assert len(cost.raw.getData()[0]) == len(snap.cost_x) == 15

    error = plots["error"]
    np.testing.assert_array_equal(curve_y(error.train), snap.epoch_error[:, 0])
    np.testing.assert_array_equal(curve_y(error.dev), snap.epoch_error[:, 1])
    assert len(curve_y(error.test)) == 3

    boundary = plots["boundary"]
    np.testing.assert_array_equal(boundary.image.image, snap.boundary)
    assert boundary.image.image.shape == (80, 80)
    assert len(boundary.train_points.data) == data.train.m
    assert len(boundary.dev_points.data) == data.dev.m
    left, bottom, width, height = snap.grid.pixel_rect()
    rect = boundary.image.mapRectToParent(boundary.image.boundingRect())
    assert rect.left() == pytest.approx(left) and rect.width() == pytest.approx(width)
    assert rect.top() == pytest.approx(bottom) and rect.height() == pytest.approx(height)
    contour_x, contour_y = boundary.contour.getData()  # ŷ = 0.5, as segments in the image
    assert 0 < len(contour_x) == len(contour_y) and len(contour_x) % 2 == 0
    assert contour_x.min() >= 0 and contour_x.max() <= 79

    velocity = plots["velocity"]
    k = velocity.selector.currentIndex()
    assert velocity.selector.count() == len(snap.probe_names)
    np.testing.assert_array_equal(curve_y(velocity.gradient), snap.probe.gradient[:, k])
    np.testing.assert_array_equal(curve_y(velocity.velocity), snap.probe.velocity[:, k])
    np.testing.assert_array_equal(curve_y(velocity.velocity_corrected),
                                  snap.probe.velocity_corrected[:, k])
    np.testing.assert_array_equal(curve_y(velocity.sqrt_s), snap.probe.sqrt_s[:, k])
    assert all(curve.isVisible() for curve in (velocity.velocity, velocity.sqrt_s))  # Adam

    dropout = plots["dropout"]
    np.testing.assert_array_equal(dropout.image.image, snap.masks[3])
    np.testing.assert_array_equal(dropout.bars.opts["width"], snap.drop_rates[3])
    assert dropout.expected.value() == pytest.approx(1 - 0.8)
    assert "keep_prob = 0.8" in dropout.mask_plot.titleLabel.text

    gradnorms = plots["gradnorms"]
    assert len(gradnorms.grad_curves) == len(snap.norm_names) == 2
    for j, (grad, weight) in enumerate(zip(gradnorms.grad_curves, gradnorms.weight_curves,
                                           strict=True)):
        np.testing.assert_array_equal(curve_y(grad), snap.grad_norms[:, j])
        np.testing.assert_array_equal(curve_y(weight), snap.weight_norms[:, j])
    assert gradnorms.plot.getPlotItem().ctrl.logYCheck.isChecked()

    histograms = plots["histograms"]
    assert set(histograms.panels) == {"W1", "W2"}
    for name, curve in histograms.panels.items():
        assert curve_y(curve).sum() == snap.weights[name].size

    lr = plots["lr"]
    np.testing.assert_array_equal(curve_y(lr.curve), snap.lr_y)
    assert np.allclose(snap.lr_y, 0.01)

    assert plots["confusion"].showing_note  # moons are binary
    assert "multi-class" in plots["confusion"].note.text()


def test_the_verdict_and_its_advice_are_shown(qtbot, main_window):
    snap = train_to_the_end(qtbot, main_window)
    text = main_window.plots["error"].verdict.text()
    assert snap.diagnosis is not None
    assert snap.diagnosis.advice in text
    assert f"variance {snap.diagnosis.variance:.1%}" in text


def test_a_negative_variance_is_explained(qtbot, main_window):
    snap = train_to_the_end(qtbot, main_window)
    error = main_window.plots["error"]
    easier_dev = dataclasses.replace(snap.diagnosis, variance=-0.006)
    error.clear()  # the verdict is redrawn when the epochs change: start from none
    error.draw(dataclasses.replace(snap, diagnosis=easier_dev))
    assert "variance -0.6% (dev error below train error" in error.verdict.text()
    error.clear()
    error.draw(snap)
    assert ("below train error" in error.verdict.text()) == (snap.diagnosis.variance < 0)


def error_plot_after_a_run(qtbot, main_window):
    """(the run's last snapshot, the error plot, its view), the plot cleared as for a new run
    and laid out with the note waiting for the first epoch."""
    snap = train_to_the_end(qtbot, main_window)
    error = main_window.plots["error"]
    raise_plot(qtbot, main_window, "error")
    error.clear()
    assert "appears after the first epoch" in error.verdict.text()
    qtbot.wait(50)
    return snap, error, error.plot.getPlotItem().getViewBox()


def test_a_shorter_verdict_leaves_the_error_plot_its_height_until_the_next_run(
        qtbot, main_window):
    snap, error, view = error_plot_after_a_run(qtbot, main_window)
    open_height = view.height()
    wordy = dataclasses.replace(snap.diagnosis, advice=" ".join(["Train longer."] * 30))
    earlier = dataclasses.replace(snap, diagnosis=wordy, epoch_x=snap.epoch_x[:-1],
                                  epoch_error=snap.epoch_error[:-1])
    error.draw(earlier)
    qtbot.waitUntil(lambda: view.height() < open_height)  # the long advice takes lines
    held = view.height()
    error.draw(snap)  # the next epoch's verdict is shorter
    assert snap.diagnosis.advice in error.verdict.text()
    qtbot.wait(50)
    assert view.height() == held  # the plot does not jump back up, to jump down again later
    error.clear()  # a new run: the room goes back to the plot
    qtbot.waitUntil(lambda: view.height() == open_height)


def test_the_first_verdict_of_a_run_takes_the_room_the_note_waiting_for_it_had(
        qtbot, main_window):
    snap, error, view = error_plot_after_a_run(qtbot, main_window)
    waiting = view.height()
    error.draw(snap)
    assert snap.diagnosis.advice in error.verdict.text()
    qtbot.wait(50)
    assert view.height() == waiting  # no resize (a repaint of the whole plot) mid-run


def test_a_hidden_tab_draws_the_latest_snapshot_when_raised(qtbot, main_window):
    histograms = main_window.plots["histograms"]
    snap = train_to_the_end(qtbot, main_window)
    assert histograms.visibleRegion().isEmpty()
    assert histograms.showing_note  # nothing drawn behind the tab
    raise_plot(qtbot, main_window, "histograms")
    assert not histograms.showing_note
    assert curve_y(histograms.panels["W1"]).sum() == snap.weights["W1"].size


def test_three_classes_get_a_class_map_and_a_confusion_matrix(qtbot, main_window):
    replace_experiment(main_window, data={"source": "blobs", "n": 150, "seed": 0},
                       network={"layers": [
                           {"type": "dense", "units": 8}, {"type": "relu"},
                           {"type": "dense", "units": 3, "init": "xavier"},
                           {"type": "softmax"}]})
    snap = train_to_the_end(qtbot, main_window)
    raise_plot(qtbot, main_window, "confusion")
    raise_plot(qtbot, main_window, "boundary")
    confusion = main_window.plots["confusion"]
    dev = main_window.session.data.dev.m
    counts = [int(label.toPlainText()) for label in confusion.labels]
    assert len(counts) == 9 and sum(counts) == dev == snap.confusion.sum()
    assert counts == snap.confusion.ravel().tolist()
    np.testing.assert_array_equal(confusion.image.image, snap.confusion_rates)
    ticks = confusion.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [name for _pos, name in ticks] == ["class 0", "class 1", "class 2"]
    boundary = main_window.plots["boundary"]
    np.testing.assert_array_equal(boundary.image.image, snap.class_map)
    assert boundary.image.image.shape == (80, 80, 3)
    assert not boundary.contour.isVisible()


def test_one_dimensional_regression_shows_the_prediction_curve_and_mse(qtbot, main_window):
    replace_experiment(main_window, data={"source": "sine", "n": 120, "seed": 0},
                       network={"layers": [
                           {"type": "dense", "units": 8}, {"type": "tanh"},
                           {"type": "dense", "units": 1}, {"type": "linear"}]})
    snap = train_to_the_end(qtbot, main_window)
    boundary, error = main_window.plots["boundary"], main_window.plots["error"]
    assert not boundary.showing_note
    x, y = boundary.curve.getData()
    np.testing.assert_allclose(x, snap.line.points()[0])
    np.testing.assert_array_equal(y, snap.curve[0])
    assert len(boundary.train_points.data) == main_window.session.data.train.m
    assert error.plot.getPlotItem().getAxis("left").labelText == "MSE"
    assert "MSE" in error.verdict.text()


def test_images_show_why_there_is_no_boundary_and_two_dropout_layers_get_a_selector(
        qtbot, main_window):
    replace_experiment(main_window, data={"source": "digits"}, network={"layers": [
        {"type": "dense", "units": 16}, {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.5},
        {"type": "dense", "units": 8}, {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.9},
        {"type": "dense", "units": 10, "init": "xavier"}, {"type": "softmax"}]})
    main_window.session.experiment.training.epochs = 1
    boundary = main_window.plots["boundary"]
    assert boundary.showing_note and "8×8 image" in boundary.note.text()
    snap = train_to_the_end(qtbot, main_window)
    raise_plot(qtbot, main_window, "dropout")
    dropout = main_window.plots["dropout"]
    assert dropout.selector_row.isVisible() and dropout.selector.count() == 2
    np.testing.assert_array_equal(dropout.image.image, snap.masks[3])
    dropout.selector.setCurrentIndex(1)
    np.testing.assert_array_equal(dropout.image.image, snap.masks[6])
    assert dropout.expected.value() == pytest.approx(0.1)


def test_plain_gd_and_no_dropout_hide_what_does_not_exist(qtbot, main_window):
    training = main_window.session.experiment.training.model_dump()
    training["optimizer"] = {"name": "gd", "lr": 0.1}
    replace_experiment(main_window, training=training, network={"layers": [
        {"type": "dense", "units": 6}, {"type": "relu"},
        {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]})
    train_to_the_end(qtbot, main_window)
    raise_plot(qtbot, main_window, "dropout")
    velocity, dropout = main_window.plots["velocity"], main_window.plots["dropout"]
    assert velocity.gradient.isVisible()
    assert not any(c.isVisible() for c in (velocity.velocity, velocity.velocity_corrected,
                                           velocity.sqrt_s))
    assert "no average" in velocity.status.text()
    assert dropout.showing_note and "no dropout layer" in dropout.note.text()


def test_plots_take_an_empty_snapshot_and_no_data(main_window):
    empty = Snapshot()
    for key in KEYS:
        plot = main_window.plots[key]
        plot.draw(empty)
        plot.clear()
        plot.set_data(None)
        plot.draw(empty)
    assert main_window.plots["boundary"].showing_note
    assert main_window.plots["histograms"].showing_note
    assert main_window.plots["dropout"].showing_note


def test_a_new_run_clears_the_previous_curves(qtbot, main_window):
    train_to_the_end(qtbot, main_window)
    for key in KEYS:
        main_window.plots[key].clear()
    assert len(curve_y(main_window.plots["cost"].raw)) == 0
    assert len(curve_y(main_window.plots["error"].train)) == 0
    assert main_window.plots["boundary"].image.image is None


# --- staying fast ---------------------------------------------------------------------------


def test_x_ranges_grow_in_nice_steps_ahead_of_the_data_and_stop_at_the_run_s_end():
    assert [nice_ceil(v) for v in (0.7, 1, 1.1, 2.5, 7, 120, 9000)] == [
        0.8, 1, 1.5, 3, 8, 150, 10_000]
    assert grow(1000.0, 950) == 1000  # the data is inside: no change
    assert grow(1000.0, 1001) == 1500
    assert grow(1000.0, 1001, ahead=2000) == 4000  # room for 2 s of a fast run
    assert grow(1000.0, 1001, ahead=2000, limit=1200) == 1200
    assert grow(None, 5) == 5


def test_y_ranges_hold_until_the_data_leaves_them_or_fills_a_third():
    first = fit(None, 0.2, 0.7)
    assert first[0] < 0.2 and first[1] > 0.7
    assert fit(first, 0.25, 0.6) == first
    assert fit(first, 0.05, 0.6) != first  # left the range
    low, high = fit(first, 0.4, 0.45)  # fills less than a third: refitted around the data
    assert low <= 0.4 and high >= 0.45 and high - low < (first[1] - first[0]) / 2
    assert fit(None, 0.2, 0.7, include_zero=True)[0] == 0
    assert finite_bounds(np.array([1.0, np.nan, 3.0]), np.array([[np.inf, -2.0]])) == (-2, 3)
    assert finite_bounds(np.array([0.0, 10.0, 1000.0]), log=True) == (1, 3)
    assert finite_bounds(np.array([np.nan])) is None


def test_a_steady_range_changes_the_view_only_in_steps_and_yields_to_the_user(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    item = widget.getPlotItem()
    view = item.getViewBox()
    steady = SteadyRange(item)
    changes = []
    view.sigRangeChanged.connect(lambda *_: changes.append(view.viewRange()))
    steady.follow(90, (0.0, 1.0), x_limit=5000)
    steady.follow(95, (0.1, 0.9), x_limit=5000)  # inside: the axes stay as they are
    assert len(changes) == 1 and not any(view.autoRangeEnabled())
    x_range = view.viewRange()[0]
    assert x_range[0] < 0 < 95 < 100 < x_range[1] < 105
    steady.follow(4000, (0.1, 0.9), x_limit=5000)
    assert len(changes) == 2 and view.viewRange()[0][1] == pytest.approx(5000, rel=0.03)
    view.sigRangeChangedManually.emit(view.mouseEnabled())  # the user zooms in
    steady.follow(4900, (0.0, 3.0), x_limit=5000)
    assert len(changes) == 2 and not steady.following
    view.enableAutoRange()  # the "A" button: follow again, in steps
    assert steady.following and not any(view.autoRangeEnabled())
    assert view.viewRange()[1][1] >= 3.0


def test_a_window_of_recent_iterations_stays_put_while_the_data_scrolls(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    steady = SteadyRange(widget.getPlotItem())
    steady.set_window(200)
    assert steady.x_range(0, x_first=-1010) == (-200, 0)  # x: offsets from the latest
    assert steady.x_range(0, x_first=-3) == (-50, 0)  # early on: little room before the start
    assert steady.x_range(0, x_first=-51) == (-100, 0)
    assert steady.x_range(0, x_first=0) == (-50, 0)


def test_long_curves_are_drawn_from_about_two_points_per_pixel(qtbot, main_window):
    cost = main_window.plots["cost"]
    assert cost.raw.opts["autoDownsampleFactor"] == SAMPLES_PER_PIXEL
    assert cost.raw.opts["autoDownsample"] and cost.raw.opts["clipToView"]
    x = np.arange(1.0, 4097.0)
    cost.raw.setData(x, np.sin(x))
    shown = cost.raw._getDisplayDataset()
    width = cost.plot.getPlotItem().getViewBox().width()
    assert len(shown.x) <= 2 * width * SAMPLES_PER_PIXEL + 4 < 4096


def test_while_training_the_plots_draw_one_per_pass_of_the_event_loop(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.controller.recorder is not None)  # the preview drew
    snap = Snapshot(state="running")
    cost, error = main_window.plots["cost"], main_window.plots["error"]
    drawn = []
    for plot in (cost, error):
        plot.draw = lambda s, plot=plot: drawn.append(plot.key)
        plot.show_snapshot(snap)
    assert drawn == []  # queued, not drawn inside the caller
    qtbot.waitUntil(lambda: drawn == ["cost", "error"], timeout=2_000)
    snap.state = "finished"
    cost.show_snapshot(snap)  # a run that ended draws at once
    assert drawn == ["cost", "error", "cost"]


def test_the_boundary_s_points_are_not_painted_again_while_the_map_under_them_changes(
        qtbot, main_window, monkeypatch):

    from visualnet.app.plots.boundary import BoundaryPlot

    snap = train_to_the_end(qtbot, main_window)
    painted = []
    paint = pg.ScatterPlotItem.paint

    def counting(item, *args):
        painted.append(item)
        return paint(item, *args)

    monkeypatch.setattr(pg.ScatterPlotItem, "paint", counting)  # before the items exist
    boundary = BoundaryPlot()
    qtbot.addWidget(boundary)
    boundary.resize(500, 400)
    boundary.show()
    qtbot.waitExposed(boundary)
    boundary.set_data(main_window.session.data)
    boundary.draw(snap)
    qtbot.waitUntil(lambda: boundary.train_points in painted and boundary.dev_points in painted)
    for _ in range(20):  # laid out for good: a spell with no painting of the points
        painted.clear()
        qtbot.wait(150)
        if not painted:
            break
    for shift in (0.1, 0.2, 0.3):  # the map of ŷ changes as the network learns
        changed = np.clip(snap.boundary + shift, 0, 1)
        boundary.draw(dataclasses.replace(snap, boundary=changed))
        np.testing.assert_array_equal(boundary.image.image, changed)
        qtbot.wait(30)  # the map is painted anew
    assert len(boundary.train_points.data) > 0 and painted == []


def first_frame_on_a_fake_clock(controller, monkeypatch) -> tuple[dict, list]:
    """The controller's clocks made ``clock`` (wall, GUI thread CPU, in seconds), its frames
    recorded (their wall times in ``frames``) rather than drawn; the first frame drawn."""
    clock = {"wall": 100.0, "cpu": 5.0}
    monkeypatch.setattr(run_controller.time, "monotonic", lambda: clock["wall"])
    monkeypatch.setattr(run_controller.time, "thread_time", lambda: clock["cpu"])
    frames = []
    monkeypatch.setattr(controller, "_poll", lambda: frames.append(clock["wall"]))
    controller._frame = None
    controller._tick()
    return clock, frames


def test_a_costly_frame_delays_the_next_so_frames_keep_to_their_share(main_window,
                                                                     monkeypatch):
    controller = main_window.controller
    clock, frames = first_frame_on_a_fake_clock(controller, monkeypatch)
    clock["cpu"] += 0.010  # the frame cost the GUI thread 10 ms
    wait = 0.010 / run_controller.GUI_SHARE
    clock["wall"] += wait - 0.005
    controller._tick()
    assert len(frames) == 1  # 10 ms of drawing within GUI_SHARE needs 10 ms / GUI_SHARE
    # no polling meanwhile: the timer is set for when the frame is due, 5 ms from now
    assert controller._timer.isActive() and controller._timer.interval() == 5
    clock["wall"] += 0.006
    controller._tick()
    assert len(frames) == 2
    clock["cpu"] += 0.001  # cheap frames keep the timer's pace
    clock["wall"] += run_controller.FRAME_MS / 1000
    controller._tick()
    assert len(frames) == 3
    clock["cpu"] += 5.0  # however costly, the views refresh once a second
    clock["wall"] += run_controller.MAX_FRAME_MS / 1000
    controller._tick()
    assert len(frames) == 4


def test_the_ticks_that_wait_for_a_frame_do_not_count_as_its_cost(main_window, monkeypatch):
    controller = main_window.controller
    clock, frames = first_frame_on_a_fake_clock(controller, monkeypatch)
    clock["cpu"] += 0.010  # the frame cost the GUI thread 10 ms
    clock["wall"] += run_controller.FRAME_MS / 1000
    ticks = 0
    while len(frames) == 1 and ticks < 50:
        clock["cpu"] += 0.0002  # a tick costs the GUI thread 0.2 ms (the interpreter lock)
        controller._tick()
        ticks += 1
        clock["wall"] += controller._timer.interval() / 1000  # the timer fires when set
    # read FRAME_MS after the frame and when that reading said it was due; then drawn
    assert ticks == run_controller.FRAME_READINGS + 1
    second_reading = (0.010 + 2 * 0.0002) / run_controller.GUI_SHARE
    assert frames[1] - 100.0 == pytest.approx(second_reading, abs=0.002)


def test_the_run_waits_while_the_views_draw_its_frame_and_goes_on_once_drawn(
        qtbot, main_window, monkeypatch):
    monkeypatch.setattr(control_module, "SUSPEND_LIMIT", 30.0)  # only the views lift it
    main_window.session.experiment.training.epochs = 100_000
    controller = main_window.controller
    controller.train()
    qtbot.waitUntil(lambda: controller.recorder.snapshot().state == "running"
                    and controller.trainer.iteration > 0, timeout=10_000)
    controller._last_version = -1  # a new frame is due now
    controller._poll()  # the views queue their drawing; none has drawn yet
    assert controller.control.suspended and plots_drawing()
    time.sleep(0.05)  # the mini-batch under way ends, then the loop waits
    held = controller.trainer.iteration
    time.sleep(0.2)  # the event loop does not run: the frame is not drawn
    assert controller.trainer.iteration == held
    qtbot.waitUntil(lambda: not controller.control.suspended, timeout=5_000)
    assert not plots_drawing()
    qtbot.waitUntil(lambda: controller.trainer.iteration > held, timeout=5_000)


def test_a_run_starts_once_the_window_has_drawn_the_network_it_starts_from(
        qtbot, main_window):
    controller = main_window.controller
    shown = []
    controller.snapshot.connect(shown.append)
    controller.train()
    assert controller.state == "running"  # the buttons and forms say so at once
    epochs = main_window.session.experiment.training.epochs
    assert main_window.run_bar.progress.text() == f"Epoch 1/{epochs} · iteration 0"
    first = shown[-1]
    assert first.iteration == 0 and first.heavy_version > 0
    time.sleep(0.1)  # the event loop does not run: the window has not drawn it yet
    assert controller.trainer.iteration == 0
    qtbot.waitUntil(lambda: not plots_drawing(), timeout=5_000)
    np.testing.assert_array_equal(main_window.plots["boundary"].image.image, first.boundary)
    assert not main_window.plots["cost"].hint.isVisible()  # no "Press Train" while it starts
    qtbot.waitUntil(lambda: controller.trainer.iteration > 0, timeout=5_000)


def test_a_run_stopped_or_shut_down_before_it_started_ends_at_once(qtbot, main_window):
    controller = main_window.controller
    controller.train()
    controller.stop()
    qtbot.waitUntil(lambda: controller.state == "stopped", timeout=5_000)
    assert controller.trainer.iteration == 0
    controller.train()
    controller.shutdown()  # as closing the window does
    qtbot.waitUntil(lambda: controller.state == "stopped", timeout=5_000)
    assert controller.trainer.iteration == 0


# --- export ---------------------------------------------------------------------------------


def test_a_plot_exports_as_png_and_svg(qtbot, main_window, tmp_path):
    train_to_the_end(qtbot, main_window)
    for key in ("cost", "boundary", "velocity"):
        png, svg = tmp_path / f"{key}.png", tmp_path / f"{key}.svg"
        export_plot(main_window.plots[key], png)
        export_plot(main_window.plots[key], svg)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        image = QImage(str(png))
        assert image.width() > 100 and image.height() > 100
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg") and len(list(root.iter())) > 20


def test_exporting_refuses_other_suffixes_and_empty_plots(main_window, tmp_path):
    with pytest.raises(ValueError, match=r"plot\.pdf: a plot is exported as \.png or \.svg"):
        export_plot(main_window.plots["cost"], tmp_path / "plot.pdf")
    with pytest.raises(ValueError, match="Confusion matrix plot has nothing to export"):
        export_plot(main_window.plots["confusion"], tmp_path / "c.png")
    with pytest.raises(ValueError, match="no epoch has finished yet"):
        export_metrics([], tmp_path / "m.csv")


def save_as(monkeypatch, path):
    asked = []

    def dialog(parent, caption, directory, filter_):
        asked.append((caption, directory, filter_))
        return str(path), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_the_export_menu_writes_the_clicked_plot_and_the_metrics(qtbot, main_window, tmp_path,
                                                                 monkeypatch):
    menu = PlotExportMenu(main_window.plots, main_window.docks, main_window.controller,
                          main_window)
    snap = train_to_the_end(qtbot, main_window)
    viewport = main_window.plots["error"].plot.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert menu.current == "error"
    assert menu.png_action.text() == "“Error” as &PNG…"
    asked = save_as(monkeypatch, tmp_path / "error")
    menu.png_action.trigger()
    assert asked[-1][0] == "Export “Error” as PNG"
    assert QImage(str(tmp_path / "error.png")).width() > 100  # the suffix was added

    save_as(monkeypatch, tmp_path / "metrics.csv")
    menu.csv_action.trigger()
    rows = list(csv.reader((tmp_path / "metrics.csv").open()))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(snap.epoch_x) == 4
    assert float(rows[-1][COLUMNS.index("dev_error")]) == pytest.approx(snap.epoch_error[-1, 1])


def test_raising_a_tab_makes_its_plot_the_one_exported(qtbot, main_window):
    menu = PlotExportMenu(main_window.plots, main_window.docks, main_window.controller,
                          main_window)
    raise_plot(qtbot, main_window, "gradnorms")
    assert menu.current == "gradnorms"
    assert "Gradient norms" in menu.svg_action.text()


def test_export_errors_are_dialogs_naming_the_file(qtbot, main_window, tmp_path, monkeypatch,
                                                   no_modal_dialogs):
    menu = PlotExportMenu(main_window.plots, main_window.docks, main_window.controller,
                          main_window)
    menu.csv_action.trigger()
    assert no_modal_dialogs[-1][0] == "warning"
    assert "train the network" in no_modal_dialogs[-1][2]
    train_to_the_end(qtbot, main_window)
    blocked = tmp_path / "file"
    blocked.write_text("")
    target = blocked / "cost.png"  # a file cannot hold a folder
    menu.set_current("cost")
    save_as(monkeypatch, target)
    assert menu.export_current("png") is None
    kind, _title, text = no_modal_dialogs[-1]
    assert kind == "warning" and str(target) in text


def test_empty_plots_say_what_will_appear_until_training_starts(qtbot, main_window):
    cost = main_window.plots["cost"]
    qtbot.waitUntil(lambda: cost.hint.isVisible())
    assert cost.hint.text().startswith("Press Train (Space)")
    box = cost.plot.getPlotItem().getViewBox()  # over the data area, centred, axes left clear
    area = cost.plot.mapFromScene(box.sceneBoundingRect()).boundingRect()
    assert area.contains(cost.hint.geometry())
    assert abs(cost.hint.geometry().center().x() - area.center().x()) <= 1
    train_to_the_end(qtbot, main_window)
    assert not cost.hint.isVisible() and not main_window.plots["error"].hint.isVisible()
    main_window.controller.reset_weights()  # a fresh network: nothing trained to show
    qtbot.waitUntil(lambda: cost.hint.isVisible())


def test_velocity_plot_draws_a_window_back_from_t_and_only_the_points_in_view(qtbot,
                                                                             main_window):
    import dataclasses

    from visualnet.core.training.recorder import ProbeTrace

    velocity = main_window.plots["velocity"]
    raise_plot(qtbot, main_window, "velocity")
    snap = train_to_the_end(qtbot, main_window)
    k, n = velocity.selector.currentIndex(), 1000
    columns = snap.probe_recent.gradient.shape[1]
    x = np.arange(1.0, n + 1)
    values = np.sin(x)[:, None] * np.ones(columns)
    recent = ProbeTrace(x, values, values / 2, values / 3, np.abs(values))
    snap = dataclasses.replace(snap, probe_recent=recent, iteration=n, state="running")
    velocity.draw(snap)
    assert velocity.latest.text() == "t = 1,000"
    assert velocity.axis.labelText == "iterations before the latest, t"
    assert velocity.axis.tickStrings([-200, -50, 0], 1, 50) == ["t−200", "t−50", "t"]
    view = velocity.plot.getPlotItem().getViewBox()
    left, right = view.viewRange()[0]
    assert -210 < left < -200 and 0 <= right < 5
    drawn = velocity.gradient.xData  # the window and the point before it, as offsets from t
    assert drawn[0] < left <= drawn[1] and drawn[-1] == 0
    np.testing.assert_array_equal(drawn, x[-len(drawn):] - n)
    np.testing.assert_array_equal(curve_y(velocity.gradient), values[-len(drawn):, k])
    view.translateBy(x=-300)  # what a mouse drag does
    view.sigRangeChangedManually.emit(view.mouseEnabled())
    velocity.draw(snap)
    np.testing.assert_array_equal(velocity.gradient.xData, x - n)  # the earlier points too
    velocity.draw(dataclasses.replace(snap, state="finished"))
    assert velocity.axis.labelText == "iterations before the latest, t = 1,000"  # for exports
    velocity.window.setCurrentIndex(velocity.window.findText("the whole run"))
    assert velocity.axis.labelText == "iteration t" and not velocity.axis.relative
    assert velocity.axis.tickStrings([500.0, 1000.0], 1, 500) == ["500", "1000"]


def test_an_empty_velocity_plot_shows_its_window_back_from_t(qtbot, main_window):
    velocity = main_window.plots["velocity"]
    view = velocity.plot.getPlotItem().getViewBox()
    assert velocity.range.window == 200
    assert view.viewRange()[0] == [-200, 0]  # not 0 … 1, whose ticks read "t+0, t+0, t+1"
    velocity.window.setCurrentIndex(velocity.window.findText("last 2,000 iterations"))
    assert view.viewRange()[0] == [-2000, 0]


def test_the_velocity_windows_left_end_keeps_its_label_on_a_narrow_plot(qtbot, main_window):
    """At 1280×800 the label under the window's first tick ("t−200") went missing: pyqtgraph
    hides a tick label reaching past the axis, and the left end's half of it did."""
    from PySide6.QtGui import QPainter

    from visualnet.core.training.recorder import ProbeTrace

    velocity = main_window.plots["velocity"]
    raise_plot(qtbot, main_window, "velocity")
    snap = train_to_the_end(qtbot, main_window)
    x = np.arange(1.0, 1001)
    values = np.sin(x)[:, None] * np.ones(snap.probe_recent.gradient.shape[1])
    recent = ProbeTrace(x, values, values / 2, values / 3, np.abs(values))
    velocity.draw(dataclasses.replace(snap, probe_recent=recent, iteration=1000, state="running"))
    item = velocity.plot.getPlotItem()
    item.setFixedWidth(420)  # about the velocity plot's width in a cramped window
    qtbot.waitUntil(lambda: velocity.axis.geometry().width() < 400)
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        shown = [text for _rect, _flags, text in velocity.axis.generateDrawSpecs(painter)[2]]
    finally:
        painter.end()
    assert "t−200" in shown and "t" in shown, shown


def test_velocity_plot_draws_recent_iterations_raw_and_the_whole_run_thinned(qtbot,
                                                                            main_window):
    import dataclasses

    velocity = main_window.plots["velocity"]
    raise_plot(qtbot, main_window, "velocity")
    snap = train_to_the_end(qtbot, main_window)
    k = velocity.selector.currentIndex()
    # make the thinned whole-run series tell itself apart from the raw recent one
    snap = dataclasses.replace(snap, probe=dataclasses.replace(
        snap.probe, gradient=snap.probe.gradient + 100.0))
    velocity.show_snapshot(snap)
    assert velocity.window.currentText() == "last 200 iterations"
    np.testing.assert_array_equal(curve_y(velocity.gradient), snap.probe_recent.gradient[:, k])
    velocity.window.setCurrentIndex(velocity.window.findText("the whole run"))
    np.testing.assert_array_equal(curve_y(velocity.gradient), snap.probe.gradient[:, k])


def test_the_left_axis_keeps_the_room_of_its_widest_labels(qtbot):
    """Shorter tick labels do not narrow the axis (and resize the plot) only for the next range
    step to widen it again."""
    widget = make_plot("Cost J", "iteration", "J")
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    axis = widget.getPlotItem().getAxis("left")
    widget.setYRange(0, 1, padding=0)
    qtbot.waitUntil(lambda: axis.textWidth > 0)
    narrow = axis.width()
    widget.setYRange(-0.000125, 0.000125, padding=0)  # labels like -0.0001
    qtbot.waitUntil(lambda: axis.width() > narrow)
    wide = axis.width()
    widget.setYRange(0, 1, padding=0)
    qtbot.wait(100)  # painted with the short labels again
    assert axis.width() == wide


@pytest.mark.parametrize("planned, marked", [(20, True), (5000, False)])
def test_a_long_run_draws_its_epochs_as_lines_from_the_start(qtbot, main_window, planned, marked):
    """Dots for a run of few epochs, a line for a long one, from its first epochs on: the
    look never switches in mid-run."""
    snap = train_to_the_end(qtbot, main_window)
    cost, error = main_window.plots["cost"], main_window.plots["error"]
    for plot in (cost, error):
        plot.clear()
    first_epochs = dataclasses.replace(
        snap, state="running", epochs=planned, epoch_x=snap.epoch_x[:2],
        epoch_iteration=snap.epoch_iteration[:2], epoch_cost=snap.epoch_cost[:2],
        epoch_error=snap.epoch_error[:2])
    for plot in (cost, error):
        plot.draw(first_epochs)
    for curve in (cost.train, cost.dev, error.train, error.dev):
        assert (curve.opts["symbol"] == "o") == marked
    assert (cost.train.opts["pen"] is None) == marked  # the cost's dots stand alone
