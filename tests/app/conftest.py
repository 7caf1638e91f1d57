"""The main-window fixture: the real window over a tiny experiment, settings in a temp dir."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

from visualnet.core.experiment import Experiment

TINY = {
    "name": "tiny",
    "data": {"source": "moons", "n": 120, "noise": 0.2, "seed": 0},
    "network": {"layers": [
        {"type": "dense", "units": 6}, {"type": "relu"},
        {"type": "dropout", "keep_prob": 0.8},
        {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
    "training": {"epochs": 3, "mini_batch_size": 16,
                 "optimizer": {"name": "adam", "lr": 0.01}},
}


@pytest.fixture
def tiny_experiment() -> Experiment:
    return Experiment.model_validate(TINY)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def earlier_tests_widgets_deleted(qapp):
    """Delete the widgets that earlier tests closed (pytest-qt deletes them later) before this
    test starts. Deleted while this test trains, a main window's thousands of plot items each
    waited for the interpreter lock held by the training thread: ~16 s in the first wait."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal dialog would block the test run: answer them, and record what was asked."""
    from PySide6.QtWidgets import QMessageBox

    asked = []

    def answer(kind, result):
        def dialog(parent, title, text, *args, **kwargs):
            asked.append((kind, title, text))
            return result

        return dialog

    monkeypatch.setattr(QMessageBox, "question",
                        answer("question", QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(QMessageBox, "warning", answer("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical",
                        answer("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "about", answer("about", None))
    return asked


@pytest.fixture
def main_window(qtbot, qapp, tiny_experiment, settings):
    """The main window showing the tiny experiment; training is stopped on teardown."""
    from visualnet.app.main import configure
    from visualnet.app.session import Session
    from visualnet.app.window import MainWindow

    configure(qapp)
    window = MainWindow(Session(tiny_experiment), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.controller.shutdown()
    window.session.dirty = False

