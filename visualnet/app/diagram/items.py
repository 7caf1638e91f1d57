"""The diagram's graphics items: a node (a framed heat map) and a link (a curve), and the
colours they share: orange for negative, white for zero, blue for positive (class 0's and class
1's colours, so an output ŷ = P(y = 1) reads as the decision boundary does)."""

from __future__ import annotations

import functools

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem

from visualnet.core.visualize import CLASS_COLOURS

NEGATIVE = "#{:02x}{:02x}{:02x}".format(*CLASS_COLOURS[0])
ZERO = "#f7f7f7"
POSITIVE = "#{:02x}{:02x}{:02x}".format(*CLASS_COLOURS[1])
NEUTRAL = "#b8bec6"
"""Links before the network has weights."""
FRAME = "#5f6b78"
HIGHLIGHT = "#22272e"
"""The outline of whatever the mouse is over."""

HEAT = pg.ColorMap([0.0, 0.5, 1.0], [QColor(NEGATIVE), QColor(ZERO), QColor(POSITIVE)])
LUT = HEAT.getLookupTable(nPts=64, alpha=False)
"""64 shades: pyqtgraph turns a lookup table into a QImage colour table, one Python call per
entry, each time a map is redrawn (50 maps a frame on a wide net); 256 cost 8 ms a frame."""

PEN_STEPS = 100
"""Link strengths are drawn in this many steps of |w|/max|w| (finer than the eye can tell): a
link whose step did not change keeps its pen and is not repainted."""

MIN_WIDTH, MAX_WIDTH = 0.6, 6.0
"""Link widths in pixels for |strength| 0 and 1 (less when nodes are small: ``widest``)."""
WIDEST_PER_NODE = 0.25
"""The widest link is at most this fraction of a node's side, so small nodes stay visible."""
HIT_WIDTH = 0.18
"""How wide, in diagram units, a link is for the mouse."""


class NodeItem(QGraphicsRectItem):
    """A unit: a square frame around an ImageItem of its activation over the input plane."""

    def __init__(self, column: int, unit: int, centre: QPointF, size: float):
        rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
        super().__init__(rect)
        self.column, self.unit = column, unit
        pen = pg.mkPen(FRAME, width=1)
        self.setPen(pen)
        self.setBrush(QBrush(QColor(ZERO)))
        self.setZValue(2)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setParentItem(self)
        self.image.setFlag(self.GraphicsItemFlag.ItemStacksBehindParent)
        self.image.setLookupTable(LUT)
        self.image.setVisible(False)
        self._rect = rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def contains(self, point: QPointF) -> bool:
        return self._rect.contains(point)

    def show_map(self, values, levels: tuple[float, float]) -> None:
        """Draw ``values`` (res, res), row 0 at the bottom, coloured on ``levels``."""
        self.image.setImage(values, autoLevels=False, levels=levels)
        self.image.setRect(self._rect)
        self.image.setVisible(True)
        self.setBrush(QBrush(Qt.BrushStyle.NoBrush))

    def hide_map(self) -> None:
        self.image.setVisible(False)
        self.setBrush(QBrush(QColor(ZERO)))


class LinkItem(QGraphicsPathItem):
    """W[l][j,k]: a curve from the right of unit k of column l−1 to the left of unit j of l."""

    def __init__(self, column: int, j: int, k: int, start: QPointF, end: QPointF):
        path = QPainterPath(start)
        middle = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(middle, start.y()), QPointF(middle, end.y()), end)
        super().__init__(path)
        self.column, self.j, self.k = column, j, k
        self.setZValue(1)
        stroker = QPainterPathStroker()
        stroker.setWidth(HIT_WIDTH)
        self._hit = stroker.createStroke(path)
        self._bounds = path.boundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)
        self.strength: float | None = None
        self.widest = MAX_WIDTH
        self.set_strength(None)

    def set_strength(self, strength: float | None) -> None:
        """Colour by sign, width and opacity by size; None draws a neutral thin link."""
        self.strength = strength
        self.setPen(link_pen(strength, self.widest))

    def set_widest(self, widest: float) -> None:
        """The width in pixels of a link of strength ±1."""
        self.widest = widest
        self.setPen(link_pen(self.strength, widest))

    def shape(self) -> QPainterPath:
        return self._hit

    def contains(self, point: QPointF) -> bool:
        return self._hit.contains(point)

    def collidesWithPath(self, path: QPainterPath, mode=Qt.ItemSelectionMode.IntersectsItemShape):
        return self._hit.intersects(path)

    def boundingRect(self) -> QRectF:
        return self._bounds


def widest_link(node_pixels: float) -> float:
    """The width of a link of strength ±1 when nodes are ``node_pixels`` wide."""
    return min(MAX_WIDTH, max(2 * MIN_WIDTH, WIDEST_PER_NODE * node_pixels))


def link_pen(strength: float | None, widest: float = MAX_WIDTH) -> QPen:
    """The pen of a link of signed strength w/max|w| in [−1, 1] (in PEN_STEPS steps)."""
    if strength is None:
        return _pen(None, 0, widest)
    return _pen(strength >= 0, round(min(abs(strength), 1.0) * PEN_STEPS), widest)


@functools.lru_cache(maxsize=4096)
def _pen(positive: bool | None, step: int, widest: float) -> QPen:
    """Pens made once: blue (positive) or orange, wider and more opaque with ``step``."""
    if positive is None:
        return pg.mkPen(NEUTRAL, width=1)
    size = step / PEN_STEPS
    colour = QColor(POSITIVE if positive else NEGATIVE)
    colour.setAlpha(int(70 + 185 * size))
    pen = pg.mkPen(colour, width=MIN_WIDTH + (widest - MIN_WIDTH) * size)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen
