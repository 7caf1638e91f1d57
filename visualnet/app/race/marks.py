"""The step-by-step marks at one racer's head: the −dW, −v and update arrows and the √ŝ box.

Created once per racer and panel, then moved with ``show`` at every part of every step; hidden
outside step-by-step mode. −dW, −v and the box's half-widths √ŝ (all in gradient units) share
one scale, the longest ``style.ARROW_LENGTH`` pixels, so their sizes compare. The update is
drawn at its true size, its tip on the next position, unless it is too short or too long to
see (then its label gives the factor).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsRectItem

from visualnet.app.race import style
from visualnet.core.race.geometry import (
    Pixel,
    arrow,
    box,
    fit_scale,
    uncrowded,
    visible_scale,
)
from visualnet.core.race.steps import StepParts


class ArrowMark:
    """One arrow: a shaft line, a filled head and a label at its tip."""

    def __init__(self, plot: pg.PlotItem, colour: str, width: float = 2.5):
        self.shaft = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width,
                                                   cap=Qt.PenCapStyle.FlatCap))
        self.head = pg.ArrowItem(headLen=style.HEAD, headWidth=style.HEAD * 0.8, tailLen=None,
                                 pen=pg.mkPen(colour), brush=pg.mkBrush(colour))
        self.label = pg.TextItem(color=colour, anchor=(0.5, 0.5))
        self.label.setFont(_font())
        self.vector: np.ndarray | None = None
        """The vector drawn, before the display scale (None while hidden)."""
        self.scale = 1.0
        for item in (self.shaft, self.head, self.label):
            item.setZValue(30)
            plot.addItem(item)
        self.hide()

    def show(self, tail, vector, scale: float, pixel: Pixel, text: str) -> None:
        shape = arrow(tail, scale * np.asarray(vector), pixel, head=style.HEAD)
        if shape is None:
            self.hide()
            return
        self.vector, self.scale = np.asarray(vector, dtype=np.float64), scale
        self.shaft.setData(shape.shaft[:, 0], shape.shaft[:, 1])
        self.head.setStyle(angle=_arrow_item_angle(shape.heading))
        self.head.setPos(*shape.tip)
        # The label sits just beyond the tip, along the arrow.
        self.label.setAnchor(_label_anchor(shape.heading))
        self.label.setText(text)
        self.label.setPos(*shape.tip)
        for item in (self.shaft, self.head, self.label):
            item.show()

    def hide(self) -> None:
        self.vector = None
        for item in (self.shaft, self.head, self.label):
            item.hide()

    @property
    def tip(self) -> np.ndarray:
        """Where the drawn arrow ends (data coordinates)."""
        pos = self.head.pos()
        return np.array([pos.x(), pos.y()])


class StepMarks:
    """All marks of one racer's step at its head, by part: gradient, velocity, scale, step."""

    def __init__(self, plot: pg.PlotItem, labels: bool = True):
        self.labels = labels
        self.gradient = ArrowMark(plot, style.ARROWS["gradient"])
        self.velocity = ArrowMark(plot, style.ARROWS["velocity"])
        self.step = ArrowMark(plot, style.ARROWS["step"], width=3.0)
        scale_colour = style.ARROWS["scale"]
        self.box = QGraphicsRectItem()
        self.box.setPen(pg.mkPen(scale_colour, width=1.5, style=Qt.PenStyle.DashLine))
        self.box.setBrush(pg.mkBrush(scale_colour + "1f"))
        self.box.setZValue(25)
        plot.addItem(self.box)
        # Left of the box's lower left corner, away from the arrows inside the box (a tall
        # box's top is often out of view).
        self.box_label = pg.TextItem(style.SYMBOLS["scale"], color=scale_colour, anchor=(1, 0))
        self.box_label.setFont(_font())
        self.box_label.setZValue(30)
        plot.addItem(self.box_label)
        self.half: np.ndarray | None = None
        """The box's half-widths before the display scale: √ŝ per axis (None while hidden)."""
        self.hide()

    def show(self, parts: StepParts | None, shown: set[str], pixel: Pixel) -> None:
        """Draw the parts in ``shown`` (of PHASES) of step ``parts`` at its origin."""
        k = None if parts is None else fit_scale([parts.gradient, parts.velocity, parts.root],
                                                 pixel, style.ARROW_LENGTH)
        if k is None:
            self.hide()
            return
        origin = parts.origin
        self._arrow(self.gradient, "gradient" in shown, origin, -parts.gradient, k, pixel,
                    style.SYMBOLS["gradient"])
        velocity_name = "velocity_corrected" if parts.corrected else "velocity"
        self._arrow(self.velocity, "velocity" in shown and parts.velocity is not None, origin,
                    None if parts.velocity is None else -parts.velocity, k, pixel,
                    style.SYMBOLS[velocity_name])
        factor = visible_scale(parts.update, pixel, *style.STEP_VISIBLE)
        text = style.SYMBOLS["step"] + ("" if factor == 1 else f" ×{factor:.2g}")
        self._arrow(self.step, "step" in shown, origin, parts.update, factor, pixel, text)
        if "scale" in shown and parts.root is not None and np.isfinite(parts.root).all():
            self.half = parts.root.copy()
            corners = box(origin, k * parts.root)
            self.box.setRect(QRectF(QPointF(*corners[0]), QPointF(*corners[2])))
            self.box_label.setText(style.SYMBOLS["scale_corrected" if parts.root_corrected
                                                 else "scale"])
            self.box_label.setPos(*corners[0])
            self.box.show()
        else:
            self._hide_box()
        self._place_labels(pixel)

    def hide(self) -> None:
        for mark in (self.gradient, self.velocity, self.step):
            mark.hide()
        self._hide_box()

    def _arrow(self, mark: ArrowMark, visible: bool, origin, vector, scale, pixel, text) -> None:
        if visible and vector is not None:
            mark.show(origin, vector, scale, pixel, text)
        else:
            mark.hide()

    def _place_labels(self, pixel: Pixel) -> None:
        """Show the labels that do not sit on one another; a later part's label wins."""
        labels = [self.step.label, self.velocity.label, self.gradient.label, self.box_label]
        places = [m.tip if m.vector is not None else None
                  for m in (self.step, self.velocity, self.gradient)]
        corner = self.box_label.pos()
        places.append((corner.x(), corner.y()) if self.half is not None else None)
        keep = uncrowded(places, pixel, style.LABEL_SPACE)
        for label, shown in zip(labels, keep, strict=True):
            label.setVisible(self.labels and shown)

    def _hide_box(self) -> None:
        self.half = None
        self.box.hide()
        self.box_label.hide()


def _arrow_item_angle(heading: float) -> float:
    """pyqtgraph's ArrowItem points left at angle 0 and turns clockwise on screen."""
    return 180.0 - heading


def _label_anchor(heading: float) -> tuple[float, float]:
    """The TextItem anchor that puts a label beyond an arrow's tip, on the side it points to."""
    if -45 <= heading <= 45:
        return (-0.1, 0.5)
    if 45 < heading < 135:
        return (0.5, 1.1)
    if -135 < heading < -45:
        return (0.5, -0.1)
    return (1.1, 0.5)


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    font.setBold(True)
    return font
