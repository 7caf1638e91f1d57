"""Histograms of each layer's weights W[l], side by side, redrawn as the network learns."""

from __future__ import annotations

import pyqtgraph as pg

from visualnet.app.plots.base import (
    BOTTOM_SIZE,
    LivePlot,
    course_name,
    layer_colour,
    layer_number,
    style_plot,
)

COLUMNS = 4
"""Small multiples per row; more layers wrap onto further rows."""

WAITING = ("The weights of each layer W[1], W[2], … are drawn here once the network is built: "
           "press Train, Step or Reset weights.")


class HistogramsPlot(LivePlot):
    key = "histograms"
    title = "Weight histograms"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "How the weights of each layer W[l] (shape n[l] × n[l−1]) are spread: 30 bins, "
        "symmetric around 0, redrawn as the network learns.\n"
        "He initialization starts them with variance 2/n[l−1], Xavier with 1/n[l−1]; L2 "
        "(weight decay) pulls them towards 0 and L1 makes many exactly 0; a layer whose "
        "histogram never changes is not learning."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self._set_body(self.view)
        self._names: tuple[str, ...] = ()
        self.panels: dict[str, pg.PlotDataItem] = {}
        self._show_note(WAITING)

    def draw(self, snap):
        hists = snap.histograms
        if not hists:
            self._show_note(WAITING)
            return
        if not self._is_new("histograms", hists):
            return
        self._show_note(None)
        names = tuple(hists)
        if names != self._names:
            self._make_panels(names, snap.weights)
        for name, curve in self.panels.items():
            edges, counts = hists[name]
            curve.setData(edges, counts)

    def clear(self):
        super().clear()
        for curve in self.panels.values():
            curve.clear()

    def export_item(self):
        return self.view.ci

    def _make_panels(self, names: tuple[str, ...], weights: dict) -> None:
        """One small plot per dense layer: made again only when the network changes."""
        self.view.clear()
        self._names = names
        self.panels = {}
        for k, name in enumerate(names):
            label = course_name(name)
            rows, cols = weights[name].shape if name in weights else (0, 0)
            plot = self.view.addPlot(row=k // COLUMNS, col=k % COLUMNS)
            style_plot(plot, f"{label}: {rows}×{cols}", "weight", "count" if k == 0 else "",
                       legend=False)
            colour = layer_colour(layer_number(name))
            curve = plot.plot(stepMode="center", fillLevel=0, pen=pg.mkPen(colour, width=1.5),
                              brush=pg.mkBrush(colour + "66"))
            self.panels[name] = curve
