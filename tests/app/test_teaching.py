"""Teaching mode: hidden panels, plots and run buttons, saved in the experiment file."""

import pytest
from PySide6.QtCore import Qt

from visualnet.app import lessons as lessons_app
from visualnet.app import runs, teaching
from visualnet.core.experiment import Experiment


def install_all(window):
    runs.install(window)
    lessons_app.install(window)
    return teaching.install(window)


@pytest.fixture
def mode(main_window):
    return install_all(main_window)


def open_dialog(qtbot, window):
    window.teaching_action.trigger()
    dialog = window.teaching.dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_lists_every_dock_and_run_button(qtbot, main_window, mode):
    dialog = open_dialog(qtbot, main_window)
    keys = set(dialog.boxes)
    assert set(main_window.docks) <= keys
    assert {"data", "network", "hyperparameters", "cost", "boundary", "runs", "lesson"} <= keys
    assert {f"action:{name}" for name in ("train", "pause", "step", "stop", "reset")} <= keys
    assert all(box.isChecked() for box in dialog.boxes.values())
    assert dialog.boxes["hyperparameters"].text() == "Hyperparameters"
    dialog.reject()
    assert teaching.install(main_window) is mode


def test_hidden_items_are_saved_and_reopened_hidden(qtbot, main_window, mode, tmp_path,
                                                    settings):
    window = main_window
    qtbot.waitUntil(window.docks["cost"].isVisible)
    dialog = open_dialog(qtbot, window)
    for key in ("hyperparameters", "cost", "action:step"):
        dialog.boxes[key].setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert window.session.experiment.view.hidden == ["hyperparameters", "cost", "action:step"]
    assert window.session.dirty
    assert not window.docks["cost"].isVisible()
    assert not window.docks["hyperparameters"].isVisible()
    assert not window.docks["cost"].toggleViewAction().isVisible()
    assert not window.run_bar.step_action.isVisible()
    assert window.run_bar.train_action.isVisible()
    assert mode.note.text() == "Teaching mode: 3 items hidden — View ▸ Teaching mode to change"
    assert mode.note.isVisible()

    window.docks["cost"].toggleViewAction().trigger()  # View ▸ Cost cannot bring it back
    window.reset_layout()
    qtbot.wait(50)
    assert not window.docks["cost"].isVisible()

    path = tmp_path / "class.vnet.json"
    window.session.save(path)
    assert Experiment.load(path).view.hidden == ["hyperparameters", "cost", "action:step"]

    from visualnet.app.session import Session
    from visualnet.app.window import MainWindow

    fresh = MainWindow(Session(), settings)
    qtbot.addWidget(fresh)
    install_all(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    assert fresh.docks["cost"].isVisible()
    assert fresh.files.open(path)
    qtbot.wait(50)
    assert not fresh.docks["cost"].isVisible()
    assert not fresh.docks["hyperparameters"].isVisible()
    assert not fresh.run_bar.step_action.isVisible()
    assert fresh.docks["error"].isVisible()
    assert fresh.teaching.note.isVisible()

    dialog = open_dialog(qtbot, fresh)
    assert not dialog.boxes["cost"].isChecked() and dialog.boxes["error"].isChecked()
    qtbot.mouseClick(dialog.show_all_button, Qt.MouseButton.LeftButton)
    assert fresh.session.experiment.view.hidden == []
    qtbot.waitUntil(fresh.docks["cost"].isVisible)
    assert fresh.docks["hyperparameters"].toggleViewAction().isVisible()
    assert fresh.run_bar.step_action.isVisible()
    assert not fresh.teaching.note.isVisible()
    fresh.controller.shutdown()
    fresh.session.dirty = False


def test_opening_another_experiment_shows_what_it_does_not_hide(qtbot, main_window, mode):
    mode.set_hidden(["error", "action:train"])
    assert not main_window.docks["error"].isVisible()
    main_window.session.dirty = False
    main_window.files.new()
    assert main_window.docks["error"].isVisible()
    assert main_window.run_bar.train_action.isVisible()
    assert not mode.note.isVisible()


def test_a_hidden_train_button_ignores_its_shortcut_and_hides_run_all(qtbot, main_window,
                                                                      mode):
    main_window.lessons.choose("initialization")
    panel = main_window.lessons.panel
    qtbot.waitUntil(panel.compare_button.isVisible)
    mode.set_hidden(["action:train"])
    qtbot.keyClick(main_window, Qt.Key.Key_Space)
    qtbot.wait(100)
    assert main_window.controller.state == "idle"
    assert not panel.train_button.isVisible() and not panel.compare_button.isVisible()
    mode.show_all()
    qtbot.waitUntil(panel.compare_button.isVisible)


def test_a_lesson_does_not_open_plots_teaching_mode_hides(qtbot, main_window, mode):
    main_window.lessons.choose("initialization")
    main_window.session.experiment.view.hidden = ["boundary"]
    mode.sync()
    main_window.lessons.choose("initialization", "initialization-he.vnet.json")
    assert main_window.session.experiment.view.hidden == []  # the shipped file hides nothing
    qtbot.waitUntil(main_window.docks["boundary"].isVisible)
