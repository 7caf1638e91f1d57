"""The network diagram dock: neurons in columns, links coloured and thickened by weight, and
for 2-D data each neuron's activation over the input plane, live (TensorFlow Playground style).

Everything drawn is computed in ``visualnet.core.diagram``; this module only places items and
updates them in place: pens and images change with each snapshot, the items are rebuilt only
when the network's shape changes.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QCursor, QFont, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem, QToolTip, QVBoxLayout, QWidget

from visualnet.app.diagram.items import (
    FRAME,
    HIGHLIGHT,
    MAX_WIDTH,
    NEGATIVE,
    POSITIVE,
    LinkItem,
    NodeItem,
    widest_link,
)
from visualnet.app.plots.base import LivePlot
from visualnet.app.steady_label import SteadyLabel
from visualnet.core import diagram
from visualnet.core.data.prepared import PreparedData
from visualnet.core.diagram import Column
from visualnet.core.training.recorder import Snapshot

HOVER_PIXELS = 4
"""How close, in pixels, the mouse must come to a link to hover it."""
TEXT_MIN_PIXELS = 14
"""Below this many pixels per node, names and titles would overlap: they are hidden."""
MARGIN_PIXELS = 6
"""Free pixels around the diagram."""


class NetworkDiagram(LivePlot):
    """The layer stack drawn as a network, and the weights of the controller's snapshots.

    ``bind(session, controller)`` makes it follow the experiment's layer stack; until the main
    window calls it, the diagram binds itself to its window's session and controller.
    """

    key = "diagram"
    title = "Network diagram"
    tooltip = (
        "Each column is a layer: the input features, then each dense layer's units a[l] = g(z[l]) "
        "after its activation, then the output ŷ. A link a[l-1]ₖ → a[l]ⱼ is W[l][j,k]: blue "
        "if positive, orange if negative, thicker the larger |W[l][j,k]|. For 2-D data each "
        "square shows its unit's activation over the input plane (orange low, white middle, "
        "blue high). Hover a neuron or a link to read it."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setToolTip("")
        self.canvas = pg.GraphicsView(background="w")
        self.canvas.setMouseTracking(True)
        self.view = pg.ViewBox(enableMouse=False, enableMenu=False, lockAspect=True)
        self.canvas.setCentralItem(self.view)
        self.info = SteadyLabel(word_wrap=True, rich=True)
        self.info.setToolTip(self.tooltip)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.info)
        self._set_body(body)
        self.columns: list[Column] = []
        self.nodes: list[list[NodeItem]] = []
        self.links: list[list[LinkItem]] = []
        self.texts: list[pg.TextItem] = []
        self._margins: dict[str, list[pg.TextItem]] = {"left": [], "top": [], "bottom": []}
        self._layers: list[dict] = []
        self._data = None
        self._session = None
        self._drawn: Snapshot | None = None
        self._scale = 1.0
        self._widest = MAX_WIDTH
        self._inputs_key = None
        self._inputs = None
        self._hover = ""
        self.highlight = self._make_highlight()
        self.canvas.scene().sigMouseMoved.connect(self.hover)
        self.view.sigTransformChanged.connect(lambda _view: self._fit_texts())
        self.view.sigResized.connect(lambda _view: self._fit_range())
        self._show_legend()
        self._show_note("Load a data set to see the network over its inputs.")

    # --- the LivePlot interface ----------------------------------------------------------------

    def bind(self, session) -> None:
        """Follow ``session``'s layer stack."""
        self._session = session
        session.changed.connect(self._session_changed)
        session.replaced.connect(self._network_edited)
        self._network_edited()

    def set_data(self, data: PreparedData | None) -> None:
        self._data = data
        self._inputs_key = None
        self._rebuild()

    def set_network(self, layers: list[dict]) -> None:
        """The layer stack to draw (spec dicts, input to output)."""
        self._layers = [dict(layer) for layer in layers]
        self._rebuild()

    def draw(self, snap: Snapshot) -> None:
        """Pens of the links and images of the nodes from ``snap``, if it is this network's."""
        if snap is self._drawn or not self.columns:
            return
        if self._drawn is not None and snap.weights is self._drawn.weights:
            self._drawn = snap
            return
        if not diagram.fits(self.columns, snap.weights, snap.unit_maps):
            return
        self._drawn = snap
        self._scale = diagram.weight_scale(snap.weights)
        for i in range(1, len(self.columns)):
            col, prev = self.columns[i], self.columns[i - 1]
            strengths = diagram.link_strengths(snap.weights[col.weight_name], col, prev,
                                               self._scale)
            for link in self.links[i]:
                link.set_strength(float(strengths[link.j, link.k]))
        self._draw_maps(snap)
        self._show_legend()

    def clear(self) -> None:
        """Forget the previous run; what is drawn stays until the next snapshot replaces it
        (no flash of neutral links when a run starts)."""
        super().clear()

    def export_item(self):
        return self.view

    # --- hovering --------------------------------------------------------------------------------

    def hover(self, scene_pos: QPointF) -> str:
        """Outline what is under ``scene_pos`` and say what it is (in the status line and a
        tooltip); return the text."""
        item = self.item_at(scene_pos)
        text = self._describe(item, scene_pos)
        if item is None:
            self.highlight.setVisible(False)
        else:
            path = QPainterPath()
            if isinstance(item, NodeItem):
                path.addRect(item.rect())
            else:
                path = item.path()
            self.highlight.setPath(path)
            self.highlight.setVisible(True)
        if text != self._hover:
            self._hover = text
            if text:
                self.info.setText(text)
                QToolTip.showText(QCursor.pos(), text, self.canvas)
            else:
                self._show_legend()
                QToolTip.hideText()
        return text

    def item_at(self, scene_pos: QPointF) -> NodeItem | LinkItem | None:
        """The node under ``scene_pos``, else the link under or within a few pixels of it."""
        box = QRectF(scene_pos.x() - HOVER_PIXELS, scene_pos.y() - HOVER_PIXELS,
                     2 * HOVER_PIXELS, 2 * HOVER_PIXELS)
        under = self.canvas.scene().items(scene_pos)
        for item in under:
            if isinstance(item, NodeItem):
                return item
        for item in [*under, *self.canvas.scene().items(box)]:
            if isinstance(item, LinkItem):
                return item
        return None

    def text_at(self, scene_pos: QPointF) -> str:
        """The text for the node or link under ``scene_pos`` ('' for none)."""
        return self._describe(self.item_at(scene_pos), scene_pos)

    def _describe(self, item: NodeItem | LinkItem | None, scene_pos: QPointF) -> str:
        if isinstance(item, NodeItem):
            return self._node_text(item, scene_pos)
        if isinstance(item, LinkItem):
            col, prev = self.columns[item.column], self.columns[item.column - 1]
            W = self._drawn.weights.get(col.weight_name) if self._drawn else None
            return diagram.link_text(col, prev, item.j, item.k, W)
        return ""

    def node_scene_pos(self, column: int, unit: int) -> QPointF:
        """Where node ``unit`` of ``column`` is drawn, in scene coordinates (for tests)."""
        return self.nodes[column][unit].mapToScene(self.nodes[column][unit].rect().center())

    def link_scene_pos(self, column: int, j: int, k: int) -> QPointF:
        """The middle of link W[column][j,k], in scene coordinates (for tests)."""
        link = self.links[column][j * self.columns[column - 1].shown + k]
        return link.mapToScene(link.path().pointAtPercent(0.5))

    # --- building --------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        data = self._data
        cols = diagram.columns(self._layers, data.feature_names) if data is not None else []
        if cols == self.columns:
            return
        self.columns = cols
        self.view.clear()
        self.nodes, self.links, self.texts = [], [], []
        self._margins = {"left": [], "top": [], "bottom": []}
        self._drawn = None  # it was for the previous shape: neutral links
        self.highlight = self._make_highlight()
        centres = diagram.node_centres(cols)
        top = diagram.node_bounds(cols)[3]
        for i, col in enumerate(cols):
            self.nodes.append(self._add_nodes(i, col, centres[i]))
            self.links.append(self._add_links(i, centres) if i else [])
            self._add_captions(i, col, centres[i], top)
        self._fit_range()
        self._show_legend()
        self._show_note(None if cols else "No data to draw: the data settings have a problem "
                        "(see the status bar).")

    def _make_highlight(self) -> QGraphicsPathItem:
        """The outline of the hovered node or link."""
        outline = QGraphicsPathItem()
        outline.setPen(pg.mkPen(HIGHLIGHT, width=2))
        outline.setZValue(4)
        outline.setVisible(False)
        self.view.addItem(outline)
        return outline

    def _add_nodes(self, i: int, col: Column, centres) -> list[NodeItem]:
        nodes = []
        for j, (x, y) in enumerate(centres):
            node = NodeItem(i, j, QPointF(x, y), col.node_size)
            self.view.addItem(node)
            nodes.append(node)
        return nodes

    def _add_links(self, i: int, centres) -> list[LinkItem]:
        links = []
        size_in, size_out = self.columns[i - 1].node_size, self.columns[i].node_size
        for j, (x1, y1) in enumerate(centres[i]):
            for k, (x0, y0) in enumerate(centres[i - 1]):
                link = LinkItem(i, j, k, QPointF(x0 + size_in / 2, y0),
                                QPointF(x1 - size_out / 2, y1))
                link.set_widest(self._widest)
                self.view.addItem(link)
                links.append(link)
        return links

    def _add_captions(self, i: int, col: Column, centres, top: float) -> None:
        """The column's title above the tallest column, the input names on the left, and how
        many units are not drawn below; their gaps are fractions of their own size (anchors
        past 0…1), so they keep clear of the nodes at any zoom."""
        x = centres[0, 0] if col.shown else 0.0
        kind = "" if col.number == 0 else f"{col.label}<br>"
        title = f"<b>{col.title}</b><br><span style='color:#6b7682'>{kind}{col.size_text}</span>"
        self._margins["top"].append(self._text(title, x, top, anchor=(0.5, 1.08)))
        if col.number == 0:
            for j, (cx, cy) in enumerate(centres):
                name = self._text(col.unit_name(j), cx - col.node_size / 2, cy, anchor=(1.1, 0.5))
                self._margins["left"].append(name)
        if col.more:
            bottom = centres[-1, 1] - col.node_size / 2
            more = self._text(f"+{col.more} more", x, bottom, anchor=(0.5, -0.1))
            self._margins["bottom"].append(more)

    def _text(self, html: str, x: float, y: float, anchor) -> pg.TextItem:
        item = pg.TextItem(anchor=anchor, color=FRAME)
        item.setHtml(f"<div style='text-align:center'>{html}</div>")
        font = QFont()
        font.setPointSizeF(8.5)
        item.setFont(font)
        item.textItem.setTextWidth(item.textItem.boundingRect().width())
        item.setPos(x, y)
        item.setZValue(3)
        self.view.addItem(item)
        self.texts.append(item)
        return item

    def _fit_range(self) -> None:
        """Show the nodes as large as the view allows, leaving pixel room for the text."""
        if not self.columns:
            return
        margins = (self._margin("left", QRectF.width), self._margin("top", QRectF.height),
                   MARGIN_PIXELS, self._margin("bottom", QRectF.height))
        size = self.view.size()
        x, y, width, height = diagram.view_rect(self.columns, size.width(), size.height(),
                                                margins)
        self.view.setRange(QRectF(x, y, width, height), padding=0)
        self._fit_texts()

    def _margin(self, side: str, measure) -> float:
        """Pixels the texts on ``side`` need: their largest width or height, and the gap."""
        sizes = [measure(text.textItem.boundingRect()) * 1.15 for text in self._margins[side]]
        return max(sizes, default=0.0) + MARGIN_PIXELS

    def _fit_texts(self) -> None:
        """Hide the texts when nodes are too small for them; keep links thinner than nodes."""
        pixels_per_node = 1.0 / max(self.view.viewPixelSize()[1], 1e-9) * diagram.NODE
        for item in self.texts:
            item.setVisible(pixels_per_node >= TEXT_MIN_PIXELS)
        widest = widest_link(pixels_per_node)
        if widest != self._widest:
            self._widest = widest
            for links in self.links:
                for link in links:
                    link.set_widest(widest)

    # --- drawing ---------------------------------------------------------------------------------

    def _draw_maps(self, snap: Snapshot) -> None:
        inputs = self._input_maps(snap)
        outputs = diagram.output_maps(snap.boundary)
        for i, col in enumerate(self.columns):
            maps = diagram.column_maps(col, snap.unit_maps, inputs, outputs)
            if maps is None:
                for node in self.nodes[i]:
                    node.hide_map()
                continue
            levels = diagram.map_levels(col.kind, maps)
            for j, node in enumerate(self.nodes[i]):
                node.show_map(maps[j], tuple(levels[j]))

    def _input_maps(self, snap: Snapshot):
        grid = snap.grid
        if grid is None or self._data is None:
            return None
        key = (grid, id(self._data.preprocessor))
        if key != self._inputs_key:
            self._inputs_key = key
            self._inputs = diagram.input_maps(self._data.preprocessor, grid)
        return self._inputs

    def _node_text(self, node: NodeItem, scene_pos: QPointF) -> str:
        col = self.columns[node.column]
        text = diagram.node_text(col, node.unit)
        grid = self._drawn.grid if self._drawn else None
        if grid is None or not node.image.isVisible():
            return text
        pixel = node.image.mapFromScene(scene_pos)
        x1, x2, value = diagram.value_at(grid, node.image.image, pixel.x(), pixel.y())
        return (f"{text}: {diagram.signed(value)} at (x₁, x₂) = "
                f"({diagram.signed(x1)}, {diagram.signed(x2)})")

    def _show_legend(self) -> None:
        widest = f"widest |w| = {diagram.signed(self._scale)}" if self._drawn else "no weights yet"
        self.info.setText(
            f"Links: <span style='color:{POSITIVE}'><b>w &gt; 0</b></span> · "
            f"<span style='color:{NEGATIVE}'><b>w &lt; 0</b></span> · width ∝ |w| ({widest})"
            " · hover to read a value")

    # --- following the session ---------------------------------------------------------------

    def _session_changed(self, part: str) -> None:
        if part == "network":
            self._network_edited()

    def _network_edited(self) -> None:
        self.set_network([layer.model_dump() for layer in self._session.experiment.network.layers])
