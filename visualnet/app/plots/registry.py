"""Which live plots the Training tab has, and where each one docks by default."""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnet.app.plots.cost import CostPlot

PLOTS = [CostPlot]
"""Plot classes in the order their docks are created."""

LAYOUT: dict[str, tuple[Qt.DockWidgetArea, str | None]] = {
    "cost": (Qt.DockWidgetArea.RightDockWidgetArea, None),
}
"""key → (dock area, key of the dock to share a tab with, or None)."""


def default_area(key: str) -> tuple[Qt.DockWidgetArea, str | None]:
    return LAYOUT.get(key, (Qt.DockWidgetArea.BottomDockWidgetArea, None))
