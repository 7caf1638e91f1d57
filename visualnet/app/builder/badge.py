"""Painting a layer type's coloured badge, shared by the palette and the stack rows."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from visualnet.app.builder import catalog


def paint(painter: QPainter, rect: QRectF, kind: str, text: str, dimmed: bool = False) -> None:
    """A rounded badge in ``kind``'s colour with ``text`` centred in white (elided if long)."""
    color = QColor(catalog.BY_KIND[kind].color)
    if dimmed:
        color.setAlpha(110)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    radius = min(rect.height() / 2, 6)
    painter.drawRoundedRect(rect, radius, radius)
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    width = int(rect.width()) - 4
    fitted = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, fitted)
    painter.restore()
