"""A grey sentence centred over an empty plot's data area, saying what will appear there."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

HINT_STYLE = ("color: #6b7280; background: rgba(255, 255, 255, 0.9); font-size: 9pt; "
              "padding: 2px 6px; border-radius: 3px;")
MAX_WIDTH = 380
"""Pixels: a wide plot gets a line of readable length, not one across the whole plot."""


class EmptyHint(QLabel):
    """Floats over ``plot`` — over its data area when it is a PlotWidget — with clicks passing
    through, and follows it as it resizes; where the area is too small to hold the sentence,
    it stays out of sight."""

    def __init__(self, plot: QWidget, text: str):
        super().__init__(text, plot)
        self.setObjectName("empty_hint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(HINT_STYLE)
        self._plot = plot
        self._wanted = True
        plot.installEventFilter(self)
        if isinstance(plot, pg.PlotWidget):
            plot.getPlotItem().getViewBox().sigResized.connect(self._place)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def setVisible(self, visible: bool) -> None:
        """Wanted or not; shown only where it fits (kept so by ``_place`` on every resize).
        Asked on every frame, so an unchanged wish costs nothing."""
        if visible == self._wanted:
            return
        self._wanted = visible
        super().setVisible(visible and self._fits())

    def _place(self, *_args) -> None:
        area = self._area()
        self.setFixedWidth(max(min(area.width() - 16, MAX_WIDTH), 1))
        self.setFixedHeight(self.heightForWidth(self.width()))
        centre = area.center()
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)
        super().setVisible(self._wanted and self._fits())

    def _fits(self) -> bool:
        area = self._area()
        return self.height() <= area.height() - 8 and area.width() >= 120

    def _area(self) -> QRect:
        if not isinstance(self._plot, pg.PlotWidget):
            return self._plot.rect()
        box = self._plot.getPlotItem().getViewBox()
        return self._plot.mapFromScene(box.sceneBoundingRect()).boundingRect()
