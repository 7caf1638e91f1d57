"""Painting a layer type's coloured badge, shared by the palette and the stack rows."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from visualnet.app.builder import catalog


def paint(painter: QPainter, rect: QRectF, kind: str, text: str, dimmed: bool = False) -> None:
    """A rounded badge in ``kind``'s colour with ``text`` centred in white, shrunk to fit."""
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
    room = rect.width() - 6
    needed = QFontMetricsF(font).horizontalAdvance(text)
    if needed > room:  # shrink a little rather than cut the name, then cut if still too long
        font.setPointSizeF(font.pointSizeF() * max(0.8, room / needed))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    fitted = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(room))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, fitted)
    painter.restore()


def fitting_width(font: QFont, texts) -> float:
    """The width of a badge that holds the widest of ``texts`` at full size."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetricsF(bold)
    return max(metrics.horizontalAdvance(text) for text in texts) + 10
