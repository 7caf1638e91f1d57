"""A Qt list model over the plain LayerStack: rows for the view, drag and drop, undoable drops.

The edit methods (insert_layer, remove_layer, …) are what undo commands call; user actions go
through ``undo_stack`` as commands instead, so each one can be undone.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QUndoStack

from visualnet.app.builder import catalog, commands, mime, problems, rows
from visualnet.app.builder.stack import LayerStack

KIND = Qt.ItemDataRole.UserRole
SETTINGS = Qt.ItemDataRole.UserRole + 1
SHAPES = Qt.ItemDataRole.UserRole + 2
FLAGGED = Qt.ItemDataRole.UserRole + 3


class LayerListModel(QAbstractListModel):
    changed = Signal()  # after any edit, once rows and the problem are up to date
    fieldChanged = Signal(int, str, object)  # row, field name, new value

    def __init__(self, undo_stack: QUndoStack, input_dim: int = 2, parent=None):
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.read_only = False
        self._stack = LayerStack()
        self._input_dim = input_dim
        self._id = uuid.uuid4().hex
        self._rows: list[rows.Row] = []
        self.problem: problems.Problem | None = None
        self._recompute()

    # --- the stack -----------------------------------------------------------------------------

    def layers(self) -> list[dict]:
        return self._stack.layers()

    def layer(self, row: int) -> dict:
        return dict(self._stack[row])

    def total_params(self) -> int:
        return sum(row.params for row in self._rows)

    @property
    def input_dim(self) -> int:
        return self._input_dim

    def set_input_dim(self, n_x: int) -> None:
        self._input_dim = n_x
        self._recompute()
        self._announce()

    # --- edits, called by undo commands ---------------------------------------------------------

    def insert_layer(self, row: int, layer: dict) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self._stack.insert(row, layer)
        self._recompute()
        self.endInsertRows()
        self._announce()

    def remove_layer(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self._stack.remove(row)
        self._recompute()
        self.endRemoveRows()
        self._announce()

    def move_layer(self, source: int, target: int) -> None:
        """Move the layer at ``source`` so that it ends up at row ``target``."""
        # Qt counts the destination before the move: the row it will be inserted before.
        before = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), before)
        self._stack.move(source, target)
        self._recompute()
        self.endMoveRows()
        self._announce()

    def set_field(self, row: int, name: str, value) -> None:
        self._stack.set_field(row, name, value)
        self._recompute()
        self._announce()
        self.fieldChanged.emit(row, name, value)

    def replace_layers(self, layers: list[dict]) -> None:
        stack = LayerStack(layers)  # a bad layer type raises here, before the reset starts
        self.beginResetModel()
        self._stack = stack
        self._recompute()
        self.endResetModel()
        self._announce()

    # --- Qt item model ----------------------------------------------------------------------------

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._stack)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        flagged = self.problem is not None and self.problem.row == index.row()
        values = {
            Qt.ItemDataRole.DisplayRole: f"{row.name}  {row.settings}".strip(),
            Qt.ItemDataRole.ToolTipRole: self._tooltip(index.row(), flagged),
            KIND: self._stack[index.row()]["type"],
            SETTINGS: row.settings,
            SHAPES: row.shapes,
            FLAGGED: flagged,
        }
        return values.get(role)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags if self.read_only else Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self):
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [mime.MIME_TYPE]

    def mimeData(self, indexes):
        row = indexes[0].row()
        return mime.encode(dict(self._stack[row]), self._id, row)

    def canDropMimeData(self, data, action, row, column, parent):
        return not self.read_only and mime.decode(data) is not None

    def dropMimeData(self, data, action, row, column, parent):
        payload = mime.decode(data)
        if self.read_only or payload is None or action == Qt.DropAction.IgnoreAction:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._stack)
        if payload["stack"] == self._id:
            source = payload["row"]
            target = row if row <= source else row - 1
            if target != source:
                self.undo_stack.push(commands.Move(self, source, target))
        else:
            self.undo_stack.push(commands.Insert(self, row, payload["layer"]))
        return True

    # --- helpers --------------------------------------------------------------------------------

    def _recompute(self) -> None:
        # Before Qt announces new rows, so that data() can already answer for them.
        layers = self._stack.layers()
        self._rows = rows.describe(layers, self._input_dim)
        self.problem = problems.find(layers)

    def _announce(self) -> None:
        if len(self._stack):
            self.dataChanged.emit(self.index(0), self.index(len(self._stack) - 1))
        self.changed.emit()

    def _tooltip(self, row: int, flagged: bool) -> str:
        r = self._rows[row]
        count = f"{r.params} parameter{'' if r.params == 1 else 's'}"
        lines = [f"{r.name}  {r.settings}".strip(), r.shapes, count]
        lines.append(catalog.BY_KIND[self._stack[row]["type"]].formula)
        if flagged:
            lines.append(f"⚠ {self.problem.reason}")
        return "\n".join(lines)
