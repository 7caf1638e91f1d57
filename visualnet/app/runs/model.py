"""The run list: a Qt table model over the finished runs, each with a tick and a colour.

The runs themselves are plain RunRecords (the experiment as a dict and its curves); this model
only adds what the comparison needs: which runs are ticked and the colour each one is drawn in.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from visualnet.app.training.runs import RunRecord
from visualnet.core import lessons
from visualnet.core.textfmt import clock

MAX_RUNS = 50
"""Runs kept for the session; the oldest is dropped (with a note) when one more finishes."""

RUN_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
               "#17becf", "#bcbd22", "#7f7f7f")
"""One colour per kept run, the first free one; they repeat only past ten runs."""

COLUMNS = (
    ("Run", "Tick a run to draw its curves in the comparison. The label gives the optimizer, "
            "α, the mini-batch size and any regularization"),
    ("Status", "How the run ended: finished all its epochs, stopped, stopped early (the dev "
               "cost stopped improving) or diverged (the cost became NaN or ∞)"),
    ("Train\nerror", "Error on the training set after the last epoch (fraction misclassified; "
                    "MSE = (1/m)·Σ‖ŷ − y‖² for regression)"),
    ("Dev\nerror", "Error on the dev set after the last epoch: compare it with the train error "
                  "to see the variance"),
    ("Epochs", "Epochs completed of those asked for"),
    ("Time", "Training time"),
)

STATUS_TEXT = {
    "finished": "finished",
    "stopped": "stopped",
    "early_stopped": "stopped early",
    "diverged": "diverged",
}

_Index = QModelIndex | QPersistentModelIndex


class RunTableModel(QAbstractTableModel):
    """Finished runs, oldest first: label, status, final errors, epochs, time."""

    tickedChanged = Signal()
    """The set of ticked runs (or a ticked run's colour) changed: redraw the comparison."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs: list[RunRecord] = []
        self._ticked: set[int] = set()
        self._colours: dict[int, str] = {}
        self._regression: set[int] = set()
        self._labels: dict[int, str] = {}

    # --- the list ----------------------------------------------------------------------------

    def add(self, run: RunRecord, regression: bool = False, ticked: bool = True
            ) -> list[RunRecord]:
        """Append ``run`` (ticked unless told otherwise); returns the runs dropped to stay
        within MAX_RUNS, oldest first."""
        dropped = []
        while len(self.runs) >= MAX_RUNS:
            dropped.append(self.runs[0])
            self.remove(0)
        row = len(self.runs)
        self.beginInsertRows(QModelIndex(), row, row)
        self.runs.append(run)
        self._colours[run.run_id] = self._free_colour(run.run_id)
        self._labels[run.run_id] = _label(run)
        if regression:
            self._regression.add(run.run_id)
        if ticked:
            self._ticked.add(run.run_id)
        self.endInsertRows()
        if ticked:
            self.tickedChanged.emit()
        return dropped

    def remove(self, row: int) -> None:
        run = self.runs[row]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.runs[row]
        was_ticked = run.run_id in self._ticked
        self._ticked.discard(run.run_id)
        self._colours.pop(run.run_id, None)
        self._labels.pop(run.run_id, None)
        self._regression.discard(run.run_id)
        self.endRemoveRows()
        if was_ticked:
            self.tickedChanged.emit()

    def clear(self) -> None:
        self.beginResetModel()
        self.runs.clear()
        self._ticked.clear()
        self._colours.clear()
        self._labels.clear()
        self._regression.clear()
        self.endResetModel()
        self.tickedChanged.emit()

    def set_ticked(self, row: int, ticked: bool) -> None:
        index = self.index(row, 0)
        self.setData(index, Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked,
                     Qt.ItemDataRole.CheckStateRole)

    def is_ticked(self, row: int) -> bool:
        return self.runs[row].run_id in self._ticked

    def ticked_runs(self) -> list[RunRecord]:
        """The ticked runs, in the table's order."""
        return [run for run in self.runs if run.run_id in self._ticked]

    def colour(self, run: RunRecord) -> str:
        return self._colours[run.run_id]

    def label(self, run: RunRecord) -> str:
        """The run's label; a run of a lesson's experiment as shipped also names it, since a
        lesson's experiments often share an optimizer: '#4 He · Adam α=0.01, batch 64'."""
        return self._labels.get(run.run_id, run.label)

    def is_regression(self, run: RunRecord) -> bool:
        return run.run_id in self._regression

    # --- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.runs)

    def columnCount(self, parent: _Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section][1]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        run, column = self.runs[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(run, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return (Qt.CheckState.Checked if run.run_id in self._ticked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(self._colours[run.run_id])
        if role == Qt.ItemDataRole.ToolTipRole:
            return run.message or self.label(run)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(self, index: _Index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        run_id = self.runs[index.row()].run_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(run_id)
        else:
            self._ticked.discard(run_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.tickedChanged.emit()
        return True

    # --- helpers -----------------------------------------------------------------------------

    def _text(self, run: RunRecord, column: int) -> str:
        final = run.final
        if column == 0:
            return self.label(run)
        if column == 1:
            return STATUS_TEXT.get(run.status, run.status)
        if column in (2, 3):
            if final is None:
                return "–"
            value = final.train_error if column == 2 else final.dev_error
            return self._error_text(run, value)
        if column == 4:
            return f"{len(run.history)}/{run.experiment['training']['epochs']}"
        return f"{run.elapsed:.1f} s" if run.elapsed < 60 else clock(run.elapsed)

    def _error_text(self, run: RunRecord, value: float) -> str:
        if not math.isfinite(value):
            return "–"
        return f"{value:.4g}" if self.is_regression(run) else f"{value:.1%}"

    def _free_colour(self, run_id: int) -> str:
        used = set(self._colours.values())
        free = [c for c in RUN_COLOURS if c not in used]
        return free[0] if free else RUN_COLOURS[(run_id - 1) % len(RUN_COLOURS)]


SHIPPED_PARTS = ("seed", "data", "network", "training")
"""What must equal a lesson's file for a run to be named after it (not its name or view)."""


def _label(run: RunRecord) -> str:
    variant = _lesson_variant(run.experiment)
    if variant is None:
        return run.label
    number, _, rest = run.label.partition(" ")
    return f"{number} {variant} · {rest}"


def _lesson_variant(experiment: dict) -> str | None:
    """'He' for the initialization lesson's He experiment, trained as shipped; None for any
    other experiment, or one edited since (its name would no longer describe it)."""
    lesson_id = (experiment.get("view") or {}).get("lesson")
    name = experiment.get("name", "")
    _topic, sep, variant = name.partition(": ")
    if not lesson_id or not sep or not variant:
        return None
    try:
        files = lessons.lesson(lesson_id).files
        for file in files:
            shipped = lessons.load(lesson_id, file).to_dict()
            if shipped["name"] == name:
                same = all(shipped[part] == experiment.get(part) for part in SHIPPED_PARTS)
                return variant if same else None
    except (ValueError, OSError):
        return None
    return None
