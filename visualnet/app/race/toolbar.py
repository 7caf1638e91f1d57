"""The race's toolbar: playback on one row, what the plot shows on the next (narrow enough for
a 1280-pixel window). The tab owns the actions and connects the controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.core.race.playback import (
    PARTS_PER_SECOND,
    POSITIONS,
    STEPS_PER_SECOND,
    speed_at,
    speed_text,
)


class RaceToolbar(QWidget):
    """Buttons for the playback ``actions`` (Play first), the speed slider, the step-by-step
    box, overlay or side by side, contours or heat map."""

    def __init__(self, actions: tuple[QAction, ...], parent: QWidget | None = None):
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 6, 8, 2)
        rows.setSpacing(2)
        row = QHBoxLayout()
        rows.addLayout(row)
        buttons = [action_button(action) for action in actions]
        for button in buttons:
            row.addWidget(button)
        self.play_button = buttons[0]
        row.addSpacing(12)
        row.addWidget(QLabel("Speed"))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal)
        self.speed_slider.setRange(-POSITIONS, POSITIONS)
        self.speed_slider.setValue(0)
        self.speed_slider.setFixedWidth(100)
        self.speed_slider.setToolTip(
            f"Playback speed 0.1×–10×: at 1×, {STEPS_PER_SECOND:g} steps a second "
            f"(step by step, {PARTS_PER_SECOND:g} parts a second)")
        self.speed_label = QLabel("1×")
        self.speed_label.setMinimumWidth(34)
        self.speed_slider.valueChanged.connect(
            lambda p: self.speed_label.setText(speed_text(speed_at(p))))
        row.addWidget(self.speed_slider)
        row.addWidget(self.speed_label)
        row.addStretch(1)

        row = QHBoxLayout()
        rows.addLayout(row)
        self.step_box = QCheckBox("Step by step")
        self.step_box.setToolTip("Take each step apart at the heads: the gradient, the "
                                 "velocity, the scaling by √S and the step by α")
        row.addWidget(self.step_box)
        row.addSpacing(12)
        self.overlay_button, self.grid_button = _segmented(
            row, ("Overlay", "All racers on one surface"),
            ("Side by side", "One small panel per racer, the same surface in each"))
        row.addSpacing(8)
        self.contour_button, self.heat_button = _segmented(
            row, ("Contours", "Contour lines at log-spaced levels of f − f*"),
            ("Heat map", "Colour by log(f − f*), faint contours on top"))
        row.addStretch(1)


def action_button(action: QAction) -> QToolButton:
    """A text-only tool button that shows and triggers ``action``."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def _segmented(row: QHBoxLayout, *choices: tuple[str, str]) -> list[QToolButton]:
    """Checkable buttons of which exactly one is on (the first at the start)."""
    group = QButtonGroup(row.parentWidget())
    buttons = []
    for text, tip in choices:
        button = QToolButton(text=text, checkable=True)
        button.setToolTip(tip)
        group.addButton(button)
        row.addWidget(button)
        buttons.append(button)
    buttons[0].setChecked(True)
    return buttons
