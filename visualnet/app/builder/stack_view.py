"""The vertical layer stack: one card per layer, drag to reorder, Delete and Ctrl+D on a row."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
)

from visualnet.app.builder import badge, catalog, list_model

ACCENT = QColor("#3b74c7")
PROBLEM = QColor("#c62828")
_REMOVE = (QKeySequence(Qt.Key.Key_Delete), QKeySequence(Qt.Key.Key_Backspace))
_DUPLICATE = QKeySequence("Ctrl+D")


class StackView(QListView):
    removeRequested = Signal(int)
    duplicateRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setItemDelegate(_RowDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._drop_y: float | None = None  # where a drop would land, while dragging over
        self.setAccessibleName("Layer stack")

    def startDrag(self, actions) -> None:
        # The drop itself moves the row (one undo step), so the drag never removes anything.
        index = self.currentIndex()
        if not index.isValid():
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData([index]))
        drag.setPixmap(self.viewport().grab(self.visualRect(index)))
        drag.exec(Qt.DropAction.MoveAction)

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)
        self._drop_y = self._drop_line(event) if event.isAccepted() else None
        self.viewport().update()

    def dragLeaveEvent(self, event) -> None:
        self._drop_y = None
        super().dragLeaveEvent(event)

    def dropEvent(self, event) -> None:
        self._drop_y = None
        super().dropEvent(event)

    def event(self, event) -> bool:
        # Claim Delete and Ctrl+D before any window-wide shortcut with the same keys.
        if event.type() == event.Type.ShortcutOverride and self._command(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        command = self._command(event)
        row = self.currentIndex().row()
        if command is None or row < 0 or self.model().read_only:
            super().keyPressEvent(event)
        elif command == "remove":
            self.removeRequested.emit(row)
        else:
            self.duplicateRequested.emit(row)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        if self._drop_y is not None:
            # A bold line with a dot: easier to see between the cards than Qt's hairline.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(ACCENT, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            right = self.viewport().width() - 6
            painter.drawLine(QPointF(14, self._drop_y), QPointF(right, self._drop_y))
            painter.setBrush(ACCENT)
            painter.drawEllipse(QPointF(8, self._drop_y), 4, 4)
        if self.model().rowCount() == 0:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "Drag layers here from the palette,\nor double-click one.",
            )

    def _drop_line(self, event) -> float:
        """The y between the two cards where the dragged layer would land."""
        index = self.indexAt(event.position().toPoint())
        where = self.dropIndicatorPosition()
        if where == QAbstractItemView.DropIndicatorPosition.AboveItem:
            return self.visualRect(index).top()
        if where == QAbstractItemView.DropIndicatorPosition.BelowItem:
            return self.visualRect(index).bottom() + 1
        rows = self.model().rowCount()  # below the last card: the layer goes to the end
        return self.visualRect(self.model().index(rows - 1)).bottom() + 1 if rows else 4

    @staticmethod
    def _command(event) -> str | None:
        keys = QKeySequence(event.keyCombination())
        if keys in _REMOVE:
            return "remove"
        return "duplicate" if keys == _DUPLICATE else None


class _RowDelegate(QStyledItemDelegate):
    """A card: row number, type badge and settings; the shapes on a second line."""

    def sizeHint(self, option, index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(260, 2 * line + 18)

    def paint(self, painter: QPainter, option, index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(option.rect).adjusted(2, 1, -2, -1)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        flagged = index.data(list_model.FLAGGED)
        fill = QColor("#fdecea") if flagged else QColor("#e8f0fc") if selected else QColor("white")
        edge = PROBLEM if flagged else ACCENT if selected else QColor("#d5dae1")
        painter.setPen(QPen(edge, 1.5 if (flagged or selected) else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(card, 6, 6)

        metrics = option.fontMetrics
        line = metrics.height()
        top = card.top() + 6
        left = card.left() + 6
        indent = left + metrics.horizontalAdvance("88") + 4  # badge and shapes start here
        painter.setPen(QColor("#8a929e"))
        painter.drawText(QRectF(left, top, indent - left, line), Qt.AlignmentFlag.AlignLeft,
                         str(index.row() + 1))

        kind = index.data(list_model.KIND)
        width = badge.fitting_width(option.font, catalog.NAMES.values())
        badge.paint(painter, QRectF(indent, top, width, line + 2), kind, catalog.NAMES[kind])

        text_left = indent + width + 6
        settings_width = card.right() - 6 - text_left
        painter.setPen(option.palette.text().color())
        settings = metrics.elidedText(
            index.data(list_model.SETTINGS), Qt.TextElideMode.ElideRight, int(settings_width)
        )
        painter.drawText(
            QRectF(text_left, top + 1, settings_width, line), Qt.AlignmentFlag.AlignLeft, settings
        )

        shapes_font = QFont(option.font)
        shapes_font.setPointSizeF(option.font.pointSizeF() * 0.92)
        painter.setFont(shapes_font)
        painter.setPen(PROBLEM if flagged else QColor("#4a5361"))
        shapes_rect = QRectF(indent, top + line + 5, card.right() - 6 - indent, line)
        painter.drawText(shapes_rect, Qt.AlignmentFlag.AlignLeft,
                         painter.fontMetrics().elidedText(index.data(list_model.SHAPES),
                                                          Qt.TextElideMode.ElideRight,
                                                          int(shapes_rect.width())))
        painter.restore()
