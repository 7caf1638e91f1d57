"""‖dW[l]‖ and ‖W[l]‖ per layer on a log axis: vanishing and exploding gradients at a glance."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from visualnet.app.plots.base import (
    BOTTOM_SIZE,
    LivePlot,
    add_line,
    course_name,
    layer_colour,
    layer_number,
    make_plot,
)
from visualnet.app.plots.ranges import SteadyRange, finite_bounds, last_iteration


class GradNormsPlot(LivePlot):
    key = "gradnorms"
    title = "Gradient norms"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "Frobenius norms per layer l, sampled every few iterations, on a log scale:\n"
        "‖dW[l]‖ = √(Σᵢⱼ dW[l]ᵢⱼ²) (solid) and ‖W[l]‖ (dashed, same colour).\n"
        "In a deep net the gradient is a product of one factor per layer, so ‖dW[l]‖ of the "
        "first layers shrinking by decades means vanishing gradients, growing by decades "
        "exploding ones. Careful initialization (He, Xavier) and batch norm keep them level."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = make_plot("‖dW[l]‖ (solid) and ‖W[l]‖ (dashed)", "iteration", "norm",
                              log_y=True)
        self._layout.addWidget(self.plot)
        self.add_hint(self.plot, "Once training starts: each layer's ‖dW[l]‖ and ‖W[l]‖ as it "
                               "learns. Vanishing gradients sink, exploding ones climb.")
        self.range = SteadyRange(self.plot.getPlotItem())
        self._names: tuple[str, ...] = ()
        self.grad_curves: list[pg.PlotDataItem] = []
        self.weight_curves: list[pg.PlotDataItem] = []

    def draw(self, snap):
        if snap.norm_names != self._names:
            self._make_curves(snap.norm_names)
        x = snap.norm_x
        for j, (grad, weight) in enumerate(zip(self.grad_curves, self.weight_curves,
                                               strict=True)):
            grad.setData(x, snap.grad_norms[:, j])
            weight.setData(x, snap.weight_norms[:, j])
        if len(x):  # the view of a log axis is in decades: log10 of the norms
            self.range.follow(
                x[-1], finite_bounds(snap.grad_norms, snap.weight_norms, log=True),
                x_limit=last_iteration(snap), running=snap.state == "running")

    def clear(self):
        super().clear()
        for curve in self.grad_curves + self.weight_curves:
            curve.setData([], [])
        self.range.reset()

    def export_item(self):
        return self.plot.getPlotItem()

    def _make_curves(self, names: tuple[str, ...]) -> None:
        """One pair of curves per dense layer: made again only when the network changes."""
        item = self.plot.getPlotItem()
        for curve in self.grad_curves + self.weight_curves:
            item.removeItem(curve)
        item.legend.clear()
        self._names = names
        self.grad_curves, self.weight_curves = [], []
        for name in names:  # the legend's rows are layers: ‖dW[l]‖ beside ‖W[l]‖
            colour = layer_colour(layer_number(name))
            label = course_name(name)
            self.grad_curves.append(add_line(item, pen=pg.mkPen(colour, width=1.2),
                                             name=f"‖d{label}‖"))
            dashed = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
            self.weight_curves.append(add_line(item, pen=dashed, name=f"‖{label}‖"))
