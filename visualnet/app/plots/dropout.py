"""Dropout masks: the latest mask d of a dropout layer, and each unit's drop rate beside it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visualnet.app.plots.base import BOTTOM_SIZE, PALETTE, LivePlot, make_selector, style_plot

KEPT, DROPPED = (236, 240, 243), (38, 50, 56)
"""Mask colours: a kept unit is light, a dropped one dark."""


class DropoutPlot(LivePlot):
    key = "dropout"
    title = "Dropout masks"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "Inverted dropout in layer l: d = (random numbers < keep_prob); a = a·d/keep_prob.\n"
        "Left: the latest mask d of the chosen dropout layer, one row per unit and one column "
        "per example of the mini-batch (light = kept, dark = dropped). Every mini-batch draws "
        "a new mask.\n"
        "Right: each unit's drop rate, the fraction of the mini-batch's examples it was "
        "dropped for; the rates scatter around the expected 1 − keep_prob (dashed line)."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.selector_row, self.selector = make_selector(
            "Dropout layer:", "Which dropout layer's mask to show")
        self.selector.currentIndexChanged.connect(self._layer_chosen)
        self.view = pg.GraphicsLayoutWidget()
        self.mask_plot = style_plot(self.view.addPlot(row=0, col=0), "Mask d",
                                    "example of the mini-batch", "unit", legend=False)
        self.mask_plot.showGrid(x=False, y=False)
        self.rates_plot = style_plot(self.view.addPlot(row=0, col=1), "Drop rate per unit",
                                     "fraction dropped", "", legend=False)
        self.rates_plot.setYLink(self.mask_plot)
        self.rates_plot.setXRange(0, 1, padding=0.02)
        self.rates_plot.disableAutoRange(axis="x")
        self.view.ci.layout.setColumnStretchFactor(0, 3)
        self.view.ci.layout.setColumnStretchFactor(1, 1)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(np.array([DROPPED, KEPT], dtype=np.uint8))
        self.mask_plot.addItem(self.image)
        self.bars = pg.BarGraphItem(x0=0, y=[], height=0.75, width=[],
                                    brush=pg.mkBrush(PALETTE["raw"]), pen=None)
        self.rates_plot.addItem(self.bars)
        self.expected = pg.InfiniteLine(
            angle=90, movable=False,
            pen=pg.mkPen(PALETTE["expected"], width=2, style=Qt.PenStyle.DashLine),
            label="1 − keep_prob", labelOpts={"position": 0.96, "color": PALETTE["expected"]})
        self.expected.setVisible(False)
        self.rates_plot.addItem(self.expected)
        column.addWidget(self.selector_row)
        column.addWidget(self.view, 1)
        self._set_body(body)
        self.selector_row.setVisible(False)
        self._rows: tuple[int, ...] = ()
        self._unit_y = np.empty(0)
        self._keep = None
        self._snap = None
        self._show_note("The masks of each dropout layer appear here while the network trains.")

    def draw(self, snap):
        self._snap = snap
        if not snap.masks:
            self._show_note(
                "The masks of each dropout layer appear here while the network trains."
                if snap.iteration == 0 else
                "This network has no dropout layer: add one (keep_prob < 1) to see which units "
                "each mini-batch drops.")
            return
        if not self._is_new("masks", snap.masks):
            return
        self._show_note(None)
        rows = tuple(sorted(snap.masks))
        if rows != self._rows:
            self._set_rows(rows)
        row = self._rows[max(self.selector.currentIndex(), 0)]
        self.image.setImage(snap.masks[row].view(np.uint8), autoLevels=False, levels=(0, 1))
        rates = snap.drop_rates[row]
        if len(rates) != len(self._unit_y):
            self._unit_y = np.arange(len(rates)) + 0.5  # bar k centred on the mask's row k
        self.bars.setOpts(y=self._unit_y, width=rates)
        keep = snap.keep_probs[row]
        if keep != self._keep:
            self._keep = keep
            self.expected.setValue(1 - keep)
            self.expected.setVisible(True)
            self.mask_plot.setTitle(f"Mask d of layer {row} (keep_prob = {keep:g})",
                                    size="10pt")

    def clear(self):
        super().clear()
        self.image.clear()
        self.bars.setOpts(y=[], width=[])
        self._keep = None
        self._snap = None

    def export_item(self):
        return self.view.ci

    def _set_rows(self, rows: tuple[int, ...]) -> None:
        self._rows = rows
        self.selector.blockSignals(True)
        self.selector.clear()
        self.selector.addItems([f"layer {row}" for row in rows])
        self.selector.blockSignals(False)
        self.selector_row.setVisible(len(rows) > 1)

    def _layer_chosen(self, _index: int) -> None:
        if self._snap is not None:
            self._forget()
            self._keep = None
            self.draw(self._snap)
