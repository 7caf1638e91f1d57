"""A text label for text that changes every frame, without laying the window out again.

Qt's ``QLabel.setText`` always asks every layout from the label up to the window to recompute
(``updateGeometry``), and the main window then repaints each dock it holds: a live plot whose
label said "t = 12,345" one frame and "t = 12,346" the next cost the GUI thread ~30 ms a frame
at 1600×1000, most of the frame. Here the QLabel sits alone in a holder without a layout, so
its own requests stop at the holder; the holder asks its layout for room only when the new
text needs another size (more lines, a wider hint). With ``grow_only`` it keeps the tallest
height its texts have needed until ``release()``: a verdict that takes two lines one frame and
three the next no longer resizes the plot above it each time (a resize repaints the whole
plot, ~12 ms of the GUI thread at 1600×1000).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QWidget


class SteadyLabel(QWidget):
    """Shows ``text`` like a QLabel; ``label`` is that QLabel, for its look (word wrap, rich
    text, margins, style)."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *,
                 word_wrap: bool = False, rich: bool = False, grow_only: bool = False):
        super().__init__(parent)
        self._grow_only = grow_only
        self._tallest = 0
        """With ``grow_only``: the tallest any text has needed at its width since ``release()``."""
        self.label = QLabel(self)
        self.label.setWordWrap(word_wrap)
        if rich:
            self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setText(text)
        self.setSizePolicy(self.label.sizePolicy())  # word wrap gives height-for-width

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:
        if text == self.label.text():
            return
        before = self._needs()
        self.label.setText(text)
        if self._grow_only and self.isVisible():  # laid out: its width is the one it shows at
            self._tallest = max(self._tallest, self.label.heightForWidth(self.width()))
        if self._needs() != before:
            self.updateGeometry()

    def release(self) -> None:
        """Let a ``grow_only`` label take only the height its text needs again."""
        if self._tallest:
            self._tallest = 0
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.label.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return max(self.label.heightForWidth(width), self._tallest)

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)

    def _needs(self) -> tuple:
        """What the layout reads of the label: its height at the current width and, unless the
        text wraps (its container then decides its width), its size hints."""
        height = self.heightForWidth(self.width())
        if self.label.wordWrap():
            return (height,)
        return (self.label.sizeHint(), self.label.minimumSizeHint(), height)
