"""The race's scoreboard: loss against step for every racer, and the core's ranked results.

The loss plot shows f − f* on a log scale when the surface's minimum is known (how many
decades a racer has descended; the dashed line is the arrival tolerance), and f itself on a
linear scale when it is not (a saddle has no minimum). Curves are made once per racer and fed
with ``setData``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from visualnet.app.plots.base import make_plot
from visualnet.app.race import icons, style
from visualnet.core.race import Race, ranked, results
from visualnet.core.race.geometry import gap
from visualnet.core.race.report import Result

COLUMNS = (
    ("#", "Rank: arrived first, then escaped, then by final loss; diverged last"),
    ("Racer", "The optimizer and its hyperparameters"),
    ("Steps", "Steps to the tolerance: the first step t with f − f* ≤ tol·(f(start) − f*)"),
    ("Final f", "f at the racer's last good step"),
    ("To min", "Distance ‖(x, y) − (x*, y*)‖ to the nearest known minimum"),
    ("Path", "Length of the path: Σₜ ‖position[t] − position[t − 1]‖"),
    ("Stopped", "Diverged: f or the position stopped being finite, or it left the limits "
                "uphill. Escaped: it left the limits downhill (a surface unbounded below)"),
)


class LossPlot:
    """f − f* (log) or f (linear) against step t, one curve per racer."""

    def __init__(self):
        self.widget = make_plot("Loss per step", "step t", "f − f*", log_y=True)
        self.item = self.widget.getPlotItem()
        self.item.setMenuEnabled(False)
        legend = getattr(self.item, "legend", None)
        if legend is not None:
            legend.setVisible(False)  # the racers' colours are named beside the surface
        self.curves: list[pg.PlotDataItem] = []
        self.tolerance = self.item.plot(pen=pg.mkPen(style.TOLERANCE, width=1,
                                                     style=Qt.PenStyle.DashLine))
        self.log = True

    def set_racers(self, colours: list[str], log: bool) -> None:
        while len(self.curves) < len(colours):
            self.curves.append(self.item.plot())
        for k, curve in enumerate(self.curves):
            curve.setVisible(k < len(colours))
            if k < len(colours):
                curve.setPen(pg.mkPen(colours[k], width=1))
        self.log = log
        self.item.setLogMode(y=log)
        self.item.setLabel("left", "f − f*" if log else "f")
        self.item.enableAutoRange()

    def draw(self, race: Race, upto: int) -> None:
        f_min = race.surface.min_value
        for i, curve in enumerate(self.curves[: len(race.entries)]):
            tr = race.trajectory(i)
            end = min(upto, tr.settled) + 1
            loss = tr.loss[:end]
            if self.log and f_min is not None:
                loss = gap(loss, f_min, tr.loss[0] - f_min)
            curve.setData(np.arange(end), loss)
        if self.log and race.threshold is not None and f_min is not None:
            level = race.threshold - f_min
            self.tolerance.setData([0, max(upto, 1)], [level, level])
            self.tolerance.show()
        else:
            self.tolerance.hide()


class ResultsTable(QTableWidget):
    """The core's results, best first; the rows are refilled in place."""

    def __init__(self, parent=None):
        super().__init__(0, len(COLUMNS), parent)
        for c, (name, tip) in enumerate(COLUMNS):
            item = QTableWidgetItem(name)
            item.setToolTip(tip)
            self.setHorizontalHeaderItem(c, item)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rows: list[Result] = []

    def show_results(self, race: Race, colours: list[str]) -> None:
        labels = [e.label for e in race.entries]
        self.rows = ranked(results(race))
        if self.rowCount() != len(self.rows):
            self.setRowCount(len(self.rows))
            for r in range(len(self.rows)):
                for c in range(len(COLUMNS)):
                    item = QTableWidgetItem()
                    if c != 1:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(r, c, item)
        for r, result in enumerate(self.rows):
            colour = colours[labels.index(result.label)]
            cells = _cells(r + 1, result)
            for c, text in enumerate(cells):
                self.item(r, c).setText(text)
            self.item(r, 1).setIcon(icons.dot(colour))


def _cells(rank: int, r: Result) -> list[str]:
    stopped = "–"
    if r.diverged:
        stopped = f"{'escaped' if r.escaped else 'diverged'} at {r.diverged_at}"
    return [
        str(rank),
        r.label,
        "–" if r.steps_to_tolerance is None else str(r.steps_to_tolerance),
        f"{r.final_loss:.4g}",
        "–" if r.distance_to_minimum is None else f"{r.distance_to_minimum:.3g}",
        f"{r.path_length:.4g}",
        stopped,
    ]
