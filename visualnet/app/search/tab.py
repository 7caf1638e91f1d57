"""The "Search" tab: many models in parallel ("caviar", course week 3) over the open experiment.

Left, what to search: the space (field, scale, low, high), the trials per round, the rounds and
where the trials run (this computer's cores, or a Dask cluster); Start, Cancel, the progress,
Zoom in and Open in builder. Right, the results as they arrive: dev error against each field,
the two most important fields with a grid of as many trials, parallel coordinates, the cost of
the best trials, and the sortable table of trials.

The search runs in a worker thread (``SearchController``); trials arrive as signals and the
plots redraw a few times a second from the latest records. Results stream to a results file
per experiment, so Start after Cancel (or after closing the app) resumes.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer
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
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms.fields import REFUSED_TEXT, FieldEditor, editor_for
from visualnet.app.search.controller import Job, SearchController
from visualnet.app.search.deck import PlotDeck
from visualnet.app.search.plots import FieldPlots, ImportanceScatter, ParallelPlot, TopCurves
from visualnet.app.search.space_table import SpaceTable
from visualnet.app.search.trials import TrialsModel, TrialsView
from visualnet.app.session import Session
from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace, fields, refine
from visualnet.core.search.executors import MAX_WORKERS, default_workers
from visualnet.core.search.results import NAME
from visualnet.core.search.runner import RoundStarted, TrialDone
from visualnet.core.search.trial import TrialRecord

REDRAW_MS = 250
"""Plots redraw at most four times a second, however fast trials arrive."""

SETTINGS = (("method", "Method"), ("trials", "Trials per round"), ("rounds", "Rounds"),
            ("keep", "Zoom on the best"), ("seed", "Seed"))
PANEL_WIDTH = 400
PANEL_MIN_WIDTH = 340


class SearchTab(QWidget):
    """Searches ``session``'s experiment; ``folder`` holds one results folder per experiment."""

    def __init__(self, session: Session, parent: QWidget | None = None,
                 folder: Path | None = None):
        super().__init__(parent)
        self.setObjectName("search_tab")
        self.session = session
        self.folder = Path(folder) if folder is not None else default_folder()
        self.controller = SearchController(self)
        self.model = TrialsModel(self)
        self.records: dict[tuple, TrialRecord] = {}
        self.space = SearchSpace.suggested(session.experiment)
        self.round_space: SearchSpace | None = None
        """The space of the latest round that ran (what Zoom in narrows)."""
        self.latest_round = -1
        self.results: Path | None = None
        """The results file of the trials shown."""
        self._first_round = 0
        self._running = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)
        self._build()
        self._connect()
        self._load()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # --- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.space_table = SpaceTable()
        self.editors: dict[str, FieldEditor] = {}
        settings = QFormLayout()
        settings.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, text in SETTINGS:
            editor = editor_for(self.space, name)
            editor.label.setText(text)
            editor.committed.connect(lambda _value: self._space_edited())
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
        run_on = QGridLayout()
        run_on.addWidget(self.local, 0, 0)
        run_on.addWidget(self.workers, 0, 1)
        run_on.addWidget(self.cluster, 1, 0)
        run_on.addWidget(self.address, 1, 1)
        run_on.setColumnStretch(1, 1)
        self.local.toggled.connect(self._run_on_changed)

        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("Run the rounds; trials already in the results file are "
                                     "skipped, so Start after Cancel resumes")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Drop the trials not started and stop the running ones; "
                                      "finished trials are kept")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m trials")
        self.progress.setValue(0)
        self.status = QLabel("Pick the fields to search, then Start.", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.zoom_button = QPushButton("Zoom in")
        self.zoom_button.setToolTip(
            "Coarse to fine: narrow each range around the best trials of the latest round, "
            "on the field's own scale. Edit the ranges if you like, then Start.")
        self.zoom_button.clicked.connect(self.zoom_in)
        self.open_button = QPushButton("Open in builder")
        self.open_button.setToolTip("Load the selected trial's experiment into the Training "
                                    "tab to babysit it (panda)")
        self.open_button.clicked.connect(self.open_in_builder)

        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        after = QHBoxLayout()
        after.addWidget(self.zoom_button)
        after.addWidget(self.open_button)
        run_box = QVBoxLayout()
        run_box.addLayout(run_on)
        run_box.addLayout(buttons)
        run_box.addWidget(self.progress)
        run_box.addWidget(self.status)
        run_box.addLayout(after)

        panel = QWidget()
        column = QVBoxLayout(panel)
        column.addWidget(_group("Search space", self.space_table))
        column.addWidget(_group("Trials", settings))
        column.addWidget(_group("Run", run_box))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(PANEL_MIN_WIDTH)

        self.field_plots = FieldPlots()
        self.scatter = ImportanceScatter()
        self.parallel = ParallelPlot()
        self.curves = TopCurves()
        self.table = TrialsView(self.model)
        self.table.doubleClicked.connect(lambda _index: self.open_in_builder())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for widget in (self.field_plots, self.scatter, self.parallel, self.curves):
            widget.setMinimumSize(200, 150)
        plots = PlotDeck([
            ("Dev error against each field", "Each field", self.field_plots),
            ("The two fields that matter most, and a grid", "Top two", self.scatter),
            ("Parallel coordinates", "Parallel", self.parallel),
            ("Cost of the best trials (dev solid, train dashed)", "Best costs", self.curves)])
        self.deck = plots
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(plots)
        right.addWidget(_titled("Trials (click a column to sort; double-click to open)",
                                self.table))
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(scroll)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        outer.setChildrenCollapsible(False)
        outer.setSizes([PANEL_WIDTH, 1000])

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(outer)
        self._run_on_changed()
        self._update_buttons()

    def _connect(self) -> None:
        self.space_table.changed.connect(self._space_edited)
        self.session.replaced.connect(self._load)
        self.session.changed.connect(self._experiment_edited)
        self.controller.opened.connect(self._opened)
        self.controller.roundStarted.connect(self._round_started)
        self.controller.trialDone.connect(self._trial_done)
        self.controller.finished.connect(self._finished)

    # --- what the user does --------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """From Start until the search has ended and the tab has shown how."""
        return self._running

    def start(self) -> None:
        """Run the rounds in the background from where the results file says to continue."""
        if self.running or self.controller.busy:
            return
        experiment = self.session.experiment.model_copy(deep=True)
        experiment.search = self.space.model_copy(deep=True)
        problems = self.space.problems_with(experiment)
        if self.session.data_error:
            problems.append(f"the data cannot be prepared: {self.session.data_error}")
        if self.cluster.isChecked() and not self.address.text().strip():
            problems.append("give the Dask scheduler's address, e.g. tcp://10.0.0.5:8786")
        if problems:
            self._say("Cannot start: " + "; ".join(problems), error=True)
            return
        self._store_space()
        results = self.results_path(experiment)
        if results != self.results:
            self.records.clear()
            self.model.clear()
            self.results = results
            self.latest_round = -1
        self.model.set_paths(self.space.paths())
        job = Job(experiment, experiment.search, results, self.space.rounds,
                  workers=self.workers.value() if self.local.isChecked() else None,
                  scheduler=self.address.text().strip() if self.cluster.isChecked() else None)
        self.progress.setRange(0, self.space.trials * self.space.rounds)
        self.progress.setValue(0)
        self._say("Starting the workers…")
        self._running = True
        self.controller.start(job)
        self._timer.start()
        self._update_buttons()

    def cancel(self) -> None:
        if self.running:
            self.controller.cancel()
            self._say("Cancelling: stopping the running trials…")

    def zoom_in(self) -> None:
        """Narrow the ranges around the best trials of the latest round (coarse to fine)."""
        latest = [r for r in self.records.values() if r.round == self.latest_round]
        base = self.round_space or self.space
        try:
            zoomed = refine.narrowed(base, latest)
        except ValueError as error:
            self._say(f"Cannot zoom in: {error}", error=True)
            return
        self._set_space(zoomed.model_copy(update={
            name: getattr(self.space, name) for name, _ in SETTINGS}))
        self._store_space()
        kept = len(refine.best(latest, base.keep))
        self._say(f"Zoomed in on the best {kept} trials of round {self.latest_round + 1}: "
                  f"edit the ranges if you like; Start runs round {self.latest_round + 2}.")

    def open_in_builder(self) -> None:
        """Load the selected trial into the main view, with this search, and show Training."""
        record = self.table.selected_record()
        if record is None or record.experiment is None:
            return
        experiment = Experiment.from_dict(record.experiment, source=f"trial {record.name}")
        experiment.search = self.space.model_copy(deep=True)
        self.session.replace(experiment, dirty=True)
        tabs = self._tab_widget()
        if tabs is not None:
            index = next((i for i in range(tabs.count()) if tabs.tabText(i) == "Training"), 0)
            tabs.setCurrentIndex(index)

    def shutdown(self) -> None:
        """Stop any search and wait for its thread (call before the window closes)."""
        self.controller.shutdown()
        self._timer.stop()

    def results_path(self, experiment: Experiment) -> Path:
        """One folder per experiment (name and what it trains): the same experiment resumes."""
        slug = re.sub(r"[^\w-]+", "-", experiment.name).strip("-").lower() or "experiment"
        key = fields.fingerprint(experiment.to_dict())[:8]
        return self.folder / f"{slug}-{key}" / NAME

    # --- reacting ------------------------------------------------------------------------------

    def _load(self) -> None:
        experiment = self.session.experiment
        space = experiment.search or SearchSpace.suggested(experiment)
        self._set_space(space.model_copy(deep=True))
        suggested = experiment.search is None
        if suggested and not self.running and not self.records:
            self._say("Suggested fields, in the course's order of importance: α, β, the "
                      "mini-batch size, the hidden units. Edit them, then Start.")

    def _experiment_edited(self, part: str) -> None:
        if part != "search":
            self.space_table.bind(self.space, self.session.experiment)
            problems = self.space.problems_with(self.session.experiment)
            self.space_table.show_problem("; ".join(problems))

    def _set_space(self, space: SearchSpace) -> None:
        self.space = space
        self.space_table.bind(space, self.session.experiment)
        for editor in self.editors.values():
            editor.bind(space)

    def _space_edited(self) -> None:
        self._store_space()
        self._dirty = True

    def _store_space(self) -> None:
        if self.session.experiment.search != self.space:
            self.session.experiment.search = self.space.model_copy(deep=True)
            self.session.edited("search")

    def _run_on_changed(self) -> None:
        self.workers.setEnabled(self.local.isChecked() and not self.running)
        self.address.setEnabled(self.cluster.isChecked() and not self.running)

    def _opened(self, where: str, first_round: int) -> None:
        self._first_round = first_round
        self._say(f"Running on {where}, from round {first_round + 1}.")

    def _round_started(self, event: RoundStarted) -> None:
        self.round_space = event.space
        self.latest_round = event.round
        self.model.set_paths(event.space.paths())
        if event.round > self._first_round:  # zoomed in automatically: show what runs
            self._set_space(event.space.model_copy(deep=True))
            self._store_space()
        self._say(f"Round {event.round + 1}: {event.trials} trials"
                  + (f" ({event.resumed} from the results file)" if event.resumed else ""))

    def _trial_done(self, event: TrialDone) -> None:
        record = event.record
        self.progress.setValue(min(self.progress.value() + 1, self.progress.maximum()))
        if not record.completed:
            return
        if record.identity() not in self.records:
            self.model.add(record)
        self.records[record.identity()] = record
        self._dirty = True

    def _finished(self, status: str, message: str) -> None:
        self._running = False
        self._timer.stop()
        self._dirty = True
        self._redraw()
        text = {"finished": "Done", "cancelled": "Cancelled", "failed": "Failed"}.get(status,
                                                                                     status)
        self._say(f"{text}: {message}." if not message.endswith(".") else f"{text}: {message}",
                  error=status == "failed")
        self._update_buttons()

    def _redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        records = list(self.records.values())
        space = self.round_space or self.space
        latest = [r for r in records if r.round == self.latest_round]
        self.field_plots.show_records(space, records)
        self.scatter.show_records(space, records, latest)
        self.parallel.show_records(space, records)
        self.curves.show_records(records)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.space_table.set_read_only(running)
        for editor in self.editors.values():
            editor.setEnabled(not running)
        self.local.setEnabled(not running)
        self.cluster.setEnabled(not running)
        self._run_on_changed()
        latest = [r for r in self.records.values() if r.round == self.latest_round and r.ranked]
        self.zoom_button.setEnabled(not running and bool(latest))
        self.open_button.setEnabled(self.table.selected_record() is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {REFUSED_TEXT};" if error else "")

    def _tab_widget(self) -> QTabWidget | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        return widget


def default_folder() -> Path:
    """Where searches keep their results: the app's data folder, under searches/."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".visualnet") / "searches"


def _group(title: str, content) -> QGroupBox:
    box = QGroupBox(title)
    if isinstance(content, QWidget):
        layout = QVBoxLayout(box)
        layout.addWidget(content)
    else:
        box.setLayout(content)
    return box


def _titled(title: str, widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return holder

