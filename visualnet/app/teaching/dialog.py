"""View ▸ Teaching mode…: a tick box per panel, plot and run button, ticked = students see it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.teaching.mode import GROUPS, Item

COLUMNS = 3
"""Tick boxes per row inside a group."""

INTRO = ("Untick what students should not see. The choice is saved in the experiment file "
         "(File ▸ Save): students who open it see only the ticked items.")


class TeachingDialog(QDialog):
    """Tick boxes for ``items``; those in ``hidden`` start unticked."""

    def __init__(self, items: list[Item], hidden: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Teaching mode")
        self.setObjectName("teaching_dialog")
        self.boxes: dict[str, QCheckBox] = {}
        self.show_all_requested = False
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for group in GROUPS:
            members = [item for item in items if item.group == group]
            if members:
                layout.addWidget(self._group(group, members, set(hidden)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.show_all_button = QPushButton("Show all")
        self.show_all_button.setToolTip("Leave teaching mode: every panel, plot and button "
                                        "is shown again")
        buttons.addButton(self.show_all_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.show_all_button.clicked.connect(self._show_all)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)

    def hidden(self) -> list[str]:
        """Keys of the unticked items, in the dialog's order."""
        return [key for key, box in self.boxes.items() if not box.isChecked()]

    def _group(self, title: str, items: list[Item], hidden: set[str]) -> QGroupBox:
        box = QGroupBox(f"{title} — show to students")
        grid = QGridLayout(box)
        for k, item in enumerate(items):
            check = QCheckBox(item.title)
            check.setObjectName(item.key)
            check.setChecked(item.key not in hidden)
            self.boxes[item.key] = check
            grid.addWidget(check, *divmod(k, COLUMNS))
        return box

    def _show_all(self) -> None:
        for box in self.boxes.values():
            box.setChecked(True)
        self.show_all_requested = True
        self.accept()
