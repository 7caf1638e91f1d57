"""The surface plots of the race: one overlay panel with every racer, or a grid of small panels
with one racer each. Clicking any panel sets the start.

A panel draws the surface once (a log heat map and log-spaced contour lines, both from the core,
see ``contours``), its minima and the start, then per frame moves each racer's trail and head
with ``setData`` and, step by step, its ``StepMarks``. Items are created when the surface or
the racers change, never per frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from visualnet.app.race import style
from visualnet.app.race.marks import StepMarks
from visualnet.core.race.contours import contour_set, heat
from visualnet.core.race.geometry import grid_cells, trail_segments
from visualnet.core.race.race import Race
from visualnet.core.race.steps import StepParts
from visualnet.core.race.surface import Surface

GRID_POINTS = 200
"""Grid points per axis of the heat map and the contours."""


@dataclass(frozen=True)
class SurfaceDrawing:
    """What every panel draws of one surface, computed once by the core."""

    surface: Surface
    image: np.ndarray
    image_levels: tuple[float, float]
    contours: list[tuple[float, np.ndarray]]

    @classmethod
    def of(cls, surface: Surface, n: int = GRID_POINTS) -> SurfaceDrawing:
        xs, ys, z = surface.grid(n)
        image = heat(z, surface.min_value)
        finite = image[np.isfinite(image)]
        levels = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        return cls(surface, image, levels, contour_set(xs, ys, z, surface.min_value))


@dataclass(frozen=True)
class RacerLook:
    """How a racer is drawn: its label and colour."""

    label: str
    colour: str


class SurfacePanel:
    """One PlotItem: the surface, and the racers ``indices`` (into the race's entries) on it."""

    def __init__(self, plot: pg.PlotItem, labels_on_marks: bool = True):
        self.plot = plot
        self.labels_on_marks = labels_on_marks
        self.indices: list[int] = []
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=False, y=False)
        for side in ("left", "bottom"):
            plot.getAxis(side).setZValue(50)
            plot.getAxis(side).enableAutoSIPrefix(False)  # "y (x0.001)" reads worse than 0.4
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-20)
        plot.addItem(self.image)
        self.contours: list[pg.PlotCurveItem] = []
        self.minima = pg.ScatterPlotItem(symbol="star", size=17, pen=pg.mkPen("#3d3d3d", width=1),
                                         brush=pg.mkBrush(style.MINIMUM))
        self.minima.setZValue(10)
        self.start = pg.ScatterPlotItem(symbol="o", size=11, pen=pg.mkPen("#111111", width=2),
                                        brush=pg.mkBrush(style.START))
        self.start.setZValue(12)
        plot.addItem(self.minima)
        plot.addItem(self.start)
        self.trails: list[pg.PlotCurveItem] = []
        self.heads: list[pg.ScatterPlotItem] = []
        self.marks: list[StepMarks] = []
        self._parts: list[StepParts | None] = []
        self._shown: set[str] = set()
        plot.vb.sigResized.connect(self._view_changed)
        plot.vb.sigRangeChangedManually.connect(self._view_changed)
        self._race: Race | None = None
        self._upto = 0

    # --- set up (when the surface or the racers change) ------------------------------------------

    def set_surface(self, drawing: SurfaceDrawing, heat_map: bool) -> None:
        surface = drawing.surface
        x_min, x_max, y_min, y_max = surface.view
        self.image.setImage(drawing.image, levels=drawing.image_levels, autoLevels=False)
        self.image.setRect(QRectF(QPointF(x_min, y_min), QPointF(x_max, y_max)))
        while len(self.contours) < len(drawing.contours):
            curve = pg.PlotCurveItem(connect="pairs", antialias=True)
            curve.setZValue(-10)
            self.plot.addItem(curve)
            self.contours.append(curve)
        for curve, (_level, points) in zip(self.contours, drawing.contours, strict=False):
            curve.setData(points[:, 0], points[:, 1])
        for curve in self.contours[len(drawing.contours):]:
            curve.setData([], [])
        self.set_heat(heat_map)
        minima = np.array(surface.minima, dtype=np.float64).reshape(-1, 2)
        self.minima.setData(minima[:, 0], minima[:, 1])
        self.plot.vb.setRange(xRange=(x_min, x_max), yRange=(y_min, y_max), padding=0)

    def set_heat(self, heat_map: bool) -> None:
        """Heat map under faint white contours, or contour lines alone coloured by level."""
        self.image.setVisible(heat_map)
        self.image.setColorMap(_colour_map(style.HEAT_STOPS))
        colours = _colour_map(style.CONTOUR_STOPS).getLookupTable(nPts=max(2, len(self.contours)),
                                                                  alpha=False)
        for i, curve in enumerate(self.contours):
            pen = (pg.mkPen(255, 255, 255, 110, width=1) if heat_map
                   else pg.mkPen(*colours[i], width=1))
            curve.setPen(pen)

    def set_racers(self, indices: list[int], looks: list[RacerLook]) -> None:
        """Draw racers ``indices``; items are made for new ones and hidden for the rest."""
        self.indices = list(indices)
        while len(self.trails) < len(indices):
            trail = pg.PlotCurveItem(antialias=True, connect="pairs")
            trail.setZValue(20)
            head = pg.ScatterPlotItem(size=13, pen=pg.mkPen("w", width=2))
            head.setZValue(40)
            self.plot.addItem(trail)
            self.plot.addItem(head)
            self.trails.append(trail)
            self.heads.append(head)
            self.marks.append(StepMarks(self.plot, self.labels_on_marks))
        for marks in self.marks:
            # Many racers' labels at one start would pile up; the caption names the marks.
            marks.labels = self.labels_on_marks and len(indices) <= 2
        for k, (trail, head) in enumerate(zip(self.trails, self.heads, strict=True)):
            visible = k < len(indices)
            trail.setVisible(visible)
            head.setVisible(visible)
            if not visible:
                self.marks[k].hide()
                continue
            colour = looks[indices[k]].colour
            trail.setPen(pg.mkPen(colour, width=2.2, cap=Qt.PenCapStyle.RoundCap))
            head.setBrush(pg.mkBrush(colour))
        self._parts = [None] * len(indices)

    # --- per frame ----------------------------------------------------------------------------

    def draw(self, race: Race, upto: int, parts: list[StepParts | None], shown: set[str]) -> None:
        """Trails to step ``upto`` (each racer's last good step at most), heads at their ends,
        and the step marks of ``parts`` (entry order) showing the parts in ``shown``."""
        self._race, self._upto = race, upto
        self._parts = [parts[i] for i in self.indices]
        self._shown = shown
        self.start.setData([race.start[0]], [race.start[1]])
        self._draw_trails()
        self._redraw_marks()

    @property
    def pixel(self) -> tuple[float, float]:
        """Data units per screen pixel in x and y."""
        width, height = self.plot.vb.viewPixelSize()
        return float(width), float(height)

    def contains(self, scene_pos) -> bool:
        return self.plot.vb.sceneBoundingRect().contains(scene_pos)

    def to_data(self, scene_pos) -> tuple[float, float]:
        point = self.plot.vb.mapSceneToView(scene_pos)
        return point.x(), point.y()

    def _view_changed(self, *_args) -> None:
        """Zoomed, panned or resized: trails are thinned and marks sized per pixel, so redraw."""
        if self._race is not None:
            self._draw_trails()
            self._redraw_marks()

    def _draw_trails(self) -> None:
        race, upto = self._race, self._upto
        pixel = self.pixel
        drawable = all(np.isfinite(pixel)) and min(pixel) > 0
        for k, i in enumerate(self.indices):
            tr = race.trajectory(i)
            end = min(upto, tr.settled) + 1
            path = tr.position[:end]
            segments = trail_segments(path, pixel) if drawable else np.empty((0, 2))
            self.trails[k].setData(segments[:, 0], segments[:, 1])
            stopped = tr.diverged_at is not None and upto >= tr.diverged_at
            self.heads[k].setData([path[-1, 0]], [path[-1, 1]], symbol="x" if stopped else "o")

    def _redraw_marks(self) -> None:
        pixel = self.pixel
        if not all(np.isfinite(pixel)) or min(pixel) <= 0:
            return
        for k, parts in enumerate(self._parts):
            self.marks[k].show(parts if self._shown else None, self._shown, pixel)


class RaceCanvas(QStackedWidget):
    """Page 0: the overlay panel; page 1: the grid of small panels. ``clicked(x, y)`` reports a
    left click on any panel, in data coordinates."""

    clicked = Signal(float, float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.overlay_view = pg.GraphicsLayoutWidget()
        self.grid_view = pg.GraphicsLayoutWidget()
        for view in (self.overlay_view, self.grid_view):
            view.setBackground("w")
            view.ci.setContentsMargins(4, 4, 4, 4)
            view.scene().sigMouseClicked.connect(self._scene_clicked)
            view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            self.addWidget(view)
        self.overlay = SurfacePanel(self.overlay_view.addPlot())
        self.overlay.plot.setLabel("bottom", "x")
        self.overlay.plot.setLabel("left", "y")
        self.panels: list[SurfacePanel] = []
        self._drawing: SurfaceDrawing | None = None
        self._heat = False
        self._looks: list[RacerLook] = []

    @property
    def side_by_side(self) -> bool:
        return self.currentIndex() == 1

    @property
    def visible_panels(self) -> list[SurfacePanel]:
        return self.panels[: len(self._looks)] if self.side_by_side else [self.overlay]

    def set_side_by_side(self, on: bool) -> None:
        self.setCurrentIndex(1 if on else 0)

    def set_surface(self, drawing: SurfaceDrawing) -> None:
        self._drawing = drawing
        for panel in (self.overlay, *self.panels):
            panel.set_surface(drawing, self._heat)
        self._arrange_grid()

    def set_heat(self, heat_map: bool) -> None:
        self._heat = heat_map
        for panel in (self.overlay, *self.panels):
            panel.set_heat(heat_map)

    def set_racers(self, looks: list[RacerLook]) -> None:
        """The racers changed: the overlay shows all, the grid one panel each (made as needed)."""
        self._looks = list(looks)
        self.overlay.set_racers(list(range(len(looks))), looks)
        while len(self.panels) < len(looks):
            panel = SurfacePanel(pg.PlotItem(), labels_on_marks=True)
            if self._drawing is not None:
                panel.set_surface(self._drawing, self._heat)
            self.panels.append(panel)
        for k, panel in enumerate(self.panels):
            panel.set_racers([k] if k < len(looks) else [], looks)
            if k < len(looks):
                panel.plot.setTitle(looks[k].label, color=looks[k].colour, size="10pt",
                                    bold=True)
        self._arrange_grid()

    def draw(self, race: Race, upto: int, parts: list[StepParts | None], shown: set[str]) -> None:
        for panel in self.visible_panels:
            panel.draw(race, upto, parts, shown)

    def _arrange_grid(self) -> None:
        """Place the panels of the current racers in rows and columns, linked views."""
        layout = self.grid_view.ci
        layout.clear()
        view = self._drawing.surface.view if self._drawing is not None else (0, 1, 0, 1)
        for k, (row, column) in enumerate(grid_cells(len(self._looks), view)):
            panel = self.panels[k]
            layout.addItem(panel.plot, row=row, col=column)
            if k:
                panel.plot.setXLink(self.panels[0].plot)
                panel.plot.setYLink(self.panels[0].plot)

    def _scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        for panel in self.visible_panels:
            if panel.contains(event.scenePos()):
                event.accept()
                self.clicked.emit(*panel.to_data(event.scenePos()))
                return


def _colour_map(stops: tuple[str, ...]) -> pg.ColorMap:
    return pg.ColorMap(np.linspace(0.0, 1.0, len(stops)), [pg.mkColor(c) for c in stops])
