"""Click on a plot of the input plane to add training points, as in ConvNetJS.

Attach a ``PointAdder`` to any pyqtgraph PlotItem (or ViewBox) whose axes are the raw inputs
x₁, x₂::

    adder = PointAdder(plot_widget.getPlotItem(), session, controller)

- click: add a point of class 0;  Shift+click: class 1;
- Ctrl+click: the class picked in ``adder.class_box`` (for data with more than two classes;
  the number keys 0–9 pick it too while the plot has the keyboard focus);
- each addition is one undoable edit on ``adder.undo_stack`` (``undo_action``, ``redo_action``);
  ``clear_action`` removes every added point, also undoably.

The points go to ``experiment.data.extra_points`` as (x₁, x₂, class), and ``session.edited
("data")`` re-prepares the data, which appends them to the training split. The adder is off,
with the reason as the plot's tooltip, while a run is active (the training set cannot change
mid-run) and when the data is not 2-D points with classes. Added points are ringed on the plot.
"""

from __future__ import annotations

import weakref

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from visualnet.app.diagram.items import FRAME

CLICK_CLASS, SHIFT_CLASS = 0, 1
RING_SIZE = 13


class PointAdder(QObject):
    """Adds (x₁, x₂, class) training points where the user clicks on ``plot``."""

    changed = Signal()
    """The added points, or whether adding is possible, changed."""

    def __init__(self, plot, session, controller, parent: QObject | None = None):
        view: pg.ViewBox = plot.getViewBox() if hasattr(plot, "getViewBox") else plot
        super().__init__(parent or view)
        self.view = view
        if self.view.scene() is None:
            raise ValueError("PointAdder: add the plot to a scene (a PlotWidget) first")
        self.session, self.controller = session, controller
        self.enabled, self.reason = False, ""
        self.undo_stack = QUndoStack(self)
        self.undo_action = QAction("Undo add point", self)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction("Redo add point", self)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        self.clear_action = QAction("Clear added points", self)
        self.clear_action.setToolTip("Remove every point added by clicking (undoable)")
        self.clear_action.triggered.connect(self.clear)
        self.class_box = QComboBox()
        self.class_box.setToolTip("The class Ctrl+click adds (the number keys 0–9 pick it "
                                  "while the plot has the keyboard focus)")
        self.rings = pg.ScatterPlotItem(size=RING_SIZE, pen=pg.mkPen(FRAME, width=1.5),
                                        brush=None, symbol="o")
        self.rings.setZValue(20)
        self.view.addItem(self.rings, ignoreBounds=True)
        self.view.scene().sigMouseClicked.connect(self._clicked)
        for widget in self.view.scene().views():
            widget.installEventFilter(self)
        for signal, slot in ((self.undo_stack.indexChanged, PointAdder._refresh),
                             (session.replaced, PointAdder._replaced),
                             (session.dataChanged, PointAdder._refresh),
                             (controller.stateChanged, PointAdder._refresh)):
            signal.connect(_while_alive(self, slot))
        self._refresh()

    def controls(self) -> QWidget:
        """A row to put above the plot: how clicking adds points, and Ctrl+click's class."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 0, 4, 0)
        hint = QLabel(f"Add points: click = class {CLICK_CLASS} · Shift+click = class "
                      f"{SHIFT_CLASS} · Ctrl+click =")
        hint.setStyleSheet("color: #4a5361;")
        layout.addWidget(hint)
        layout.addWidget(self.class_box)
        layout.addStretch(1)

        def follow() -> None:
            row.setVisible(not self._data_problem())
            row.setEnabled(self.enabled)
            row.setToolTip("" if self.enabled else self.reason)

        self.changed.connect(follow)
        follow()
        return row

    # --- editing -----------------------------------------------------------------------------

    @property
    def points(self) -> list[tuple[float, float, int]]:
        """The points added so far: (x₁, x₂, class)."""
        return list(self.session.experiment.data.extra_points)

    def add(self, x1: float, x2: float, cls: int) -> bool:
        """Add one training point (undoable); False, and nothing done, when adding is off."""
        if not self.enabled or not 0 <= cls < self.class_box.count():
            return False
        new = [*self.points, (float(x1), float(x2), int(cls))]
        self.undo_stack.push(_SetPoints(self.session, new, f"Add a class-{cls} point"))
        return True

    def clear(self) -> None:
        """Remove every added point (undoable)."""
        if self.enabled and self.points:
            self.undo_stack.push(
                _SetPoints(self.session, [], f"Clear {len(self.points)} added points"))

    # --- mouse and keys ----------------------------------------------------------------------

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        if event.isAccepted() and not isinstance(event.currentItem, pg.ScatterPlotItem):
            return  # a legend entry or another control took the click (points may be stacked)
        if not self.view.sceneBoundingRect().contains(event.scenePos()):
            return
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            cls = self.class_box.currentIndex()
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            cls = SHIFT_CLASS
        else:
            cls = CLICK_CLASS
        point = self.view.mapSceneToView(event.scenePos())
        if self.add(point.x(), point.y(), cls):
            event.accept()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.enabled:
            digit = event.key() - Qt.Key.Key_0
            if 0 <= digit < min(self.class_box.count(), 10):
                self.class_box.setCurrentIndex(digit)
                return True
        return super().eventFilter(watched, event)

    # --- state -------------------------------------------------------------------------------

    def _replaced(self) -> None:
        self.undo_stack.clear()
        self._refresh()

    def _refresh(self) -> None:
        data_problem = self._data_problem()
        if data_problem:
            self.enabled, self.reason = False, data_problem
        elif self.controller.busy:
            self.enabled, self.reason = False, ("Stop training to add points: the training set "
                                                "cannot change during a run")
        else:
            self.enabled, self.reason = True, ""
        self._fill_classes([] if data_problem else self.session.data.class_names)
        ringed = [] if data_problem else self.points
        self.rings.setData([p[0] for p in ringed], [p[1] for p in ringed])
        hint = (f"Click: add a class-{CLICK_CLASS} point · Shift+click: class {SHIFT_CLASS} · "
                "Ctrl+click: the class picked in the class box (or press its number)")
        self.view.setToolTip(hint if self.enabled else self.reason)
        self.undo_action.setEnabled(self.enabled and self.undo_stack.canUndo())
        self.redo_action.setEnabled(self.enabled and self.undo_stack.canRedo())
        self.clear_action.setEnabled(self.enabled and bool(self.points))
        for action in (self.undo_action, self.redo_action, self.clear_action):
            action.setToolTip(action.text() if self.enabled else self.reason)
        self.class_box.setEnabled(self.enabled)
        self.changed.emit()

    def _data_problem(self) -> str:
        """Why points cannot be added to this data ('' if they can)."""
        data = self.session.data
        if data is None:
            return f"Points can be added once the data loads ({self.session.data_error})"
        if not data.is_planar:
            return (f"Points can be added only to 2-D data; this data has "
                    f"{data.train.X_raw.shape[0]} inputs per example")
        if data.train.labels is None:
            return "Points need classes; this data has numeric targets (regression)"
        return ""

    def _fill_classes(self, names: list[str]) -> None:
        labels = [f"class {i}" if name in (str(i), f"class {i}") else f"class {i}: {name}"
                  for i, name in enumerate(names)]
        if labels != [self.class_box.itemText(i) for i in range(self.class_box.count())]:
            current = self.class_box.currentIndex()
            self.class_box.clear()
            self.class_box.addItems(labels)
            self.class_box.setCurrentIndex(min(max(current, 0), len(labels) - 1))


def _while_alive(adder: PointAdder, slot):
    """A slot calling ``slot(adder)`` while the adder and its plot exist, and doing nothing
    after: the session outlives any plot the adder was attached to."""
    ref = weakref.ref(adder)

    def call(*_args) -> None:
        alive = ref()
        if alive is not None and shiboken6.isValid(alive) and shiboken6.isValid(alive.rings):
            slot(alive)

    return call


class _SetPoints(QUndoCommand):
    """Replace the added points, keeping the previous list to undo."""

    def __init__(self, session, points: list, text: str):
        super().__init__(text)
        self._session = session
        self._experiment = session.experiment
        self._old, self._new = list(session.experiment.data.extra_points), points

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)

    def _apply(self, points: list) -> None:
        if self._session.experiment is not self._experiment:
            self.setObsolete(True)
            return
        self._experiment.data.extra_points = list(points)
        self._session.edited("data")
