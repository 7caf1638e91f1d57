"""The decision boundary over the input plane, redrawn as the network learns.

2-D inputs: one image of the network's output on the recorder's grid (P(y = 1) for a sigmoid
output with its ŷ = 0.5 line, the core's class map for softmax), with the train and dev points
on top. 1-D inputs with one output: the examples (x, y) and the network's curve ŷ(x).
Anything else (images, many features) shows why there is nothing to draw.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from visualnet.app.plots.base import PALETTE, LivePlot, class_colour, style_plot
from visualnet.core.visualize import PlaneGrid, probability_colours

PROBABILITY_LUT = probability_colours()
"""Colours of P(y = 1): class 0's at 0, white at 0.5, class 1's at 1, pale like class maps."""


class BoundaryPlot(LivePlot):
    key = "boundary"
    title = "Decision boundary"
    preferred_size = (520, 360)
    tooltip = (
        "What the network predicts at every point (x₁, x₂) of the input plane, redrawn as it "
        "learns.\n"
        "Sigmoid output: the background is ŷ = P(y = 1 | x) = σ(z[L]) from 0 (class 0's "
        "colour) to 1 (class 1's); the dark line is ŷ = 0.5, where the prediction flips.\n"
        "Softmax output: each point takes the colour of its class argmax softmax(z[L]), "
        "paler where the network is unsure.\n"
        "Dots are training examples, triangles dev examples, coloured by their true class.\n"
        "1-D data: the examples (x, y) and the network's prediction ŷ(x) as a curve."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        self.plot = self.view.addPlot(row=0, col=0)
        style_plot(self.plot, "Decision boundary", "x₁", "x₂", legend=False)
        self.plot.showGrid(x=False, y=False)
        self.caption = self.view.addLabel(" ", row=1, col=0, size="9pt")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.contour = pg.PlotCurveItem(pen=pg.mkPen("#2b2b2b", width=2), connect="pairs")
        self.contour.setParentItem(self.image)  # in the image's pixels, as snap.boundary_line
        self.train_points = pg.ScatterPlotItem(symbol="o", size=7,
                                               pen=pg.mkPen("#3a3a3a", width=0.7))
        self.dev_points = pg.ScatterPlotItem(symbol="t", size=9,
                                             pen=pg.mkPen("#111111", width=1.3))
        self.curve = pg.PlotDataItem(pen=pg.mkPen(PALETTE["smooth"], width=2.5))
        for item in (self.train_points, self.dev_points, self.curve):
            self.plot.addItem(item)
        for points in (self.train_points, self.dev_points):
            # the points stay while the map under them is redrawn: painted once into a pixmap,
            # not again in Python on every frame (thousands of markers for a big data set)
            points.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._set_body(self.view)
        self._mode: str | None = None
        self._kind: str | None = None
        self._levels = (0.0, 1.0)
        self._task = None
        self._line_x = None
        self._show_note("Load a data set to see the network's predictions over its inputs.")

    @property
    def drawable(self) -> bool:
        """Whether the data set has a plane (2 inputs) or a line (1 input) to draw over."""
        return self._mode is not None

    def set_data(self, data):
        self.clear()
        self._mode = None
        self._task = data.task if data is not None else None
        if data is None:
            self._show_note("No data to draw: the data settings have a problem "
                            "(see the status bar).")
        elif data.is_planar:
            self._mode = "plane"
            self._show_plane(data)
            self._show_note(None)
        elif data.train.X_raw.shape[0] == 1 and data.n_y == 1:
            self._mode = "line"
            self._show_line(data)
            self._show_note(None)
        else:
            self._show_note(self._why_empty(data))

    def draw(self, snap):
        if self._mode == "plane":
            self._draw_plane(snap)
        elif self._mode == "line":
            self._draw_line(snap)

    def clear(self):
        super().clear()
        self.image.clear()
        self.contour.setData([], [])
        self.curve.setData([], [])
        self._kind = None

    def export_item(self):
        return self.view.ci

    # --- 2-D inputs --------------------------------------------------------------------------

    def _show_plane(self, data):
        names = data.feature_names[:2] if len(data.feature_names) >= 2 else ["x₁", "x₂"]
        self.plot.setLabel("bottom", names[0])
        self.plot.setLabel("left", names[1])
        self.plot.setTitle("Decision boundary" if data.task != "regression" else "Prediction ŷ",
                           size="10pt")
        self._levels = (0.0, 1.0)
        if data.task == "regression":
            targets = data.train.Y[0]
            self._levels = (float(targets.min()), float(targets.max()))
        self.curve.setVisible(False)
        self.image.setVisible(True)
        self._scatter(self.train_points, data.train, data)
        self._scatter(self.dev_points, data.dev, data)
        grid = PlaneGrid.around(data.train.X_raw)  # the recorder's grid: the image fills the view
        self.plot.setRange(xRange=(grid.x_min, grid.x_max), yRange=(grid.y_min, grid.y_max),
                           padding=0)
        self.plot.disableAutoRange()
        self.caption.setText(self._legend(data), size="9pt")

    def _draw_plane(self, snap):
        boundary = snap.boundary
        if boundary is None or not self._is_new("boundary", boundary):
            return
        kind = "classes" if boundary.ndim == 3 else "output"
        if kind != self._kind:
            self._set_kind(kind)
        if kind == "classes":
            self.image.setImage(snap.class_map, autoLevels=False, levels=(0, 255))
        else:
            self.image.setImage(boundary, autoLevels=False, levels=self._levels)
            if self.contour.isVisible() and snap.boundary_line is not None:
                self.contour.setData(*snap.boundary_line, connect="pairs")
        if self._is_new("grid", snap.grid):  # after setImage: the rect scales its pixels
            self.image.setRect(QRectF(*snap.grid.pixel_rect()))

    def _set_kind(self, kind: str) -> None:
        self._kind = kind
        probability = kind == "output" and self._task != "regression"
        if kind == "classes":
            self.image.setLookupTable(None)
        elif probability:
            self.image.setLookupTable(PROBABILITY_LUT)
        else:
            self.image.setLookupTable(pg.colormap.get("viridis").getLookupTable(nPts=256))
        self.contour.setVisible(probability)

    # --- 1-D inputs --------------------------------------------------------------------------

    def _show_line(self, data):
        self.plot.setTitle("Prediction ŷ(x)", size="10pt")
        self.plot.setLabel("bottom", data.feature_names[0] if data.feature_names else "x")
        self.plot.setLabel("left", "y")
        self.image.setVisible(False)
        self.curve.setVisible(True)
        for points, split, colour in ((self.train_points, data.train, PALETTE["train"]),
                                      (self.dev_points, data.dev, PALETTE["dev"])):
            points.setData(x=split.X_raw[0], y=split.Y[0], brush=pg.mkBrush(colour))
        self.plot.enableAutoRange()
        self.caption.setText(
            f"<span style='color:{PALETTE['train']}'>●</span> train &nbsp; "
            f"<span style='color:{PALETTE['dev']}'>▲</span> dev &nbsp; "
            f"<span style='color:{PALETTE['smooth']}'>━</span> network ŷ(x)", size="9pt")

    def _draw_line(self, snap):
        if snap.curve is None or not self._is_new("curve", snap.curve):
            return
        if self._is_new("line", snap.line):
            self._line_x = snap.line.points()[0]
        self.curve.setData(self._line_x, snap.curve[0])

    # --- helpers -----------------------------------------------------------------------------

    def _scatter(self, points: pg.ScatterPlotItem, split, data) -> None:
        if split.labels is None:
            points.setData(x=split.X_raw[0], y=split.X_raw[1], brush=pg.mkBrush("#555555"))
            return
        brushes = [pg.mkBrush(*class_colour(k)) for k in range(max(len(data.class_names), 1))]
        points.setData(x=split.X_raw[0], y=split.X_raw[1],
                       brush=[brushes[label] for label in split.labels])

    @staticmethod
    def _legend(data) -> str:
        parts = [f"<span style='color:rgb{class_colour(k)}'>■</span> {name}"
                 for k, name in enumerate(data.class_names)]
        parts += ["● train", "▲ dev"]
        if data.task == "binary":
            parts.append("━ ŷ = 0.5")
        return " &nbsp; ".join(parts)

    @staticmethod
    def _why_empty(data) -> str:
        inputs = data.train.X_raw.shape[0]
        if data.image_shape:
            h, w = data.image_shape
            what = f"each example is a {h}×{w} image ({inputs} inputs)"
        else:
            what = f"this data set has {inputs} inputs"
        return (f"The decision boundary is drawn over a plane of 2 inputs (x₁, x₂); {what}. "
                "Try moons, circles, spiral, flower, xor or blobs.")

