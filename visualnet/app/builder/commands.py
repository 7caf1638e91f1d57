"""Every edit of the layer stack as one QUndoCommand, so Ctrl+Z / Ctrl+Shift+Z undo and redo it.

Each command holds what it needs to go both ways and acts on the Qt list model, which keeps
the plain stack and the views in step.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from visualnet.app.builder import catalog, fields


class Insert(QUndoCommand):
    def __init__(self, model, row: int, layer: dict, verb: str = "Add"):
        super().__init__(f"{verb} {catalog.NAMES[layer['type']]}")
        self._model, self._row, self._layer = model, row, copy.deepcopy(layer)

    def redo(self):
        self._model.insert_layer(self._row, self._layer)

    def undo(self):
        self._model.remove_layer(self._row)


class Remove(QUndoCommand):
    def __init__(self, model, row: int):
        self._layer = model.layer(row)
        super().__init__(f"Remove {catalog.NAMES[self._layer['type']]}")
        self._model, self._row = model, row

    def redo(self):
        self._model.remove_layer(self._row)

    def undo(self):
        self._model.insert_layer(self._row, self._layer)


class Move(QUndoCommand):
    """Move the layer at ``source`` so that it ends up at row ``target``."""

    def __init__(self, model, source: int, target: int):
        super().__init__(f"Move {catalog.NAMES[model.layer(source)['type']]}")
        self._model, self._source, self._target = model, source, target

    def redo(self):
        self._model.move_layer(self._source, self._target)

    def undo(self):
        self._model.move_layer(self._target, self._source)


class SetField(QUndoCommand):
    def __init__(self, model, row: int, name: str, value):
        super().__init__(f"Change {name}")
        self._model, self._row, self._name = model, row, name
        self._old, self._new = fields.value(model.layer(row), name), value

    def redo(self):
        self._model.set_field(self._row, self._name, self._new)

    def undo(self):
        self._model.set_field(self._row, self._name, self._old)


class Replace(QUndoCommand):
    def __init__(self, model, layers: list[dict]):
        super().__init__("Replace layers")
        self._model, self._old, self._new = model, model.layers(), copy.deepcopy(layers)

    def redo(self):
        self._model.replace_layers(self._new)

    def undo(self):
        self._model.replace_layers(self._old)
