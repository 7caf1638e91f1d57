"""An error nobody handled reaches the user as a dialog, with the traceback on stderr."""

import sys

import pytest
from PySide6.QtCore import Qt, QTimer

from visualnet.app import errors


def test_an_unhandled_error_becomes_a_dialog_naming_it(qapp, monkeypatch, no_modal_dialogs,
                                                       capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    try:
        raise RuntimeError("the histogram had no bins")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    kind, title, text = no_modal_dialogs[-1]
    assert (kind, title) == ("critical", "Something went wrong")
    assert "RuntimeError: the histogram had no bins" in text
    assert "Your experiment is still open" in text
    assert "Traceback" in capsys.readouterr().err


def test_errors_while_the_dialog_is_open_do_not_stack_more_dialogs(qapp, monkeypatch,
                                                                   no_modal_dialogs, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    shown = []

    def dialog_during_which_a_repaint_fails(parent, title, text, *args):
        shown.append(text)
        try:
            raise ValueError("again")
        except ValueError as error:
            sys.excepthook(type(error), error, error.__traceback__)

    monkeypatch.setattr(errors.QMessageBox, "critical", dialog_during_which_a_repaint_fails)
    try:
        raise RuntimeError("first")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert len(shown) == 1 and "RuntimeError: first" in shown[0]
    assert "ValueError: again" in capsys.readouterr().err
    errors.show_unexpected(RuntimeError("later"))
    assert len(shown) == 2  # the guard lifts once the dialog closes


@pytest.mark.qt_no_exception_capture
def test_a_slot_that_raises_shows_the_dialog_and_the_app_keeps_running(qtbot, main_window,
                                                                      monkeypatch,
                                                                      no_modal_dialogs):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()

    def broken_slot():
        raise ZeroDivisionError("a view divided by zero")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(no_modal_dialogs) == 1)
    assert "ZeroDivisionError: a view divided by zero" in no_modal_dialogs[0][2]
    qtbot.keyClick(main_window, Qt.Key.Key_Space)  # the window still works: it trains
    qtbot.waitUntil(lambda: main_window.controller.state == "finished", timeout=20_000)
