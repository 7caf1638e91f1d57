"""The Search tab's plots side by side in a 2 × 2 grid when there is room, else one per tab."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

ROOM = QSize(780, 480)
"""The smallest area that shows four plots at once without squashing them."""


class PlotDeck(QStackedWidget):
    """Shows ``panels`` — (title, tab title, widget) — as a grid or as tabs, whichever fits."""

    def __init__(self, panels: list[tuple[str, str, QWidget]], parent: QWidget | None = None):
        super().__init__(parent)
        self.panels = panels
        self.grid_page = QWidget()
        self.grid = QGridLayout(self.grid_page)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.frames = [_Frame(title, tab, widget) for title, tab, widget in panels]
        self.addWidget(self.grid_page)
        self.addWidget(self.tabs)
        self.mode = ""
        self.arrange("grid")

    def arrange(self, mode: str) -> None:
        """'grid' or 'tabs'."""
        if mode == self.mode:
            return
        self.mode = mode
        self.tabs.clear()
        if mode == "grid":
            for i, frame in enumerate(self.frames):
                frame.title.show()
                self.grid.addWidget(frame, i // 2, i % 2)
                frame.show()  # a tab that was not current is hidden
            for i in range(2):
                self.grid.setRowStretch(i, 1)
                self.grid.setColumnStretch(i, 1)
            self.setCurrentWidget(self.grid_page)
        else:
            for frame in self.frames:
                frame.title.hide()
                self.tabs.addTab(frame, frame.tab)
                self.tabs.setTabToolTip(self.tabs.count() - 1, frame.title.text())
            self.setCurrentWidget(self.tabs)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = event.size()
        roomy = size.width() >= ROOM.width() and size.height() >= ROOM.height()
        self.arrange("grid" if roomy else "tabs")

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 220)

    def sizeHint(self) -> QSize:
        return QSize(640, 440)


class _Frame(QWidget):
    """A plot with its title above it (hidden when a tab shows the title instead)."""

    def __init__(self, title: str, tab: str, widget: QWidget):
        super().__init__()
        self.tab = tab
        self.title = QLabel(title)
        self.title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(widget, 1)

