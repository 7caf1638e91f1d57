"""LayerBuilder: palette, layer stack and inspector in one dockable widget.

The plain layer list lives in a LayerStack; a Qt list model shows it; every edit is a
QUndoCommand on ``undo_stack``, so Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo it.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from visualnet.app.builder import catalog, commands
from visualnet.app.builder.inspector import Inspector
from visualnet.app.builder.list_model import LayerListModel
from visualnet.app.builder.palette import Palette
from visualnet.app.builder.stack import LayerStack
from visualnet.app.builder.stack_view import StackView

_UNDO = (QKeySequence("Ctrl+Z"),)
_REDO = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))

_STYLE = """
QLabel[role="heading"] { color: #5d6673; font-weight: bold; margin-top: 6px; }
QLabel[role="note"] { color: #4a5361; }
QLabel#problem { color: #b71c1c; background: #fdecea; border: 1px solid #f1b5b0;
                 border-radius: 4px; padding: 4px 6px; }
QLabel#locked { color: #0d47a1; background: #e8f0fc; border: 1px solid #b6cdf0;
                border-radius: 4px; padding: 4px 6px; }
QLabel#inspectorMessage { color: #b71c1c; }
"""


class LayerBuilder(QWidget):
    """Build the network's layer stack by dragging; edit the selected layer in the inspector."""

    layersChanged = Signal(list)  # the new layer dicts, after every edit, undo or redo
    problemChanged = Signal(str)  # why the stack cannot train, '' when it can
    keepProbEdited = Signal(int, float)  # row of a dropout layer, its new keep_prob

    def __init__(self, layers: list[dict] | None = None, input_dim: int = 2, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._model = LayerListModel(self.undo_stack, input_dim, self)
        self._problem = ""
        self._read_only = False

        self.palette = Palette()
        self.stack = StackView()
        self.stack.setModel(self._model)
        self.inspector = Inspector()
        self._input = QLabel()
        self._total = QLabel()
        self._problem_label = QLabel()
        self._problem_label.setObjectName("problem")
        self._problem_label.setWordWrap(True)
        self._problem_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._locked = QLabel("Training: the layers are locked; keep_prob changes apply live.")
        self._locked.setObjectName("locked")
        self._locked.setWordWrap(True)
        self._locked.hide()
        self._lay_out()
        self.setStyleSheet(_STYLE)
        self._connect()
        self.set_layers(layers or [], undoable=False)

    # --- public API ---------------------------------------------------------------------------

    def layers(self) -> list[dict]:
        """A copy of the layer dicts, input to output."""
        return self._model.layers()

    def set_layers(self, layers: list[dict], undoable: bool) -> None:
        """Show ``layers``. Undoable: one undo step; otherwise the undo history starts anew.

        ValueError, and nothing changes, if a layer's type is unknown.
        """
        layers = LayerStack(layers).layers()  # a bad layer type raises before anything changes
        if undoable:
            self.undo_stack.push(commands.Replace(self._model, layers))
            return
        self._model.replace_layers(layers)
        self._restart_history()

    def set_input_dim(self, n_x: int) -> None:
        """n_x, the rows of X = A[0]: shapes and parameter counts follow it."""
        self._model.set_input_dim(n_x)

    def problem(self) -> str:
        """Why the stack cannot train, or '' if it can."""
        return self._problem

    def set_read_only(self, read_only: bool) -> None:
        """While training runs: no structural edits, no undo; only keep_prob stays editable.

        keep_prob edits made meanwhile become a single undo step once editing is back on.
        """
        if read_only == self._read_only:
            return
        self._read_only = read_only
        self._model.read_only = read_only
        self.palette.setEnabled(not read_only)
        self._locked.setVisible(read_only)
        self.inspector.set_read_only(read_only)
        if read_only:
            # An open macro keeps undo and redo off (canUndo() is False) until it closes.
            self.undo_stack.beginMacro("Change keep_prob while training")
        else:
            self.undo_stack.endMacro()
            self._drop_empty_macro()

    def is_read_only(self) -> bool:
        return self._read_only

    def current_row(self) -> int | None:
        row = self.stack.currentIndex().row()
        return row if row >= 0 else None

    def select_row(self, row: int) -> None:
        self.stack.selectionModel().setCurrentIndex(
            self._model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    # --- keys -----------------------------------------------------------------------------------

    def event(self, event) -> bool:
        # Claim undo/redo keys inside the builder, ahead of window shortcuts with the same keys.
        if event.type() == event.Type.ShortcutOverride and self._history_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key = self._history_key(event)
        if key == "undo" and self.undo_stack.canUndo():
            self.undo_stack.undo()
        elif key == "redo" and self.undo_stack.canRedo():
            self.undo_stack.redo()
        elif key is None:
            super().keyPressEvent(event)

    @staticmethod
    def _history_key(event) -> str | None:
        keys = QKeySequence(event.keyCombination())
        if keys in _UNDO:
            return "undo"
        return "redo" if keys in _REDO else None

    # --- helpers --------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(_heading("Layer types — drag into the stack"))
        layout.addWidget(self.palette)
        layout.addWidget(_heading("Network"))
        layout.addWidget(self._input)
        layout.addWidget(self.stack, stretch=1)
        layout.addWidget(self._total)
        layout.addWidget(self._problem_label)
        layout.addWidget(self._locked)
        layout.addWidget(_heading("Selected layer"))
        layout.addWidget(self.inspector)
        for label in (self._input, self._total):
            label.setProperty("role", "note")

    def _connect(self) -> None:
        model = self._model
        model.changed.connect(self._changed)
        model.fieldChanged.connect(self._field_changed)
        model.rowsInserted.connect(lambda _parent, first, _last: self.select_row(first))
        model.rowsMoved.connect(
            lambda _p, start, _end, _d, row: self.select_row(row - 1 if row > start else row)
        )
        self.stack.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.stack.removeRequested.connect(
            lambda row: self.undo_stack.push(commands.Remove(model, row))
        )
        self.stack.duplicateRequested.connect(
            lambda row: self.undo_stack.push(
                commands.Insert(model, row + 1, model.layer(row), verb="Duplicate")
            )
        )
        self.palette.chosen.connect(
            lambda kind: self.undo_stack.push(
                commands.Insert(model, model.rowCount(), catalog.new_layer(kind))
            )
        )
        self.inspector.edited.connect(
            lambda row, name, value: self.undo_stack.push(
                commands.SetField(model, row, name, value)
            )
        )

    def _changed(self) -> None:
        model = self._model
        self._input.setText(f"Input  X = A[0]: ({model.input_dim}, m)")
        total = model.total_params()
        self._total.setText(f"Total: {total:,} trainable parameter{'' if total == 1 else 's'}")
        problem = model.problem.reason if model.problem else ""
        self._problem_label.setText(f"⚠ {problem}")
        self._problem_label.setVisible(bool(problem))
        self._show_current()
        self.layersChanged.emit(self.layers())
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit(problem)

    def _field_changed(self, row: int, name: str, value) -> None:
        if name == "keep_prob":
            self.keepProbEdited.emit(row, float(value))

    def _show_current(self) -> None:
        row = self.current_row()
        self.inspector.show_layer(row, None if row is None else self._model.layer(row))

    def _restart_history(self) -> None:
        if self._read_only:
            self.undo_stack.endMacro()
        self.undo_stack.clear()
        if self._read_only:
            self.undo_stack.beginMacro("Change keep_prob while training")

    def _drop_empty_macro(self) -> None:
        last = self.undo_stack.command(self.undo_stack.index() - 1)
        if last is not None and last.childCount() == 0:
            last.setObsolete(True)  # an obsolete command leaves the stack when undone
            self.undo_stack.undo()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label
