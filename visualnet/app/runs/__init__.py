"""Runs compared: every finished run in a list; ticked runs' curves overlaid.

``install(window)`` adds the Runs dock (key "runs") as a tab along the bottom of the Training
tab, its toggle to View, "Ticked runs as CSV…" to File ▸ Export, and keeps every run the
controller finishes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from visualnet.app.docks import add_view_toggle, make_dock, tab_beside
from visualnet.app.runs.model import MAX_RUNS, RunTableModel
from visualnet.app.runs.panel import RunsPanel

KEY = "runs"

__all__ = ["KEY", "MAX_RUNS", "RunTableModel", "RunsPanel", "install"]


def install(window) -> RunsPanel:
    """Wire the run list into ``window`` (a MainWindow); a second call returns the first panel."""
    existing = getattr(window, "runs_panel", None)
    if existing is not None:
        return existing
    panel = RunsPanel(window.session, window.files.maybe_save)
    dock = make_dock(panel, "Runs", KEY, window.training_area)
    _dock_along_the_bottom(window, dock)
    window.docks[KEY] = dock
    add_view_toggle(window.view_menu, dock)
    export = QAction("Ticked &runs as CSV…", window)
    export.setToolTip("The ticked runs' cost and error after each epoch, one table")
    export.triggered.connect(lambda _checked=False: panel.export_csv())
    window.export_menu.addAction(export)
    window.controller.runFinished.connect(panel.add_run)
    window.runs_panel = panel
    return panel


def _dock_along_the_bottom(window, dock: QDockWidget) -> None:
    """A tab beside the plots along the bottom, leaving their front tab in front."""
    area = window.training_area
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    beside = [d for d in window.docks.values()
              if d.parent() is area and area.dockWidgetArea(d) == bottom]
    if not beside:
        area.addDockWidget(bottom, dock)
        return
    tab_beside(area, beside[-1], dock)
