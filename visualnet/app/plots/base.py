"""The common shape of a live plot: created once, then fed snapshots at ≈30 Hz.

A live plot creates its pyqtgraph items once and updates them with ``setData``/``setImage``
in ``show_snapshot``; it never clears and re-plots. ``key`` names it in saved layouts and in
teaching mode's list of hidden plots.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualnet.core.data.prepared import PreparedData
from visualnet.core.training.recorder import Snapshot

PALETTE = {
    "train": "#1f77b4",
    "dev": "#ff7f0e",
    "test": "#2ca02c",
    "raw": "#9aa5b1",
    "smooth": "#1f3b73",
    "grid": 0.25,
}
"""Colours shared by every plot: train blue, dev orange, test green."""


class LivePlot(QWidget):
    """Base class. Subclasses set ``key``, ``title``, ``tooltip`` and draw in show_snapshot."""

    key = "plot"
    title = "Plot"
    tooltip = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(self.key)
        self.setToolTip(self.tooltip)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(2)

    def set_data(self, data: PreparedData | None) -> None:
        """The data changed (new experiment, new split): adapt axes, legends, points."""

    def show_snapshot(self, snap: Snapshot) -> None:
        """Draw the latest snapshot by updating existing items in place."""

    def clear(self) -> None:
        """Forget the previous run's curves (a new run starts)."""

    def export_item(self):
        """The pyqtgraph item or scene that File ▸ Export plot writes as PNG/SVG."""
        return None


def make_plot(title: str, x_label: str, y_label: str, log_y: bool = False) -> pg.PlotWidget:
    """A PlotWidget in the house style: light grid, labelled axes, a legend."""
    widget = pg.PlotWidget()
    item = widget.getPlotItem()
    item.setTitle(title, size="10pt")
    item.setLabel("bottom", x_label)
    item.setLabel("left", y_label)
    item.showGrid(x=True, y=True, alpha=PALETTE["grid"])
    item.setLogMode(y=log_y)
    item.addLegend(offset=(-10, 10), labelTextSize="9pt")
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    return widget
