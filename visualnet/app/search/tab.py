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
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from visualnet.app.plots.hint import EmptyHint
from visualnet.app.search.controller import Job, SearchController
from visualnet.app.search.deck import PlotDeck
from visualnet.app.search.panel import SETTINGS, ControlPanel
from visualnet.app.search.plots import FieldPlots, ImportanceScatter, ParallelPlot, TopCurves
from visualnet.app.search.trials import TrialsModel, TrialsView
from visualnet.app.session import Session
from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace, fields, refine
from visualnet.core.search.results import NAME
from visualnet.core.search.runner import RoundStarted, TrialDone
from visualnet.core.search.trial import TrialRecord

REDRAW_MS = 250
"""Plots redraw at most four times a second, however fast trials arrive."""

PANEL_WIDTH = 420


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
        self.panel = ControlPanel(self.space)
        self.field_plots = FieldPlots()
        self.scatter = ImportanceScatter()
        self.parallel = ParallelPlot()
        self.curves = TopCurves()
        self.table = TrialsView(self.model)
        for widget in (self.field_plots, self.scatter, self.parallel, self.curves):
            widget.setMinimumSize(200, 150)
        self.hints = [EmptyHint(widget, text) for widget, text in (
            (self.field_plots, "Press Start: each trial's dev error appears here against each "
                               "field, on the field's own scale."),
            (self.scatter, "The two fields that matter most, each trial a dot, beside a grid "
                           "of as many trials."),
            (self.parallel, "Each trial as a line across all the fields, coloured by its dev "
                            "error."),
            (self.curves, "The cost curves of the best trials, as they finish."))]
        self.deck = PlotDeck([
            ("Dev error against each field (colour: dark = lowest)", "Each field",
             self.field_plots),
            ("The two fields that matter most, and a grid", "Top two", self.scatter),
            ("Parallel coordinates", "Parallel", self.parallel),
            ("Cost of the best trials (dev solid, train dashed)", "Best costs", self.curves)])
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.deck)
        right.addWidget(_titled("Trials (click a column to sort; double-click to open)",
                                self.table))
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        outer = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(self.panel)
        outer.addWidget(right)
        outer.setStretchFactor(1, 1)
        outer.setChildrenCollapsible(False)
        outer.setSizes([PANEL_WIDTH, 1000])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(outer)
        self._update_buttons()

    def _connect(self) -> None:
        panel = self.panel
        panel.space_table.changed.connect(self._space_edited)
        for editor in panel.editors.values():
            editor.committed.connect(lambda _value: self._space_edited())
        panel.start_button.clicked.connect(self.start)
        panel.cancel_button.clicked.connect(self.cancel)
        panel.zoom_button.clicked.connect(self.zoom_in)
        panel.open_button.clicked.connect(self.open_in_builder)
        self.table.doubleClicked.connect(lambda _index: self.open_in_builder())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
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
        workers, scheduler = self.panel.where()
        if scheduler == "":
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
        job = Job(experiment, experiment.search, results, self.space.rounds, workers, scheduler)
        self.panel.progress.setRange(0, self.space.trials * self.space.rounds)
        self.panel.progress.setValue(0)
        self.panel.progress.setFormat("%v / %m trials")
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
            name: getattr(self.space, name) for name, _ in SETTINGS}))  # as edited since
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
            self.panel.space_table.bind(self.space, self.session.experiment)
            problems = self.space.problems_with(self.session.experiment)
            self.panel.space_table.show_problem("; ".join(problems))

    def _set_space(self, space: SearchSpace) -> None:
        self.space = space
        self.panel.bind(space, self.session.experiment)

    def _space_edited(self) -> None:
        self._store_space()
        self._dirty = True

    def _store_space(self) -> None:
        if self.session.experiment.search != self.space:
            self.session.experiment.search = self.space.model_copy(deep=True)
            self.session.edited("search")

    def _opened(self, where: str, first_round: int) -> None:
        self._first_round = first_round
        self._say(f"Running on {where}, from round {first_round + 1}.")

    def _round_started(self, event: RoundStarted) -> None:
        if event.round == self._first_round:  # a grid may hold fewer trials than asked for
            self.panel.progress.setRange(0, event.trials * self.space.rounds)
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
        progress = self.panel.progress
        progress.setValue(min(progress.value() + 1, progress.maximum()))
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
        for hint in self.hints:
            hint.setVisible(not records)
        self.field_plots.show_records(space, records)
        self.scatter.show_records(space, records, latest)
        self.parallel.show_records(space, records)
        self.curves.show_records(records)
        self._update_buttons()

    def _update_buttons(self) -> None:
        rankable = any(r.round == self.latest_round and r.ranked for r in self.records.values())
        self.panel.set_running(self.running, can_zoom=rankable,
                               can_open=self.table.selected_record() is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.panel.say(text, error)

    def _tab_widget(self) -> QTabWidget | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        return widget


def default_folder() -> Path:
    """Where searches keep their results: the app's data folder, under searches/."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".visualnet") / "searches"


def _titled(title: str, widget: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(f"<b>{title}</b>")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return holder

