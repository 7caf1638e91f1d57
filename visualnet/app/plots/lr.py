"""The learning rate α over iterations: what a decay schedule does to the step size."""

from __future__ import annotations

import math

import pyqtgraph as pg

from visualnet.app.plots.base import BOTTOM_SIZE, PALETTE, LivePlot, add_line, make_plot
from visualnet.app.plots.ranges import SteadyRange, finite_bounds, last_iteration


class LearningRatePlot(LivePlot):
    key = "lr"
    title = "Learning rate α"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "The learning rate α of each mini-batch update W = W − α·(step).\n"
        "Schedules lower α epoch by epoch, e.g. α = α₀/(1 + decay_rate·epoch) or "
        "α = 0.95^epoch·α₀, so that late steps stop wandering around the minimum.\n"
        "Changes made with the α control while training show up here too."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = make_plot("Learning rate α", "iteration", "α", legend=False)
        # filled down to α = 0, and the axis starts at 0: a constant α is not blown up
        item = self.plot.getPlotItem()
        self.curve = add_line(item, pen=pg.mkPen(PALETTE["smooth"], width=2), fillLevel=0,
                              brush=pg.mkBrush(PALETTE["train"] + "30"))
        self.range = SteadyRange(item, include_zero=True)
        self._layout.addWidget(self.plot)
        self.add_hint(self.plot, "The learning rate α of each iteration, once training starts.")
        self._lr = None

    def draw(self, snap):
        self.curve.setData(snap.lr_x, snap.lr_y)
        if len(snap.lr_x):
            self.range.follow(snap.lr_x[-1], finite_bounds(snap.lr_y),
                              x_limit=last_iteration(snap), running=snap.state == "running")
        if snap.lr != self._lr and not math.isnan(snap.lr):
            self._lr = snap.lr
            self.plot.getPlotItem().setTitle(f"Learning rate α (now {snap.lr:.3g})",
                                             size="10pt")

    def clear(self):
        super().clear()
        self.curve.setData([], [])
        self.range.reset()
        self._lr = None

    def export_item(self):
        return self.plot.getPlotItem()
