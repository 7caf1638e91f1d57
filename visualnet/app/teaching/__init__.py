"""Teaching mode: a teacher hides chosen panels, plots and run buttons; the experiment file
keeps the choice.

``install(window)`` adds View ▸ Teaching mode… and the status-bar note, and applies the open
experiment's ``view.hidden`` now and whenever another experiment is opened.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from visualnet.app.teaching.dialog import TeachingDialog
from visualnet.app.teaching.mode import ACTION_PREFIX, ACTIONS, Item, TeachingMode

__all__ = ["ACTIONS", "ACTION_PREFIX", "Item", "TeachingDialog", "TeachingMode", "edit",
           "install"]


def install(window) -> TeachingMode:
    """Wire teaching mode into ``window`` (a MainWindow); a second call returns the first."""
    existing = getattr(window, "teaching", None)
    if existing is not None:
        return existing
    mode = TeachingMode(window)
    window.view_menu.addSeparator()
    action = QAction("&Teaching mode…", window)
    action.setToolTip("Choose the panels, plots and run buttons students see; saved in the "
                      "experiment file")
    action.triggered.connect(lambda _checked=False: edit(window))
    window.view_menu.addAction(action)
    window.teaching = mode
    window.teaching_action = action
    # After the window has restored its saved layout, which may show what the file hides.
    QTimer.singleShot(0, mode.sync)
    mode.sync()
    return mode


def edit(window) -> TeachingDialog:
    """Open the teaching-mode dialog (window-modal, not blocking); OK applies it."""
    mode = window.teaching
    dialog = TeachingDialog(mode.items(), mode.hidden, window)
    dialog.accepted.connect(lambda: mode.set_hidden(dialog.hidden()))
    dialog.finished.connect(dialog.deleteLater)
    mode.dialog = dialog
    dialog.open()
    return dialog
