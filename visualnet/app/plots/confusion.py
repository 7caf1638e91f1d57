"""The confusion matrix of a multi-class network on the dev set: counts, shaded by class share."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from visualnet.app.plots.base import BOTTOM_SIZE, LivePlot, make_plot

LIGHT, DARK = (255, 255, 255), (31, 59, 115)
"""A cell's shade runs from white (no example of its row) to dark blue (all of them)."""


class ConfusionPlot(LivePlot):
    key = "confusion"
    title = "Confusion matrix"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "C[i, j] = how many dev examples of true class i the network predicts as class j "
        "(ŷ = argmax softmax(z[L])), recomputed as it learns.\n"
        "The diagonal holds the correct predictions. Each cell is shaded by its share of its "
        "row, C[i, j]/Σⱼ C[i, j], so a pale diagonal cell is a class the network misses; an "
        "off-diagonal dark cell is a pair of classes it confuses."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = make_plot("Confusion matrix", "predicted class", "true class", legend=False)
        item = self.plot.getPlotItem()
        item.showGrid(x=False, y=False)
        item.invertY(True)  # true class 0 on top, as the matrix is written
        item.setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        lut = pg.ColorMap([0.0, 1.0], [LIGHT, DARK]).getLookupTable(0.0, 1.0, 256)
        self.image.setLookupTable(lut)
        item.addItem(self.image)
        self.labels: list[pg.TextItem] = []
        self._classes = 0
        self._set_body(self.plot)
        self._show_note("The confusion matrix appears for multi-class data (a softmax output).")

    def set_data(self, data):
        self.clear()
        if data is None or data.task != "multiclass":
            kind = "regression" if data is not None and data.task == "regression" else "binary"
            self._show_note(
                "The confusion matrix is drawn for multi-class data (a softmax output). "
                + (f"This data set is {kind}: its error plot tells the same story."
                   if data is not None else ""))
            return
        self._show_note(None)
        self._make_cells(data.class_names)
        split = "dev" if data.dev.m else "train"
        m = data.dev.m or data.train.m
        self.plot.getPlotItem().setTitle(f"Confusion matrix, {split} set ({m} examples)",
                                         size="10pt")

    def draw(self, snap):
        counts, rates = snap.confusion, snap.confusion_rates
        if counts is None or not self._is_new("confusion", counts):
            return
        if len(counts) != self._classes:
            return  # a run started before the data changed: its classes are not these
        self.image.setImage(rates, autoLevels=False, levels=(0.0, 1.0))
        for label, count, rate in zip(self.labels, counts.ravel(), rates.ravel(), strict=True):
            label.setText(str(count))
            label.setColor("w" if rate > 0.5 else "#222222")

    def clear(self):
        super().clear()
        self.image.clear()
        for label in self.labels:
            label.setText("")

    def export_item(self):
        return self.plot.getPlotItem()

    def _make_cells(self, names: list[str]) -> None:
        """One count label per cell and the class names on both axes (when classes change)."""
        item = self.plot.getPlotItem()
        if len(names) != self._classes:
            for label in self.labels:
                item.removeItem(label)
            self.labels = []
            font = QFont()
            font.setPointSize(10 if len(names) <= 5 else 8)
            for i in range(len(names)):
                for j in range(len(names)):
                    label = pg.TextItem("", anchor=(0.5, 0.5))
                    label.setFont(font)
                    label.setPos(j + 0.5, i + 0.5)
                    item.addItem(label)
                    self.labels.append(label)
            self._classes = len(names)
        ticks = [[(k + 0.5, name) for k, name in enumerate(names)]]
        item.getAxis("bottom").setTicks(ticks)
        item.getAxis("left").setTicks(ticks)
        self.image.setImage(np.zeros((len(names), len(names))), autoLevels=False,
                            levels=(0.0, 1.0))
        self.image.setRect(QRectF(0, 0, len(names), len(names)))  # after setImage: 1 per cell
        item.setRange(xRange=(0, len(names)), yRange=(0, len(names)), padding=0.02)
