"""Preset buttons for the mini-batch size: the course's powers of two and the full batch."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

SIZES = (64, 128, 256, 512)


class BatchPresets(QWidget):
    """64 · 128 · 256 · 512 · Full batch; the button of the current size is shown pressed."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._m: int | None = None
        self._lock = ""
        self.buttons = {size: self._button(str(size)) for size in SIZES}
        self.full = self._button("Full batch")
        for size, button in self.buttons.items():
            button.clicked.connect(lambda _=False, size=size: self.chosen.emit(size))
        self.full.clicked.connect(lambda: self.chosen.emit(self._m))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for button in (*self.buttons.values(), self.full):
            layout.addWidget(button)
        self.set_m(None)

    def set_m(self, m: int | None) -> None:
        """Enable the sizes up to m, the number of training examples (None: not known yet)."""
        self._m = m
        self._update()

    def set_current(self, size: int) -> None:
        for preset, button in self.buttons.items():
            button.setChecked(preset == size)
        self.full.setChecked(size == self._m)

    def set_locked(self, reason: str) -> None:
        """Disable every button with ``reason`` as the tooltip; '' enables them again."""
        self._lock = reason
        self._update()

    def _update(self) -> None:
        m = self._m
        for size, button in self.buttons.items():
            fits = m is None or size <= m
            button.setEnabled(fits and not self._lock)
            tip = f"{size} examples per update" if fits else f"More than the m = {m} examples"
            button.setToolTip(self._lock or tip)
        self.full.setEnabled(m is not None and not self._lock)
        full_tip = f"Batch gradient descent: all m = {m} examples per update"
        self.full.setToolTip(self._lock or (full_tip if m else "Load data to know m"))

    def _button(self, text: str) -> QToolButton:
        button = QToolButton(text=text, checkable=True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button
