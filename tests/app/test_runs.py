"""Runs compared: finished runs listed, ticked runs overlaid, settings loaded back, CSV."""

import csv

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from visualnet.app import runs
from visualnet.app.runs.model import MAX_RUNS, RunTableModel
from visualnet.app.training.runs import RunRecord
from visualnet.core.training.events import EpochEvent


@pytest.fixture
def panel(main_window):
    return runs.install(main_window)


def train(qtbot, window, optimizer: str):
    window.session.experiment.training.optimizer.name = optimizer
    window.session.edited("training")
    with qtbot.waitSignal(window.controller.runFinished, timeout=30_000) as finished:
        window.controller.train()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    return finished.args[0]


def test_install_adds_one_runs_dock(main_window, panel):
    assert runs.install(main_window) is panel
    dock = main_window.docks["runs"]
    assert dock.objectName() == "dock_runs" and dock.windowTitle() == "Runs"
    assert dock.widget() is panel
    assert dock.toggleViewAction() in main_window.view_menu.actions()


def test_two_optimizers_compared_then_settings_loaded_and_exported(
        qtbot, main_window, panel, tmp_path, monkeypatch):
    gd = train(qtbot, main_window, "gd")
    adam = train(qtbot, main_window, "adam")
    model = panel.model
    assert model.rowCount() == 2
    assert model.data(model.index(0, 0)).startswith("#1 ")
    assert "Adam" in model.data(model.index(1, 0))
    assert model.data(model.index(0, 4)) == "3/3"
    assert model.data(model.index(1, 1)) == "finished"
    assert model.data(model.index(0, 3)) == f"{gd.final.dev_error:.1%}"

    for row in (0, 1):
        model.set_ticked(row, False)
    assert panel.compare.cost_curves == {}
    for row in (0, 1):
        model.set_ticked(row, True)
    curves = panel.compare.cost_curves
    assert sorted(curves) == [gd.run_id, adam.run_id]
    for run in (gd, adam):
        x, y = curves[run.run_id].getData()
        np.testing.assert_array_equal(x, run.cost_x)
        np.testing.assert_array_equal(y, run.cost_smooth)
        _, dev = panel.compare.error_curves[run.run_id].getData()
        np.testing.assert_array_equal(dev, [e.dev_error for e in run.history])
    colours = {curves[r.run_id].opts["pen"].color().name() for r in (gd, adam)}
    assert colours == {model.colour(gd), model.colour(adam)} and len(colours) == 2

    panel.table.selectRow(0)
    assert panel.load_button.isEnabled()
    qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
    assert main_window.session.experiment.training.optimizer.name == "gd"
    assert main_window.session.dirty
    assert main_window.form.editors["training.optimizer.name"].value() == "gd"

    target = tmp_path / "compare.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), "CSV file (*.csv)"))
    assert panel.export_csv() == target
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["run"] for r in rows] == [gd.label] * 3 + [adam.label] * 3
    assert [float(r["dev_error"]) for r in rows[3:]] == [e.dev_error for e in adam.history]


def test_remove_and_clear(qtbot, main_window, panel):
    train(qtbot, main_window, "gd")
    train(qtbot, main_window, "momentum")
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [r.label.split()[1] for r in panel.model.runs] == ["Momentum"]
    assert list(panel.compare.cost_curves) == [panel.model.runs[0].run_id]
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0 and panel.compare.cost_curves == {}
    assert not panel.export_button.isEnabled()


def test_the_list_keeps_the_last_runs_and_says_which_were_dropped(qapp):
    model = RunTableModel()
    experiment = {"training": {"epochs": 1}}
    event = EpochEvent(0, 1, 0.7, 0.5, 0.7, 0.5, np.nan, np.nan, 0.01, 0.1)
    dropped = []
    for k in range(1, MAX_RUNS + 3):
        dropped += model.add(RunRecord(k, f"#{k}", experiment, "finished", "", [event]))
    assert model.rowCount() == MAX_RUNS
    assert [r.run_id for r in dropped] == [1, 2]
    assert model.runs[0].run_id == 3
    assert len({model.colour(r) for r in model.runs[-10:]}) == 10


def test_a_lesson_run_is_named_after_its_experiment_only_as_shipped(qapp):
    from visualnet.core import lessons

    he = lessons.load("initialization", "initialization-he.vnet.json").to_dict()
    edited = lessons.load("initialization", "initialization-he.vnet.json")
    edited.training.optimizer.name = "momentum"
    model = RunTableModel()
    model.add(RunRecord(1, "#1 Adam α=0.01, batch 64", he, "finished", ""))
    model.add(RunRecord(2, "#2 Momentum α=0.01, batch 64", edited.to_dict(), "finished", ""))
    assert [model.label(run) for run in model.runs] == [
        "#1 He · Adam α=0.01, batch 64", "#2 Momentum α=0.01, batch 64"]


def test_a_run_reset_away_is_listed_as_stopped_and_leaves_the_fresh_network_shown(
        qtbot, main_window, panel):
    main_window.session.experiment.training.epochs = 100_000
    controller = main_window.controller
    controller.train()
    qtbot.waitUntil(lambda: controller.trainer.iteration > 20, timeout=10_000)
    trained = controller.trainer
    with qtbot.waitSignal(controller.runFinished, timeout=10_000) as finished:
        controller.reset_weights()
    record = finished.args[0]  # the run's own curve, not the fresh network's empty one
    assert record.status == "stopped" and record.cost_x[-1] == trained.iteration > 20
    assert controller.state == "idle" and controller.trainer.iteration == 0
    assert panel.model.rowCount() == 1
    assert panel.model.data(panel.model.index(0, 1)) == "stopped"
