"""The data preview: the examples as a scatter (train filled, dev and test outlined, coloured by
class) or, for images, a grid of training images with their labels.

Its pyqtgraph items are made once and refilled with ``setData``/``setImage``. It is a picture,
not a tool: the mouse wheel scrolls the panel it sits in instead of zooming.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from visualnet.app.data_panel import views
from visualnet.app.plots.base import PALETTE
from visualnet.core.data.prepared import PreparedData
from visualnet.core.visualize import CLASS_COLOURS

SYMBOLS = {"train": "o", "dev": "o", "test": "s"}
MARKS = {"train": "●", "dev": "○", "test": "□"}
SIZES = {"train": 6, "dev": 7, "test": 6}
HEIGHT = 250
STALE_OPACITY = 0.35


class DataPreview(QWidget):
    """``show_data(data, added)`` draws prepared data; ``set_stale(True)`` fades it (a newer
    setting failed to load, so this is the last data that did)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = ""
        self.plot = _StillPlot()
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=True, alpha=PALETTE["grid"])
        for axis in ("left", "bottom"):
            item.getAxis(axis).label.setFont(_small_font(self))
        self.scatter = {name: pg.ScatterPlotItem(symbol=SYMBOLS[name], size=SIZES[name])
                        for name in views.SPLITS}
        self.added = pg.ScatterPlotItem(symbol="star", size=13, pen=pg.mkPen("#222", width=1))
        for scatter in (*self.scatter.values(), self.added):
            item.addItem(scatter)

        self.images = _StillGraphics()
        self.image_box = self.images.addViewBox(enableMouse=False, invertY=True, lockAspect=True)
        self.image_box.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        cmap = pg.ColorMap([0.0, 1.0], [(232, 237, 243), (12, 12, 12)])
        self.image.setLookupTable(cmap.getLookupTable(nPts=256))
        self.image_box.addItem(self.image)
        self.captions: list[pg.TextItem] = []

        self.pages = QStackedWidget()
        self.pages.addWidget(self.plot)
        self.pages.addWidget(self.images)
        self.pages.setFixedHeight(HEIGHT)
        self.legend = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.pages)
        layout.addWidget(self.legend)

    def show_data(self, data: PreparedData, added: int = 0) -> None:
        view = views.preview(data, added)
        if isinstance(view, views.ImageGrid):
            self._show_images(view)
        else:
            self._show_scatter(view)

    def set_stale(self, stale: bool) -> None:
        opacity = STALE_OPACITY if stale else 1.0
        for item in (*self.scatter.values(), self.added, self.image, *self.captions):
            item.setOpacity(opacity)
        self.legend.setEnabled(not stale)

    # --- drawing -------------------------------------------------------------------------------

    def _show_scatter(self, view: views.Scatter) -> None:
        self.kind = "scatter"
        self.pages.setCurrentWidget(self.plot)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", view.x_label)
        item.setLabel("left", view.y_label)
        item.setAspectLocked(view.same_units)
        for name, points in view.splits.items():
            colours = self._colours(points, name)
            if name == "train":
                style = {"brush": [pg.mkBrush(c) for c in colours], "pen": pg.mkPen(None)}
            else:
                style = {"brush": pg.mkBrush(None), "pen": [pg.mkPen(c, width=1.4)
                                                           for c in colours]}
            self.scatter[name].setData(points.x, points.y, **style)
        extra = view.added
        if extra is None:
            self.added.setData([], [])
        else:
            self.added.setData(extra.x, extra.y,
                               brush=[pg.mkBrush(c) for c in self._colours(extra, "train")])
        item.enableAutoRange()
        self.legend.setText(_scatter_legend(view))

    def _show_images(self, grid: views.ImageGrid) -> None:
        self.kind = "images"
        self.pages.setCurrentWidget(self.images)
        self.image.setImage(grid.pixels, levels=grid.levels)
        while len(self.captions) < len(grid.captions):
            caption = pg.TextItem(anchor=(0.5, 0.5), color="#333")
            caption.setFont(_small_font(self))
            self.image_box.addItem(caption)
            self.captions.append(caption)
        for i, caption in enumerate(self.captions):
            if i < len(grid.captions):
                x, y, text = grid.captions[i]
                caption.setText(text)
                caption.setPos(x, y)
            caption.setVisible(i < len(grid.captions))
        self.image_box.autoRange(padding=0.01)
        self.legend.setText(f"The first {len(grid.captions)} training images, each with its "
                            "label above it")

    def _colours(self, points: views.Points, split: str) -> list:
        if points.classes is None:
            return [PALETTE[split]] * len(points.x)
        return [CLASS_COLOURS[c % len(CLASS_COLOURS)] for c in points.classes]


class _StillPlot(pg.PlotWidget):
    def wheelEvent(self, event) -> None:
        event.ignore()


class _StillGraphics(pg.GraphicsLayoutWidget):
    def wheelEvent(self, event) -> None:
        event.ignore()


def _scatter_legend(view: views.Scatter) -> str:
    if not view.class_names:
        return " &nbsp;".join(f"<span style='color:{PALETTE[name]}'>{MARKS[name]}</span> {name}"
                              for name in views.SPLITS)
    marks = " &nbsp;".join(f"{MARKS[name]} {name}" for name in views.SPLITS)
    if view.added is not None:
        marks += " &nbsp;★ added by clicking"
    classes = " &nbsp;".join(
        f"<span style='color:rgb{CLASS_COLOURS[i % len(CLASS_COLOURS)]}'>■</span> {name}"
        for i, name in enumerate(view.class_names)
    )
    return f"{marks}<br>{classes}"


def _small_font(widget: QWidget):
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    return font
