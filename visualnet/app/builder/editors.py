"""The inspector's choice box; numbers use the forms' NumberBox.

Like it, the box never changes its own value: it reports the choice (``submitted``) and the
inspector applies it as an undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox


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
