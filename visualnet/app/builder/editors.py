"""Field editors that report what the student entered and let the inspector accept or refuse it.

A QSpinBox would clamp a typed 1.5 to 1 without a word; these boxes never change their own
value: they report it (``submitted``), and the inspector either applies it as an undoable edit
or shows why not and puts the old value back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

from visualnet.app.builder import fields

Step = QAbstractSpinBox.StepEnabledFlag


class NumberBox(QAbstractSpinBox):
    """Shows one number; Enter or leaving reports the text typed, an arrow the next value."""

    submitted = Signal(object)  # the text typed (str) or the value stepped to (int | float)

    def __init__(
        self,
        step: Callable[[float, int], float],
        allowed: Callable[[float], bool],
        parent=None,
    ):
        super().__init__(parent)
        self._step, self._allowed = step, allowed
        self._value: float = 0
        self.editingFinished.connect(self._finished)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float) -> None:
        self._value = value
        self.lineEdit().setText(fields.show(value))
        self.update()  # the arrows may now be enabled or not

    def stepBy(self, steps: int) -> None:
        self.submitted.emit(self._step(self._value, steps))

    def stepEnabled(self) -> Step:
        flags = Step.StepNone
        if self._allowed(self._step(self._value, 1)):
            flags |= Step.StepUpEnabled
        if self._allowed(self._step(self._value, -1)):
            flags |= Step.StepDownEnabled
        return flags

    def wheelEvent(self, event) -> None:
        # Scrolling the dock past a field must not change it.
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def _finished(self) -> None:
        text = self.lineEdit().text()
        if text != fields.show(self._value):
            self.submitted.emit(text)


class ChoiceBox(QComboBox):
    """One of a Literal's choices; reports the choice the student picks."""

    submitted = Signal(object)

    def __init__(self, choices, tooltips: Callable[[str], str], parent=None):
        super().__init__(parent)
        for i, choice in enumerate(choices):
            self.addItem(str(choice), choice)
            self.setItemData(i, tooltips(str(choice)), role=Qt.ItemDataRole.ToolTipRole)
        self.activated.connect(lambda i: self.submitted.emit(self.itemData(i)))

    def set_value(self, value) -> None:
        self.setCurrentIndex(self.findData(value))
