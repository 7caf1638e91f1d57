"""A spin box over Python numbers that lets its owner accept or refuse every value.

QSpinBox and QDoubleSpinBox clamp typed values to their range without a word, cannot hold a
seed up to 2³² − 1, and hide scientific notation. This box accepts any text; Enter or leaving
the box reports it (``typed``), the arrows report the next value (``stepped``), and its owner
decides, so a refused value can be explained.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractSpinBox

from visualnet.app.forms import numbers

Step = QAbstractSpinBox.StepEnabledFlag


class NumberBox(QAbstractSpinBox):
    """Shows one number; reports typed text and arrow steps instead of changing by itself."""

    typed = Signal(str)
    stepped = Signal(object)

    def __init__(self, integer: bool, accepts: Callable[[float], bool], parent=None):
        super().__init__(parent)
        self._integer = integer
        self._accepts = accepts
        self._value: int | float = 0
        self.setMinimumWidth(90)
        self.editingFinished.connect(lambda: self.typed.emit(self.text()))

    def value(self) -> int | float:
        return self._value

    def set_value(self, value: int | float) -> None:
        self._value = value
        self.lineEdit().setText(numbers.show(value))
        self.update()  # the arrows' enabled state may change

    def stepBy(self, steps: int) -> None:
        self.stepped.emit(numbers.stepped(self._value, steps, self._integer))

    def stepEnabled(self) -> Step:
        flags = Step.StepNone
        if self._accepts(numbers.stepped(self._value, 1, self._integer)):
            flags |= Step.StepUpEnabled
        if self._accepts(numbers.stepped(self._value, -1, self._integer)):
            flags |= Step.StepDownEnabled
        return flags

    def wheelEvent(self, event) -> None:
        # Scrolling the dock over a field must not change the field.
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
