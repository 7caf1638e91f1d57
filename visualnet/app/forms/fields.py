"""Editors for single schema fields: the widget, its label, tooltip and refusals come from the
field's declaration (type, range, Literal choices, description), never from a second table.

``editor_for(model, name)`` picks the editor: a number box for int and float, a check box for
bool, a combo box for a Literal. Every value reaches the model through ``commit``, which lets
pydantic validate the assignment; a refused value leaves the model as it was, marks the field
red and says the allowed range under it: "α must be in (0, 10], got 100".
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, ValidationError
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QVBoxLayout, QWidget

from visualnet.app.forms import labels, numbers
from visualnet.app.forms.number_box import NumberBox
from visualnet.core import validation

REFUSED_BACKGROUND = QColor("#fde4e4")
REFUSED_TEXT = "#b3261e"


def editor_for(model: BaseModel, name: str, parent: QWidget | None = None) -> FieldEditor:
    """The editor that fits field ``name`` of ``model``."""
    info = type(model).model_fields[name]
    if validation.choices(info) is not None:
        return ChoiceEditor(model, name, parent)
    if info.annotation is bool:
        return BoolEditor(model, name, parent)
    if info.annotation in (int, float):
        return NumberEditor(model, name, parent)
    raise TypeError(f"no editor for {type(model).__name__}.{name} ({info.annotation})")


class FieldEditor(QWidget):
    """Edits one field of a pydantic model in place; the schema decides what is allowed.

    ``label`` is a QLabel for the form to place beside the editor. ``committed`` carries each
    accepted new value after it is written into the model; ``bind`` and ``refresh`` never emit.
    """

    committed = Signal(object)

    def __init__(self, model: BaseModel, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.name = name
        self.info = type(model).model_fields[name]
        self.symbol = labels.symbol(model, name)
        self.label = QLabel(labels.label(model, name))
        self.input = self._create_input()
        self.input.setAccessibleName(self.label.text())
        self.label.setBuddy(self.input)
        self._allowed = validation.allowed(self.info)
        self._note = ""
        self._lock = ""
        self._error = ""
        self._message = QLabel(wordWrap=True, visible=False)
        self._message.setStyleSheet(f"color: {REFUSED_TEXT};")
        self._palette = QPalette(self.input.palette())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        layout.addWidget(self._message)
        self._update_tooltip()
        self.refresh()

    @property
    def error(self) -> str:
        """Why the last entry was refused, or '' (cleared by the next accepted value)."""
        return self._error

    def value(self) -> Any:
        return getattr(self.model, self.name)

    def bind(self, model: BaseModel) -> None:
        """Edit the same field of another instance (after undo or opening a file)."""
        self.model = model
        self.refresh()

    def refresh(self) -> None:
        """Show the model's value and forget any refusal, without emitting ``committed``."""
        self._set_error("")
        self._show(self.value())

    def commit(self, value: Any) -> bool:
        """Write ``value`` into the model if the schema allows it; else refuse it and say why."""
        if value == self.value():
            self._show(value)
            return True
        problem = self._problem(value)
        if problem is None:
            try:
                setattr(self.model, self.name, value)
            except ValidationError:
                problem = self._out_of_range(value)
        if problem is not None:
            self._set_error(problem)
            self._show(self.value())
            return False
        self._set_error("")
        self._show(self.value())
        self.committed.emit(self.value())
        return True

    def set_locked(self, reason: str) -> None:
        """Disable the editor with ``reason`` as its tooltip; '' enables it again."""
        self._lock = reason
        self.setEnabled(not reason)
        self.label.setEnabled(not reason)
        self._update_tooltip()

    def _create_input(self) -> QWidget:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    def _problem(self, value: Any) -> str | None:
        """A refusal decided before the schema is asked (e.g. a range narrower than its own)."""
        return None

    def _rule(self) -> str:
        """The allowed values in words, for the tooltip ('' when the widget allows only them)."""
        return ""

    def _out_of_range(self, value: Any) -> str:
        got = numbers.show(value) if isinstance(value, int | float) else repr(value)
        return f"{self.symbol} must be {self._allowed}, got {got}"

    def _set_error(self, message: str) -> None:
        self._error = message
        self._message.setText(message)
        self._message.setVisible(bool(message))
        palette = QPalette(self._palette)
        if message:
            palette.setColor(QPalette.ColorRole.Base, REFUSED_BACKGROUND)
        self.input.setPalette(palette)

    def _update_tooltip(self) -> None:
        lines = [self.info.description or "", self._rule(), self._note]
        tip = self._lock or "\n".join(line for line in lines if line)
        self.input.setToolTip(tip)
        self.label.setToolTip(tip)


class NumberEditor(FieldEditor):
    """An int or float field in a NumberBox: typed text such as '1e-8' or '64', or the arrows."""

    def _create_input(self) -> NumberBox:
        self._integer = self.info.annotation is int
        self._bounds = validation.bounds(self.info)
        box = NumberBox(self._integer, lambda value: numbers.inside(value, self._bounds))
        box.typed.connect(self._typed)
        box.stepped.connect(self.commit)
        return box

    def set_maximum(self, maximum: int | float | None, note: str = "") -> None:
        """Narrow the schema's range to at most ``maximum`` in this form (None: the schema's);
        ``note`` says why in the tooltip, e.g. 'm = 400 training examples'."""
        schema = validation.bounds(self.info)
        self._bounds = dict(schema)
        if maximum is not None:
            self._bounds = {k: v for k, v in schema.items() if k in ("gt", "ge")} | {"le": maximum}
        self._allowed = validation.allowed(Field(**self._bounds))
        self._note = note if maximum is not None else ""
        self._update_tooltip()
        self.input.update()

    def _typed(self, text: str) -> None:
        value = numbers.parse(text, self._integer)
        if value is None:
            kind = "a whole number" if self._integer else "a number"
            self._set_error(f"{self.symbol} must be {kind} {self._allowed}, got {text.strip()!r}")
            self._show(self.value())
        else:
            self.commit(value)

    def _show(self, value: int | float) -> None:
        self.input.set_value(value)

    def _problem(self, value: int | float) -> str | None:
        return None if numbers.inside(value, self._bounds) else self._out_of_range(value)

    def _rule(self) -> str:
        return f"{self.symbol} must be {self._allowed}"


class BoolEditor(FieldEditor):
    """A bool field as a check box."""

    def _create_input(self) -> QCheckBox:
        box = QCheckBox()
        box.toggled.connect(self.commit)
        return box

    def _show(self, value: bool) -> None:
        self.input.blockSignals(True)
        self.input.setChecked(value)
        self.input.blockSignals(False)


class ChoiceEditor(FieldEditor):
    """A Literal field as a combo box with readable labels; the item data is the value."""

    def _create_input(self) -> QComboBox:
        combo = QComboBox()
        for value in validation.choices(self.info):
            combo.addItem(labels.choice(value), value)
        combo.currentIndexChanged.connect(lambda i: self.commit(combo.itemData(i)))
        return combo

    def _show(self, value: str) -> None:
        self.input.blockSignals(True)
        self.input.setCurrentIndex(self.input.findData(value))
        self.input.blockSignals(False)
