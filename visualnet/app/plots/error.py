"""Train, dev (and test) error after each epoch, with the bias/variance verdict and its advice."""

from __future__ import annotations

import math
import time

import pyqtgraph as pg
from PySide6.QtCore import Qt

from visualnet.app.plots.base import PALETTE, LivePlot, add_line, make_plot, marks_epochs
from visualnet.app.plots.ranges import SteadyRange, finite_bounds
from visualnet.app.steady_label import SteadyLabel

VERDICT_TITLES = {
    "high bias": "High bias",
    "high variance": "High variance",
    "high bias and high variance": "High bias and high variance",
    "fine": "Low bias, low variance",
}

WAITING = ("<i>The bias/variance verdict appears after the first epoch.</i><br>"
           "Avoidable bias = train − human-level; variance = dev − train.")
"""Two lines, as a verdict and its advice take: the first verdict does not resize the plot."""

VERDICT_INTERVAL = 0.5
"""While training, the verdict is rewritten at most this often (seconds): faster, its numbers
only flicker, and each new text lays the dock out again."""


class ErrorPlot(LivePlot):
    key = "error"
    title = "Error"
    tooltip = (
        "Error of the whole train, dev and test sets after each epoch (fraction misclassified; "
        "MSE = (1/m)·Σ‖ŷ − y‖² for regression).\n"
        "Avoidable bias = train error − human-level error; variance = dev error − train error.\n"
        "A gap above 5 points is 'high': high bias → bigger network or train longer; "
        "high variance → more data or regularization."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.axis = PercentAxis("left")
        self.axis.enableAutoSIPrefix(False)
        self.plot = make_plot("Error", "epoch", "error", axis_items={"left": self.axis})
        item = self.plot.getPlotItem()
        self.train = self._curve(PALETTE["train"], "train")
        self.dev = self._curve(PALETTE["dev"], "dev")
        self.test = self._curve(PALETTE["test"], "test", style=Qt.PenStyle.DashLine, width=1)
        self.human = pg.InfiniteLine(
            angle=0, movable=False,
            pen=pg.mkPen(PALETTE["human"], width=1, style=Qt.PenStyle.DashLine),
            label="human level", labelOpts={"position": 0.12, "color": PALETTE["human"]})
        self.human.setVisible(False)
        item.addItem(self.human, ignoreBounds=True)
        self.range = SteadyRange(item, include_zero=True)
        # grow_only: a verdict of fewer lines than the last leaves the plot its height
        self.verdict = SteadyLabel(word_wrap=True, rich=True, grow_only=True)
        self.verdict.setObjectName("verdict")
        self.verdict.label.setContentsMargins(6, 2, 6, 2)
        self.verdict.setToolTip(
            "Avoidable bias = train error − human-level error; variance = dev error − train "
            "error. Above 5 points counts as high (the course's table).")
        self._layout.addWidget(self.plot, 1)
        self.add_hint(self.plot, "The train and dev error appear here after each epoch.")
        self._layout.addWidget(self.verdict)
        self._regression = False
        self._shown: tuple[int, bool] | None = None
        self._markers = True
        self._verdict_for = -1
        self._verdict_due = 0.0
        self.verdict.setText(WAITING)

    def set_data(self, data):
        self._regression = data is not None and data.task == "regression"
        self.axis.percent = not self._regression
        item = self.plot.getPlotItem()
        item.setTitle("Mean squared error" if self._regression else "Error (misclassified)",
                      size="10pt")
        item.setLabel("left", "MSE" if self._regression else "error")
        self.axis.setTicks(None)  # redraws its labels, now in % or not
        self.clear()

    def draw(self, snap):
        epochs, running = len(snap.epoch_x), snap.state == "running"
        if (epochs, running) != self._shown:  # the range fits the data once the run ends
            self._shown = (epochs, running)
            self._mark_epochs(marks_epochs(snap))
            errors = snap.epoch_error
            self.train.setData(snap.epoch_x, errors[:, 0])
            self.dev.setData(snap.epoch_x, errors[:, 1])
            self.test.setData(snap.epoch_x, errors[:, 2])
            if epochs:
                self.range.follow(snap.epoch_x[-1], finite_bounds(errors),
                                  x_limit=snap.epochs or None, running=running)
            human = snap.human_level_error
            self.human.setValue(human)
            self.human.setVisible(human > 0 and not self._regression)
        self._show_verdict(snap, epochs)

    def clear(self):
        super().clear()
        for curve in (self.train, self.dev, self.test):
            curve.setData([], [])
        self.range.reset()
        self._shown = None
        self._verdict_for = -1
        self._verdict_due = 0.0
        self.verdict.release()
        self.verdict.setText(WAITING)

    def export_item(self):
        return self.plot.getPlotItem()

    def _curve(self, colour, name, style=Qt.PenStyle.SolidLine, width=2):
        return add_line(self.plot.getPlotItem(), pen=pg.mkPen(colour, width=width, style=style),
                        symbol="o", symbolSize=5, symbolBrush=colour, symbolPen=None, name=name)

    def _mark_epochs(self, markers: bool) -> None:
        """A marker per epoch in a run of few epochs; a plain line in a run of many."""
        if markers != self._markers:
            self._markers = markers
            for curve in (self.train, self.dev, self.test):
                curve.setSymbol("o" if markers else None)

    def _show_verdict(self, snap, epochs: int) -> None:
        """The verdict of the last epoch; while training, at most every VERDICT_INTERVAL."""
        if epochs == self._verdict_for:
            return
        now = time.monotonic()
        if snap.state == "running" and now < self._verdict_due:
            return
        self._verdict_for, self._verdict_due = epochs, now + VERDICT_INTERVAL
        text = self._verdict_text(snap) if epochs else WAITING
        if text != self.verdict.text():
            self.verdict.setText(text)

    def _verdict_text(self, snap) -> str:
        train, dev = snap.epoch_error[-1, 0], snap.epoch_error[-1, 1]
        if self._regression:
            if math.isnan(dev):
                return f"Train MSE {train:.4g}. Give the dev split a share to compare."
            return (f"Train MSE {train:.4g} · dev MSE {dev:.4g}. The verdict table is for "
                    "error rates: compare the two MSEs with the noise of the targets.")
        d = snap.diagnosis
        if d is None:
            return ("<b>No verdict</b>: variance is dev error − train error, and this data has "
                    "no dev split. Give the dev split a share of the data.")
        return f"<b>{VERDICT_TITLES[d.verdict]}</b>: {d.gaps()}.<br><b>Next:</b> {d.advice}"


class PercentAxis(pg.AxisItem):
    """An axis that writes fractions as percentages (0.05 → 5%) while ``percent`` is set."""

    percent = True

    def tickStrings(self, values, scale, spacing):
        if not self.percent:
            return super().tickStrings(values, scale, spacing)
        decimals = 0 if spacing >= 0.01 else 1 if spacing >= 0.001 else 2
        return [f"{v:.{decimals}%}" for v in values]
