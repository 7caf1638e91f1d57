"""Which live plots the Training tab has, and where each one docks by default.

Default layout: cost and error stacked on the left of the top row, the decision boundary big
on its right, and the other plots as tabs along the bottom.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from visualnet.app.diagram import NetworkDiagram
from visualnet.app.plots.boundary import BoundaryPlot
from visualnet.app.plots.confusion import ConfusionPlot
from visualnet.app.plots.cost import CostPlot
from visualnet.app.plots.dropout import DropoutPlot
from visualnet.app.plots.error import ErrorPlot
from visualnet.app.plots.gradnorms import GradNormsPlot
from visualnet.app.plots.histograms import HistogramsPlot
from visualnet.app.plots.lr import LearningRatePlot
from visualnet.app.plots.velocity import VelocityPlot

PLOTS = [NetworkDiagram, BoundaryPlot, CostPlot, ErrorPlot, GradNormsPlot, HistogramsPlot,
         LearningRatePlot, ConfusionPlot, DropoutPlot, VelocityPlot]
"""Plot classes in the order their docks are created. Of docks sharing tabs, the one made
last is in front: the decision boundary over the diagram, the velocity plot at the bottom."""

_LEFT, _RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
_BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea

LAYOUT: dict[str, tuple[Qt.DockWidgetArea, str | None]] = {
    "diagram": (_RIGHT, None),
    "boundary": (_RIGHT, "diagram"),
    "cost": (_LEFT, None),
    "error": (_LEFT, None),
    "gradnorms": (_BOTTOM, None),
    "histograms": (_BOTTOM, "gradnorms"),
    "lr": (_BOTTOM, "histograms"),
    "confusion": (_BOTTOM, "lr"),
    "dropout": (_BOTTOM, "confusion"),
    "velocity": (_BOTTOM, "dropout"),
}
"""key → (dock area, key of the dock to share a tab with, or None)."""


def default_area(key: str) -> tuple[Qt.DockWidgetArea, str | None]:
    return LAYOUT.get(key, (_BOTTOM, None))

