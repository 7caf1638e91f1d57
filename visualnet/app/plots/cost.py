"""Cost per iteration J{t}, its EWMA-smoothed line, and the per-epoch train/dev cost."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from visualnet.app.plots.base import (
    MARKED_EPOCHS,
    PALETTE,
    LivePlot,
    add_line,
    make_plot,
    marks_epochs,
)
from visualnet.app.plots.ranges import SteadyRange, finite_bounds, last_iteration
from visualnet.core.training.recorder import SMOOTHING_BETA


class CostPlot(LivePlot):
    key = "cost"
    title = "Cost"
    tooltip = (
        "J{t} of each mini-batch (grey), its exponentially weighted average "
        f"v = {SMOOTHING_BETA}·v + {1 - SMOOTHING_BETA:.2f}·J (bias-corrected, dark), and the "
        "cost of the whole train and dev sets after each epoch (dots; a line for runs of "
        f"more than {MARKED_EPOCHS} epochs)."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = make_plot("Cost J", "iteration", "J")
        self._layout.addWidget(self.plot)
        self.add_hint(self.plot, "Press Train (Space): the cost J of each mini-batch is drawn "
                               "here as the network learns.")
        item = self.plot.getPlotItem()
        self.raw = add_line(item, pen=pg.mkPen(PALETTE["raw"], width=1),
                            name="mini-batch J<sup>{t}</sup>")
        self.smooth = add_line(item, pen=pg.mkPen(PALETTE["smooth"], width=2), name="EWMA")
        self.train = add_line(item, pen=None, symbol="o", symbolSize=6,
                              symbolBrush=PALETTE["train"], symbolPen=None, name="train")
        self.dev = add_line(item, pen=None, symbol="o", symbolSize=6, symbolBrush=PALETTE["dev"],
                            symbolPen=None, name="dev")
        self.range = SteadyRange(item, include_zero=True)  # J ≥ 0
        self._epochs = -1
        self._markers = True

    def draw(self, snap):
        self.raw.setData(snap.cost_x, snap.cost_y)
        self.smooth.setData(snap.cost_x, snap.cost_smooth)
        epochs = len(snap.epoch_x)
        if epochs != self._epochs:
            self._epochs = epochs
            self._mark_epochs(marks_epochs(snap))
            at = snap.epoch_iteration
            self.train.setData(at, snap.epoch_cost[:, 0])
            dev = snap.epoch_cost[:, 1]
            keep = np.isfinite(dev)
            self.dev.setData(at[keep], dev[keep])
        if len(snap.cost_x):
            self.range.follow(
                snap.cost_x[-1], finite_bounds(snap.cost_y, snap.cost_smooth,
                                               snap.epoch_cost[:, :2]),
                x_limit=last_iteration(snap), running=snap.state == "running")

    def clear(self):
        super().clear()
        for curve in (self.raw, self.smooth, self.train, self.dev):
            curve.setData([], [])
        self.range.reset()
        self._epochs = -1

    def export_item(self):
        return self.plot.getPlotItem()

    def _mark_epochs(self, markers: bool) -> None:
        """A dot per epoch in a run of few epochs; a line in a run of many."""
        if markers == self._markers:
            return
        self._markers = markers
        for curve, colour in ((self.train, PALETTE["train"]), (self.dev, PALETTE["dev"])):
            if markers:
                curve.setPen(None)
                curve.setSymbol("o")
            else:
                curve.setSymbol(None)
                curve.setPen(pg.mkPen(colour, width=2))
