"""The palette of layer types: drag one into the stack, or double-click / Enter to append it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
)

from visualnet.app.builder import badge, catalog, mime

_CHIP = QSize(100, 30)  # the smallest chip; chips widen to fill three columns
_HOW = "Drag into the stack, or double-click to add at the end."


class Palette(QListWidget):
    """One chip per layer type; its tooltip gives the formula."""

    chosen = Signal(str)  # the layer type to append, from double-click or Enter

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setGridSize(_CHIP)
        self.setUniformItemSizes(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        colors = self.palette()
        colors.setColor(QPalette.ColorRole.Base, colors.color(QPalette.ColorRole.Window))
        self.setPalette(colors)
        self.setItemDelegate(_ChipDelegate(self))
        self.setAccessibleName("Layer palette")
        for entry in catalog.PALETTE:
            item = QListWidgetItem(entry.label, self)
            item.setData(Qt.ItemDataRole.UserRole, entry.kind)
            item.setToolTip(f"{entry.label}\n{entry.formula}\n\n{_HOW}")
        self.setCurrentRow(0)
        self.itemDoubleClicked.connect(self._choose)

    def kind(self, row: int) -> str:
        return self.item(row).data(Qt.ItemDataRole.UserRole)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        lines = -(-self.count() // self._columns(width))
        return lines * _CHIP.height() + 2 * self.frameWidth() + 4

    def sizeHint(self) -> QSize:
        width = 3 * _CHIP.width()
        return QSize(width, self.heightForWidth(width))

    def resizeEvent(self, event) -> None:
        width = event.size().width() - 2 * self.frameWidth() - 1  # Qt wraps at the exact width
        self.setGridSize(QSize(width // self._columns(width), _CHIP.height()))
        self.setFixedHeight(self.heightForWidth(event.size().width()))
        super().resizeEvent(event)

    def _columns(self, width: int) -> int:
        return max(1, min(3, width // _CHIP.width()))

    def mimeTypes(self):
        return [mime.MIME_TYPE]

    def mimeData(self, items):
        return mime.encode(catalog.new_layer(items[0].data(Qt.ItemDataRole.UserRole)))

    def startDrag(self, actions) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(self.viewport().grab(self.visualItemRect(item)))
        drag.exec(Qt.DropAction.CopyAction)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self._choose(self.currentItem())
        else:
            super().keyPressEvent(event)

    def _choose(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))


class _ChipDelegate(QStyledItemDelegate):
    def paint(self, painter: QPainter, option, index) -> None:
        rect = QRectF(option.rect).adjusted(3, 3, -3, -3)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        kind = index.data(Qt.ItemDataRole.UserRole)
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 0.92)  # "Softmax output" fits a third
        painter.setFont(font)
        badge.paint(painter, rect, kind, index.data(), dimmed=not enabled)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor(catalog.BY_KIND[kind].color).darker(160))
            painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), 7, 7)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        return self.parent().gridSize()
