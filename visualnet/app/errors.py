"""The last line of defence: an error nobody handled becomes a dialog, not a traceback.

Expected problems (a bad file, an out-of-range value) are reported where they happen. This hook
catches the rest — a bug — so the student sees what went wrong in one sentence and can carry on;
the full traceback still goes to stderr for the bug report.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QApplication, QMessageBox


def install_excepthook() -> None:
    """Route uncaught exceptions in the GUI thread to ``show_unexpected``."""
    sys.excepthook = _hook


_showing = False
"""True while the dialog is open: errors meanwhile (a view failing on every repaint) only go to
stderr, so one bug never stacks up dialogs."""


def show_unexpected(error: BaseException) -> None:
    """A dialog naming the error, saying that the work is still there."""
    global _showing
    if _showing:
        return
    _showing = True
    try:
        _dialog(error)
    finally:
        _showing = False


def _dialog(error: BaseException) -> None:
    parent = QApplication.activeWindow()
    QMessageBox.critical(
        parent,
        "Something went wrong",
        f"VisualNet hit an unexpected error and skipped what it was doing:\n\n"
        f"{type(error).__name__}: {error}\n\n"
        "Your experiment is still open; save it if you have unsaved changes. The details "
        "were printed to the terminal, for a bug report.",
    )


def _hook(kind, error, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    traceback.print_exception(kind, error, tb, file=sys.stderr)
    if QApplication.instance() is not None:
        show_unexpected(error)
