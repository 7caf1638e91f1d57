"""The comparison: the ticked runs' cost and error curves overlaid, one colour per run.

Each ticked run gets one curve in each plot, made when it is first ticked and removed when it
is unticked; switching between dev and train error only calls ``setData``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualnet.app.plots.base import MARKED_EPOCHS, make_selector, style_plot
from visualnet.app.plots.error import PercentAxis
from visualnet.app.training.runs import RunRecord
from visualnet.core.training.recorder import SMOOTHING_BETA

ERRORS = {"dev": "Dev error", "train": "Train error"}
"""The error the right-hand plot shows: key → its title."""

LEGEND_COLUMNS = 2
"""Run labels side by side under both plots, when the dock is wide enough for two."""

LEGEND_SAMPLE = 40
"""Pixels of a legend entry besides its text: the line sample and the spacing."""


class ComparisonPlots(QWidget):
    """Cost J (EWMA-smoothed) per iteration and error per epoch for the ticked runs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row, self.error_choice = make_selector(
            "Error:", "Which error the right-hand plot compares: dev (what the run "
                      "generalizes to) or train (how well it fits)")
        for key, title in ERRORS.items():
            self.error_choice.addItem(title.split()[0], key)
        self.error_choice.currentIndexChanged.connect(lambda _i: self._draw_errors())
        layout.addWidget(row)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setToolTip(
            "Left: each ticked run's cost J{t}, smoothed as v = β·v + (1 − β)·J with "
            f"β = {SMOOTHING_BETA} (bias-corrected), against the iteration t.\nRight: its "
            "error after each epoch. Colours as in the run list.")
        self.axis = PercentAxis("left")
        self.axis.enableAutoSIPrefix(False)
        self.cost = style_plot(self.view.addPlot(row=0, col=0), "Cost J (smoothed)",
                               "iteration", "J", legend=False)
        self.error = style_plot(self.view.addPlot(row=0, col=1, axisItems={"left": self.axis}),
                                ERRORS["dev"], "epoch", "error", legend=False)
        self.legend = pg.LegendItem(labelTextSize="9pt", frame=False, colCount=LEGEND_COLUMNS)
        self.view.ci.addItem(self.legend, row=1, col=0, colspan=2)
        for column in (0, 1):
            self.view.ci.layout.setColumnStretchFactor(column, 1)
        layout.addWidget(self.view, 1)
        self._runs: list[tuple[RunRecord, str, str]] = []
        self.cost_curves: dict[int, pg.PlotDataItem] = {}
        self.error_curves: dict[int, pg.PlotDataItem] = {}

    def show_runs(self, runs: list[tuple[RunRecord, str, str]], regression: bool = False
                  ) -> None:
        """Draw exactly these (run, colour, label) triples."""
        self._runs = runs
        keep = {run.run_id for run, _colour, _label in runs}
        for curves, item in ((self.cost_curves, self.cost), (self.error_curves, self.error)):
            for run_id in [k for k in curves if k not in keep]:
                curve = curves.pop(run_id)
                item.removeItem(curve)
                self.legend.removeItem(curve)
        for run, colour, label in runs:
            pen = pg.mkPen(colour, width=2)
            if run.run_id not in self.cost_curves:
                self.cost_curves[run.run_id] = self.cost.plot()
                self.error_curves[run.run_id] = self.error.plot()
                self.legend.addItem(self.cost_curves[run.run_id], label)
            self.cost_curves[run.run_id].setData(run.cost_x, run.cost_smooth)
            self.cost_curves[run.run_id].setPen(pen)
            error = self.error_curves[run.run_id]
            error.setPen(pen)
            few = len(run.history) <= MARKED_EPOCHS
            error.setSymbol("o" if few else None)
            error.setSymbolSize(5)
            error.setSymbolBrush(colour)
            error.setSymbolPen(None)
        self._reflow_legend()
        self.axis.percent = not regression
        self.error.setLabel("left", "MSE" if regression else "error")
        self.axis.picture = None
        self.axis.update()
        self._draw_errors()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._reflow_legend()

    def error_key(self) -> str:
        return self.error_choice.currentData()

    def _draw_errors(self) -> None:
        key = self.error_key()
        self.error.setTitle(ERRORS[key], size="10pt")
        for run, _colour, _label in self._runs:
            epochs = np.array([e.epoch + 1 for e in run.history], dtype=float)
            values = np.array([getattr(e, f"{key}_error") for e in run.history], dtype=float)
            shown = np.isfinite(values)  # no dev split: NaN, nothing to draw
            self.error_curves[run.run_id].setData(epochs[shown], values[shown])

    def _reflow_legend(self) -> None:
        """Two columns of labels when the two widest fit side by side, else one."""
        widths = sorted(label.boundingRect().width() + LEGEND_SAMPLE
                        for _sample, label in self.legend.items)
        columns = LEGEND_COLUMNS
        while columns > 1 and sum(widths[-columns:]) > self.view.width():
            columns -= 1
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
