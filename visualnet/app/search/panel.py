"""The Search tab's left panel: the space, the trial settings, where trials run, and the
buttons (Start, Cancel, Zoom in, Open in builder) with the progress and a status line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms.fields import REFUSED_TEXT, FieldEditor, editor_for
from visualnet.app.search.space_table import SpaceTable
from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace
from visualnet.core.search.executors import MAX_WORKERS, default_workers

SETTINGS = (("method", "Method"), ("trials", "Trials per round"), ("rounds", "Rounds"),
            ("keep", "Zoom on the best"), ("seed", "Seed"))
"""The space's own settings, edited with the forms' schema-driven editors."""

MIN_WIDTH = 340


class ControlPanel(QScrollArea):
    """Edits a SearchSpace (rows and settings) and says what the search is doing."""

    def __init__(self, space: SearchSpace, parent: QWidget | None = None):
        super().__init__(parent)
        self.space_table = SpaceTable()
        self.editors: dict[str, FieldEditor] = {}
        settings = QFormLayout()
        settings.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, text in SETTINGS:
            editor = editor_for(space, name)
            editor.label.setText(text)
            self.editors[name] = editor
            settings.addRow(editor.label, editor)

        self.local = QRadioButton("This computer")
        self.local.setToolTip("Run trials in worker processes, one per core by default")
        self.cluster = QRadioButton("Dask cluster")
        self.cluster.setToolTip('Run trials on a Dask cluster (needs pip install -e ".[cluster]" '
                                "here and VisualNet on the workers)")
        self.local.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.cluster)
        self.workers = QSpinBox()
        self.workers.setRange(1, MAX_WORKERS)
        self.workers.setValue(default_workers())
        self.workers.setSuffix(" workers")
        self.workers.setToolTip(f"Worker processes ({default_workers()} cores here)")
        self.address = QLineEdit()
        self.address.setPlaceholderText("tcp://scheduler:8786")
        self.address.setToolTip("The address of the Dask scheduler")
        self.local.toggled.connect(lambda _on: self.set_running(False))
        run_on = QGridLayout()
        run_on.addWidget(self.local, 0, 0)
        run_on.addWidget(self.workers, 0, 1)
        run_on.addWidget(self.cluster, 1, 0)
        run_on.addWidget(self.address, 1, 1)
        run_on.setColumnStretch(1, 1)

        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("Run the rounds; trials already in the results file are "
                                     "skipped, so Start after Cancel resumes")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Drop the trials not started and stop the running ones; "
                                      "finished trials are kept")
        self.progress = QProgressBar()
        self.progress.setFormat("No trials yet")
        self.progress.setValue(0)
        self.status = QLabel("Pick the fields to search, then Start.", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_button = QPushButton("Zoom in")
        self.zoom_button.setToolTip(
            "Coarse to fine: narrow each range around the best trials of the latest round, "
            "on the field's own scale. Edit the ranges if you like, then Start.")
        self.open_button = QPushButton("Open in builder")
        self.open_button.setToolTip("Load the selected trial's experiment into the Training "
                                    "tab to babysit it (panda)")

        run = QVBoxLayout()
        run.addLayout(run_on)
        run.addLayout(_row(self.start_button, self.cancel_button))
        run.addWidget(self.progress)
        run.addWidget(self.status)
        run.addLayout(_row(self.zoom_button, self.open_button))
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(_group("Search space", self.space_table))
        column.addWidget(_group("Trials", settings))
        column.addWidget(_group("Run", run))
        column.addStretch(1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(MIN_WIDTH)

    def bind(self, space: SearchSpace, experiment: Experiment) -> None:
        """Edit ``space`` (the fields offered are those of ``experiment``)."""
        self.space_table.bind(space, experiment)
        for editor in self.editors.values():
            editor.bind(space)

    def where(self) -> tuple[int | None, str | None]:
        """(workers, None) for this computer, (None, address) for a Dask cluster."""
        if self.local.isChecked():
            return self.workers.value(), None
        return None, self.address.text().strip()

    def say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {REFUSED_TEXT};" if error else "")

    def set_running(self, running: bool, can_zoom: bool = False, can_open: bool = False) -> None:
        """Lock the space and the settings while a search runs; enable what can be done."""
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.space_table.set_read_only(running)
        for editor in self.editors.values():
            editor.setEnabled(not running)
        self.local.setEnabled(not running)
        self.cluster.setEnabled(not running)
        self.workers.setEnabled(self.local.isChecked() and not running)
        self.address.setEnabled(self.cluster.isChecked() and not running)
        self.zoom_button.setEnabled(not running and can_zoom)
        self.open_button.setEnabled(can_open)


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    return row


def _group(title: str, content) -> QGroupBox:
    box = QGroupBox(title)
    if isinstance(content, QWidget):
        QVBoxLayout(box).addWidget(content)
    else:
        box.setLayout(content)
    return box
