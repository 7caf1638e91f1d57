"""The Runs dock: every finished run in a table, and the ticked runs' curves side by side.

Train with gradient descent, then with momentum, then with Adam: the three runs stay in the
list, and ticking them overlays their cost and error curves. "Load settings" puts a run's
experiment back into the forms, so what was trained can be trained again or saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.runs.compare import ComparisonPlots
from visualnet.app.runs.model import MAX_RUNS, RunTableModel
from visualnet.app.session import Session
from visualnet.app.training.runs import RunRecord
from visualnet.core.experiment import Experiment
from visualnet.core.training.metrics import write_runs_metrics_csv

EMPTY_NOTE = "Each finished run appears here. Tick runs to compare their curves."


class RunsPanel(QWidget):
    """The run list (left) and the comparison plots (right).

    ``confirm`` is asked before a run's settings replace the open experiment (the window's
    unsaved-changes question); it returns False to cancel.
    """

    def __init__(self, session: Session, confirm: Callable[[], bool] = lambda: True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("runs")
        self.session = session
        self.confirm = confirm
        self.folder = Path.cwd()
        self.model = RunTableModel(self)
        self.table = self._make_table()
        self.compare = ComparisonPlots()
        self.note = QLabel(EMPTY_NOTE)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b7280;")
        self.load_button = self._button(
            "Load settings", "Put this run's experiment back in the panels, to train it again "
            "or save it", self.load_settings)
        self.remove_button = self._button("Remove", "Remove this run from the list",
                                          self.remove)
        self.clear_button = self._button("Clear all", "Remove every run from the list",
                                         self.clear)
        self.export_button = self._button(
            "Export CSV…", "Save the ticked runs' cost and error after each epoch as one "
            "table, a row per epoch, led by the run's label", self.export_csv)
        self._layout()
        self.model.tickedChanged.connect(self._redraw)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- commands ----------------------------------------------------------------------------

    def add_run(self, run: RunRecord) -> None:
        """Keep a finished run (ticked, so it joins the comparison at once)."""
        data = self.session.data
        regression = data is not None and data.task == "regression"
        dropped = self.model.add(run, regression=regression)
        row = self.model.rowCount() - 1
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollToBottom()
        if dropped:
            names = ", ".join(f"#{r.run_id}" for r in dropped)
            self.note.setText(f"The list keeps the last {MAX_RUNS} runs: {names} removed.")
        else:
            self.note.setText("")
        self.note.setVisible(bool(dropped))

    def load_settings(self, row: int | None = None) -> bool:
        """Open the experiment run ``row`` trained (default: the selected run)."""
        run = self._run(row)
        if run is None or not self.confirm():
            return False
        experiment = Experiment.model_validate(run.experiment)
        self.session.replace(experiment, path=self.session.path, dirty=True)
        return True

    def remove(self, row: int | None = None) -> None:
        row = self._row(row)
        if row is not None:
            self.model.remove(row)

    def clear(self) -> None:
        self.model.clear()
        self.note.setText(EMPTY_NOTE)
        self.note.show()

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the ticked runs' per-epoch metrics to ``path`` (asked for when None)."""
        runs = self.model.ticked_runs()
        if not runs:
            QMessageBox.warning(self, "Export runs", "Tick the runs to export first.")
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export ticked runs as CSV", str(self.folder / "runs.csv"),
                "CSV file (*.csv)")
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            write_runs_metrics_csv(path, [(self.model.label(run), run.history) for run in runs])
        except OSError as error:
            QMessageBox.warning(self, "Export runs", f"Could not write {path}:\n{error}")
            return None
        self.folder = path.parent
        return path

    # --- building ----------------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.note)
        buttons = QHBoxLayout()
        for button in (self.load_button, self.remove_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        column.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.compare)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([500, 500])  # half each, whatever the size hints say
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.addWidget(splitter)

    # --- reacting ----------------------------------------------------------------------------

    def _redraw(self) -> None:
        runs = self.model.ticked_runs()
        regression = bool(runs) and all(self.model.is_regression(run) for run in runs)
        self.compare.show_runs(
            [(run, self.model.colour(run), self.model.label(run)) for run in runs], regression)
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        selected = self._row(None) is not None
        self.load_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.clear_button.setEnabled(self.model.rowCount() > 0)
        self.export_button.setEnabled(bool(self.model.ticked_runs()))

    def _row(self, row: int | None) -> int | None:
        if row is not None:
            return row if 0 <= row < self.model.rowCount() else None
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _run(self, row: int | None) -> RunRecord | None:
        row = self._row(row)
        return None if row is None else self.model.runs[row]
