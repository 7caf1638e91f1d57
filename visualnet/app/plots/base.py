"""The common shape of a live plot: created once, then fed snapshots at ≈30 Hz.

A live plot creates its pyqtgraph items once and updates them with ``setData``/``setImage``
in ``draw``; it never clears and re-plots. ``key`` names it in saved layouts and in teaching
mode's list of hidden plots. A plot that has nothing to show for the current data (a boundary
for 64-D digits, masks without a dropout layer) shows a short note instead.

While a run trains, the plots of one snapshot are drawn one per pass of the event loop: the GUI
answers input and timers between two plots rather than after all of them.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.plots.hint import EmptyHint
from visualnet.app.training.controller import ACTIVE
from visualnet.core.data.prepared import PreparedData
from visualnet.core.training.recorder import Snapshot
from visualnet.core.visualize import CLASS_COLOURS

PALETTE = {
    "train": "#1f77b4",
    "dev": "#ff7f0e",
    "test": "#2ca02c",
    "raw": "#9aa5b1",
    "smooth": "#1f3b73",
    "grid": 0.25,
    "gradient": "#8d99a6",
    "velocity": "#c0392b",
    "corrected": "#7b241c",
    "sqrt_s": "#6c3483",
    "expected": "#c0392b",
    "note": "#6b7280",
    "human": "#6b7280",
}
"""Colours shared by every plot: train blue, dev orange, test green."""

MARKED_EPOCHS = 100
"""A run of at most this many epochs draws its per-epoch series with a marker per epoch, a
longer one a plain line from its first epoch: thousands of markers would cost the GUI thread
more than the whole plot is worth, and turning them into a line in mid-run changed the plot's
look and cost that frame ~25 ms."""


def marks_epochs(snap: Snapshot) -> bool:
    """Whether ``snap``'s run draws a marker per epoch: at most MARKED_EPOCHS planned (or, for a
    snapshot that plans none, done)."""
    return max(len(snap.epoch_x), snap.epochs) <= MARKED_EPOCHS

BOTTOM_SIZE = (600, 240)
"""Preferred size of the plots tabbed along the bottom: wide and low."""

SAMPLES_PER_PIXEL = 1.0
"""Long curves are drawn from about two points (a pixel column's min and max) per pixel of
width. pyqtgraph's default keeps five times as many, which looks the same and costs the GUI
thread more."""

LAYER_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f", "#ff7f0e")
"""One colour per layer l = 1, 2, … (repeating after 10)."""


class LivePlot(QWidget):
    """Base class. Subclasses set ``key``, ``title``, ``tooltip`` and implement ``draw``."""

    key = "plot"
    title = "Plot"
    tooltip = ""

    preferred_size = (420, 240)
    """The size a dock first gives this plot, before the user resizes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(self.key)
        self.setToolTip(self.tooltip)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self._layout.setSpacing(2)
        self._seen: dict[str, object] = {}
        self._pending: Snapshot | None = None
        self._queued: Snapshot | None = None
        self._dock: QDockWidget | None = None
        self._pages: QStackedWidget | None = None
        self.note: QLabel | None = None
        self.hint: EmptyHint | None = None
        """Over the plot until the run's first iteration (``add_hint``)."""

    def add_hint(self, widget: QWidget, text: str) -> None:
        """Say over ``widget``, while no mini-batch has been trained and no run is under way,
        what it will show."""
        self.hint = EmptyHint(widget, text)

    def sizeHint(self) -> QSize:
        return QSize(*self.preferred_size)

    def set_data(self, data: PreparedData | None) -> None:
        """The data changed (new experiment, new split): adapt axes, legends, points."""

    def show_snapshot(self, snap: Snapshot) -> None:
        """Draw the latest snapshot. A plot behind another dock's tab, or in a closed dock,
        only keeps it and draws it when shown: hidden plots cost the GUI thread nothing."""
        if self.hint is not None:
            self.hint.setVisible(snap.iteration == 0 and snap.state not in ACTIVE)
        if not self.isVisible() or self.visibleRegion().isEmpty():
            self._pending, self._queued = snap, None
            return
        self._pending = None
        if snap.state == "running":
            self._queued = snap
            _DRAWS.add(self)
        else:  # the run holds or ended: draw now, as tests and screenshots expect
            self._queued = None
            self.draw(snap)

    def draw(self, snap: Snapshot) -> None:
        """Update the items in place from ``snap`` (subclasses)."""

    def clear(self) -> None:
        """Forget the previous run (a new run starts); subclasses also empty their items."""
        if self.hint is not None:
            self.hint.show()
        self._pending = self._queued = None
        self._seen.clear()

    def export_item(self):
        """The pyqtgraph item or scene that File ▸ Export plot writes as PNG/SVG."""
        return None

    # --- helpers for subclasses --------------------------------------------------------------

    def _set_body(self, body: QWidget) -> None:
        """Show ``body`` (the plots), or in its place a note when there is nothing to draw."""
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet(f"color: {PALETTE['note']}; font-size: 11pt; padding: 16px;")
        self._pages = QStackedWidget()
        self._pages.addWidget(body)
        self._pages.addWidget(self.note)
        self._layout.addWidget(self._pages, 1)

    def _show_note(self, text: str | None) -> None:
        """A note (the reason the plot is empty) instead of the plots; None shows the plots."""
        self.note.setText(text or "")
        self._pages.setCurrentIndex(1 if text else 0)

    @property
    def showing_note(self) -> bool:
        return self._pages is not None and self._pages.currentIndex() == 1

    def _is_new(self, name: str, value: object) -> bool:
        """True when ``value`` is not the object seen last time under ``name`` (and remember it).

        The recorder replaces its heavy arrays on each refresh, so identity tells whether a
        snapshot brings new ones; the view then skips the work when it does not.
        """
        if self._seen.get(name, self) is value:
            return False
        self._seen[name] = value
        return True

    def _forget(self) -> None:
        """Forget what was drawn, so the next snapshot redraws everything."""
        self._seen.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ParentChange:
            self._watch_dock()
        super().changeEvent(event)

    def _watch_dock(self) -> None:
        """Follow the dock holding this plot, to draw what arrived while its tab was hidden."""
        dock = self.parentWidget()
        while dock is not None and not isinstance(dock, QDockWidget):
            dock = dock.parentWidget()
        if dock is not self._dock:
            if self._dock is not None:
                self._dock.visibilityChanged.disconnect(self._dock_shown)
            self._dock = dock
            if dock is not None:
                dock.visibilityChanged.connect(self._dock_shown)

    def _dock_shown(self, visible: bool) -> None:
        if visible and self._pending is not None:
            snap, self._pending = self._pending, None
            self.draw(snap)

    def _draw_queued(self) -> None:
        snap, self._queued = self._queued, None
        if snap is not None:
            self.draw(snap)


class _DrawQueue:
    """Plots with a snapshot to draw, drawn one per pass of the event loop (a zero timer
    fires after the paint of the previous plot)."""

    def __init__(self):
        self._plots: dict[LivePlot, None] = {}  # insertion-ordered set
        self._timer: QTimer | None = None

    def add(self, plot: LivePlot) -> None:
        self._plots[plot] = None
        if self._timer is None:  # made on first use, and goes with the application
            self._timer = QTimer(QApplication.instance())
            self._timer.setSingleShot(True)
            self._timer.setInterval(0)
            self._timer.timeout.connect(self._draw_next)
        if not self._timer.isActive():
            self._timer.start()

    def _draw_next(self) -> None:
        if self._plots:
            plot = next(iter(self._plots))
            del self._plots[plot]
            if shiboken6.isValid(plot):  # its window may have closed meanwhile
                plot._draw_queued()
        if self._plots:
            self._timer.start()


_DRAWS = _DrawQueue()


def drawing() -> bool:
    """Whether plots are still waiting to draw the snapshot they were shown."""
    return bool(_DRAWS._plots)


MIN_PLOT_HEIGHT = 160
"""Pixels a plot keeps however small the window: its title, axis and legend take about 90,
and a curve needs room above them (at 1280×800 the cost and error plots were squeezed flat)."""


def make_plot(title: str, x_label: str, y_label: str, log_y: bool = False,
              legend: bool = True, axis_items: dict | None = None) -> pg.PlotWidget:
    """A PlotWidget in the house style: light grid, labelled axes, a legend below the axes."""
    widget = pg.PlotWidget(axisItems=axis_items)
    widget.setMinimumHeight(MIN_PLOT_HEIGHT)
    style_plot(widget.getPlotItem(), title, x_label, y_label, log_y, legend)
    return widget


def style_plot(item: pg.PlotItem, title: str, x_label: str, y_label: str,
               log_y: bool = False, legend: bool = True) -> pg.PlotItem:
    """Give a PlotItem the house style (also for plots inside a GraphicsLayoutWidget).

    The legend sits under the x axis, never over the data; curves made with
    ``item.plot(..., name=...)`` join it.
    """
    item.setTitle(title or None, size="10pt")  # None: no title row at all
    item.setLabel("bottom", x_label)
    item.setLabel("left", y_label)
    item.getAxis("left").enableAutoSIPrefix(False)  # "J (x0.001)" reads worse than 0.001
    item.showGrid(x=True, y=True, alpha=PALETTE["grid"])
    item.setLogMode(y=log_y)
    if legend:
        item.legend = BelowLegend(item)
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        # An axis (with its grid lines) repaints from a cached pixmap until its range changes.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Ticks and grid lines at the labelled values only: a finer grid between them made a
        # range change cost the velocity plot ~14 ms of painting instead of ~8. The axis keeps
        # the room its widest labels took: narrowing by a few pixels when they got shorter
        # resized the whole plot (~12 ms of painting), only to widen it at the next range step.
        axis.setStyle(maxTickLevel=0, autoReduceTextSpace=False)
    return item


def add_line(item: pg.PlotItem, **kwargs) -> pg.PlotDataItem:
    """``item.plot(**kwargs)`` for a long curve: thinned to SAMPLES_PER_PIXEL as it is drawn
    (only its visible part, recomputed on zoom, so zooming in shows every stored point)."""
    curve = item.plot(**kwargs)
    curve.opts["autoDownsampleFactor"] = SAMPLES_PER_PIXEL  # pyqtgraph has no setter for it
    return curve


class BelowLegend(pg.LegendItem):
    """A legend in a row of its own under a PlotItem's x axis, its entries side by side and
    wrapping onto more rows when the plot is narrow."""

    SAMPLE_WIDTH = 34
    """Pixels of an entry's line sample and spacing, besides its text."""

    def __init__(self, item: pg.PlotItem):
        super().__init__(labelTextSize="9pt", frame=False, horSpacing=6)
        self._item = item
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.setMinimumWidth(1)  # never widen the plot: reflow() makes the rows fit instead
        item.layout.addItem(self, 4, 0, 1, 3)
        item.layout.setAlignment(self, Qt.AlignmentFlag.AlignHCenter)
        item.geometryChanged.connect(self.reflow)

    def addItem(self, item, name):
        super().addItem(item, name)
        self.reflow()

    def reflow(self) -> None:
        """As many entries per row as fit the plot's width."""
        if not self.items:
            return
        widths = [label.item.boundingRect().width() + self.SAMPLE_WIDTH
                  for _sample, label in self.items]
        available = self._item.width()
        columns = len(widths)
        while columns > 1 and _grid_width(widths, columns) > available:
            columns -= 1
        if columns != self.columnCount:
            self.setColumnCount(columns)


def _grid_width(widths: list[float], columns: int) -> float:
    """Width of entries laid out row by row in ``columns`` columns (each as wide as its
    widest entry)."""
    return sum(max(widths[j::columns]) for j in range(columns))


def make_selector(label: str, tooltip: str) -> tuple[QWidget, QComboBox]:
    """A row 'label [combo box]' above a plot; returns (row, combo)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(4, 0, 4, 0)
    combo = add_choice(row, label, tooltip)
    layout.addStretch(1)
    return row, combo


def add_choice(row: QWidget, label: str, tooltip: str) -> QComboBox:
    """Append 'label [combo box]' to a row of controls; returns the combo box."""
    text = QLabel(label)
    combo = QComboBox()
    combo.setToolTip(tooltip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    text.setBuddy(combo)
    row.layout().addWidget(text)
    row.layout().addWidget(combo)
    return combo


def class_colour(k: int) -> tuple[int, int, int]:
    """RGB of class k, as the core's class maps colour it."""
    return CLASS_COLOURS[k % len(CLASS_COLOURS)]


def layer_colour(layer: int) -> str:
    """Colour of layer l (from 1)."""
    return LAYER_COLOURS[(layer - 1) % len(LAYER_COLOURS)]


_PARAM = re.compile(r"^([A-Za-z]+)(\d+)(?:\[(\d+),(\d+)\])?$")


def course_name(name: str) -> str:
    """'W2' → 'W[2]'; 'W1[3,0]' → 'W[1] (3, 0)' (the course puts the layer in brackets)."""
    match = _PARAM.match(name)
    if not match:
        return name
    kind, layer, i, j = match.groups()
    return f"{kind}[{layer}]" + (f" ({i}, {j})" if i is not None else "")


def layer_number(name: str) -> int:
    """'W3' → 3 (1 for a name without a number)."""
    match = _PARAM.match(name)
    return int(match.group(2)) if match else 1
