"""The table of trials: one row per trial, sortable by any column (numbers sort as numbers)."""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from visualnet.app.search import names
from visualnet.core.search import report, scales
from visualnet.core.search.trial import TrialRecord

SORT = Qt.ItemDataRole.UserRole
COLUMNS = ("Trial", "Verdict", "Dev error", "Best dev", "Train error", "Epochs", "Time")
TIPS = ("Round.trial, both from 1", "finished, diverged or failed (hover for why)",
        "Error on the dev set after the last epoch: what trials are ranked by",
        "Lowest dev error over the epochs", "Error on the training set after the last epoch",
        "Epochs trained", "Wall-clock time of the trial, data preparation included")
VERDICT_COLOURS = {"diverged": "#c15c00", "failed": "#b3261e"}


class TrialsModel(QAbstractTableModel):
    """The records of a search, in arrival order; columns: results, then each field's value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list[TrialRecord] = []
        self.paths: list[str] = []

    def set_paths(self, paths: list[str]) -> None:
        """Show these fields' values (a new space); keeps the rows."""
        if paths != self.paths:
            self.beginResetModel()
            self.paths = list(paths)
            self.endResetModel()

    def add(self, record: TrialRecord) -> None:
        row = len(self.records)
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.append(record)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self.records = []
        self.endResetModel()

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.records)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS) + len(self.paths)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        fixed = section < len(COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if fixed else names.symbol(self.paths[section - len(COLUMNS)])
        if role == Qt.ItemDataRole.ToolTipRole:
            return TIPS[section] if fixed else self.paths[section - len(COLUMNS)]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record, column = self.records[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == SORT:
            return self._key(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and record.message:
            return record.message
        if role == Qt.ItemDataRole.ForegroundRole and record.verdict in VERDICT_COLOURS:
            return QColor(VERDICT_COLOURS[record.verdict])
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (0, 1):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, r: TrialRecord, column: int) -> str:
        values = (r.name, r.verdict, report.error(r.dev_error, r.task),
                  report.error(r.best_dev_error, r.task), report.error(r.train_error, r.task),
                  str(r.epochs), report.duration(r.elapsed))
        if column < len(values):
            return values[column]
        return scales.format_value(r.params.get(self.paths[column - len(values)], "–"))

    def _key(self, r: TrialRecord, column: int):
        keys = ((r.round, r.index), r.verdict, r.dev_error, r.best_dev_error, r.train_error,
                r.epochs, r.elapsed)
        key = keys[column] if column < len(keys) else r.params.get(
            self.paths[column - len(keys)])
        if key is None or (isinstance(key, float) and not math.isfinite(key)):
            return math.inf  # trials without a value sort last
        if isinstance(key, tuple):
            return key[0] * 1_000_000 + key[1]
        return key if isinstance(key, int | float) else str(key)


class TrialsView(QTableView):
    """A sortable view of a TrialsModel; ``record_at(proxy_row)`` gives the trial shown there."""

    def __init__(self, model: TrialsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(84)
        header.setStretchLastSection(True)

    def sizeHint(self) -> QSize:
        return QSize(600, 250)

    def selected_record(self) -> TrialRecord | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.sourceModel().records[self.proxy.mapToSource(rows[0]).row()]
