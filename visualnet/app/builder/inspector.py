"""The inspector: a form for the selected layer, generated from its spec model's fields.

Only the fields that matter are shown (a dense layer shows the one setting its initializer
reads). A refused value leaves the layer as it was and says which values are allowed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from visualnet.app.builder import catalog, fields
from visualnet.app.builder.editors import ChoiceBox
from visualnet.app.forms import numbers
from visualnet.app.forms.number_box import NumberBox
from visualnet.core import validation

LIVE = {("dropout", "keep_prob")}
"""Fields still editable while training runs (the trainer applies them live)."""


class Inspector(QWidget):
    edited = Signal(int, str, object)  # row, field name, new value (already checked)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._row: int | None = None
        self._layer: dict | None = None
        self._editors: dict[tuple[str, str], NumberBox | ChoiceBox] = {}  # by (type, field)
        self._read_only = False
        self._title = QLabel()
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._message.setObjectName("inspectorMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._form_host)
        layout.addWidget(self._message)
        self.show_layer(None, None)

    def message(self) -> str:
        return self._message.text()

    def fields(self) -> list[str]:
        """The names of the fields shown, top to bottom."""
        role = QFormLayout.ItemRole.LabelRole
        return [self._form.itemAt(i, role).widget().text() for i in range(self._form.rowCount())]

    def editor(self, name: str) -> NumberBox | ChoiceBox:
        return self._editors[(self._layer["type"], name)]

    def show_layer(self, row: int | None, layer: dict | None) -> None:
        """Show ``layer`` (at ``row``) and its current values; None shows a hint."""
        if row != self._row:
            self._message.clear()
        self._row, self._layer = row, layer
        if layer is None:
            self._title.setText("Select a layer to edit its settings.")
            self._sync([])
            return
        names = fields.shown(layer)
        note = "" if names else " · no settings"
        self._title.setText(f"<b>Layer {row + 1}</b> · {catalog.NAMES[layer['type']]}{note}")
        self._sync(names)
        for (_, field), editor in self._editors.items():
            editor.set_value(fields.value(layer, field))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._enable()

    def _sync(self, names: list[str]) -> None:
        """Keep the editors of ``names``, drop the others, add the missing ones in order.

        An editor may be the sender of the edit that got us here, so none is deleted at once.
        """
        kind = self._layer["type"] if self._layer else None
        for key in [k for k in self._editors if k[0] != kind or k[1] not in names]:
            rows = self._form.takeRow(self._editors.pop(key))
            for item in (rows.labelItem, rows.fieldItem):
                item.widget().hide()
                item.widget().deleteLater()
        for position, name in enumerate(names):
            if (kind, name) not in self._editors:
                self._form.insertRow(position, *self._make_row(kind, name))
        self._enable()

    def _make_row(self, kind: str, name: str) -> tuple[QLabel, NumberBox | ChoiceBox]:
        editor = self._make_editor(kind, name)
        editor.setToolTip(fields.tooltip(kind, name))
        if isinstance(editor, NumberBox):
            editor.typed.connect(lambda text: self._typed(name, editor, text))
            editor.stepped.connect(lambda value: self._submit(name, value))
        else:
            editor.submitted.connect(lambda value: self._submit(name, value))
        label = QLabel(name)
        label.setToolTip(editor.toolTip())
        self._editors[(kind, name)] = editor
        return label, editor

    def _make_editor(self, kind: str, name: str) -> NumberBox | ChoiceBox:
        info = fields.info(kind, name)
        options = validation.choices(info)
        if options is not None:
            return ChoiceBox(options, lambda choice: fields.choice_tooltip(name, choice))
        return NumberBox(fields.is_integer(kind, name),
                         lambda value: self._allows(kind, name, value))

    def _typed(self, name: str, editor: NumberBox, text: str) -> None:
        if text.strip() != numbers.show(editor.value()):  # leaving a field unchanged is no edit
            self._submit(name, text)

    def _allows(self, kind: str, name: str, value) -> bool:
        layer = self._layer  # an editor waiting to be deleted may ask after the layer changed
        if layer is None or layer["type"] != kind:
            return False
        return fields.check(layer, name, value)[1] is None

    def _enable(self) -> None:
        for key, editor in self._editors.items():
            editor.setEnabled(not self._read_only or key in LIVE)

    def _submit(self, name: str, value) -> None:
        layer = self._layer
        old = fields.value(layer, name)
        typed = fields.parse(value) if isinstance(value, str) else value
        value, reason = fields.check(layer, name, typed)
        if reason:
            self._message.setText(f"{reason} — kept {fields.show(old)}")
            self.editor(name).set_value(old)
            return
        self._message.clear()
        if value == old:
            self.editor(name).set_value(old)  # '0.80' typed for 0.8 shows as 0.8 again
        else:
            self.edited.emit(self._row, name, value)
