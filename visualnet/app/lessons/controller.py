"""What the Lessons menu does: open a lesson's experiment, its plots and its explanation.

Choosing a lesson asks about unsaved changes, loads the lesson's first experiment, raises the
docks of the plots that tell its story (those teaching mode hides stay hidden) and fills the
Lesson panel. Opening any experiment that names a lesson (``view.lesson``), e.g. one a teacher
saved, does the same. "Run all" trains each experiment of the lesson in turn, so the Runs dock
can overlay them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMenu, QMessageBox

from visualnet.app.lessons.ewma_demo import EwmaDemo
from visualnet.app.lessons.panel import LessonPanel
from visualnet.app.lessons.text import file_label, menu_text
from visualnet.core import lessons
from visualnet.core.lessons import Lesson

LESSON_KEY, DEMO_KEY = "lesson", "ewma"
DEMOS = {"temperature": DEMO_KEY}
"""Lesson demo name → key of the dock that shows it."""


class LessonController(QObject):
    """The Lessons menu, the Lesson dock and the EWMA demo dock of one main window."""

    def __init__(self, window, panel: LessonPanel, demo: EwmaDemo):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.panel = panel
        self.demo = demo
        self.actions: dict[str, object] = {}
        self._queue: list[str] | None = None
        self._loading = False
        self._names: dict[str, dict[str, str]] = {}
        self._fill_menu(window.lessons_menu)
        panel.fileChosen.connect(self._file_chosen)
        panel.compareAll.connect(self.run_all)
        self.session.replaced.connect(self.sync)
        window.controller.runFinished.connect(self._run_finished)
        window.controller.error.connect(lambda _text: self._stop_queue())

    # --- commands ----------------------------------------------------------------------------

    def choose(self, lesson_id: str, file: str | None = None) -> bool:
        """Open lesson ``lesson_id`` (its first experiment, or ``file``); False if cancelled."""
        self._stop_queue()
        if not self.window.files.maybe_save():
            self._check_current()
            return False
        return self._load(lesson_id, file)

    def run_all(self) -> bool:
        """Train every experiment of the open lesson, one after the other."""
        lesson = self.panel.lesson
        if lesson is None or self.window.controller.busy or not self.window.files.maybe_save():
            return False
        self._queue = list(lesson.files)
        self.panel.set_busy(True)
        self._next_in_queue()
        return True

    @property
    def running_all(self) -> bool:
        return self._queue is not None

    def sync(self) -> None:
        """Show the lesson the open experiment belongs to (or none), with its docks."""
        if self._queue is not None and not self._loading:
            self._stop_queue()
        lesson = self._lesson_of_experiment()
        docks = self.window.docks
        if lesson is None:
            self.panel.show_none()
            for key in (LESSON_KEY, DEMO_KEY):
                docks[key].hide()
            return
        names = self._file_names(lesson)
        labels = {name: file_label(title) for name, title in names.items()}
        current = next((n for n, title in names.items()
                        if title == self.session.experiment.name), None)
        self.panel.show_lesson(lesson, labels, current, self.session.experiment.description)
        self._open_docks(lesson)

    # --- helpers -----------------------------------------------------------------------------

    def _load(self, lesson_id: str, file: str | None) -> bool:
        try:
            experiment = lessons.load(lesson_id, file)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self.window, "Cannot open the lesson", str(error))
            self._check_current()
            return False
        self._loading = True
        try:
            self.session.replace(experiment)
        finally:
            self._loading = False
        return True

    def _open_docks(self, lesson: Lesson) -> None:
        """Show and raise the lesson's plots (the first listed in front), its demo and the
        Lesson panel; docks teaching mode hides stay hidden."""
        docks = self.window.docks
        hidden = set(self.session.experiment.view.hidden)
        self.window.tabs.setCurrentWidget(self.window.training_area)
        demo = DEMOS.get(lesson.demo or "")
        keys = [key for key in (LESSON_KEY, *reversed(lesson.plots), demo)
                if key is not None and key in docks and key not in hidden]
        for key in keys:
            docks[key].show()
            docks[key].raise_()
        if demo is None:
            docks[DEMO_KEY].hide()

    def _lesson_of_experiment(self) -> Lesson | None:
        lesson_id = self.session.experiment.view.lesson
        if lesson_id is None:
            return None
        try:
            return lessons.lesson(lesson_id)
        except (ValueError, OSError):
            return None

    def _file_names(self, lesson: Lesson) -> dict[str, str]:
        """Each of the lesson's files → its experiment's name (read once)."""
        if lesson.id not in self._names:
            names = {}
            for name in lesson.files:
                try:
                    names[name] = lessons.load(lesson.id, name).name
                except (ValueError, OSError):
                    names[name] = name
            self._names[lesson.id] = names
        return self._names[lesson.id]

    def _fill_menu(self, menu: QMenu) -> None:
        """One entry per topic, in the course's order; a topic of several lessons opens a
        submenu of their titles."""
        topics: dict[str, list[Lesson]] = {}
        for lesson in lessons.lessons():
            topics.setdefault(lesson.topic, []).append(lesson)
        for topic, items in topics.items():
            if len(items) == 1:
                self._lesson_action(menu, items[0], topic)
                continue
            submenu = menu.addMenu(menu_text(topic))
            for lesson in items:
                self._lesson_action(submenu, lesson, lesson.title)

    def _lesson_action(self, menu: QMenu, lesson: Lesson, text: str) -> None:
        action = menu.addAction(menu_text(text))
        action.setToolTip(lesson.title)
        action.setStatusTip(lesson.title)
        action.triggered.connect(lambda _checked=False, i=lesson.id: self.choose(i))
        self.actions[lesson.id] = action

    def _file_chosen(self, name: str) -> None:
        lesson = self.panel.lesson
        if lesson is not None and name != self._current_file():
            self.choose(lesson.id, name)

    def _current_file(self) -> str | None:
        lesson = self.panel.lesson
        if lesson is None:
            return None
        names = self._file_names(lesson)
        return next((n for n, t in names.items() if t == self.session.experiment.name), None)

    def _check_current(self) -> None:
        """Put the panel's tick back on the experiment that is really open."""
        current = self._current_file()
        button = self.panel.file_button(current) if current else None
        if button is not None:
            button.setChecked(True)

    def _next_in_queue(self) -> None:
        lesson = self.panel.lesson
        if self._queue is None or lesson is None:
            return
        if not self._queue:
            self._stop_queue()
            runs = self.window.docks.get("runs")
            if runs is not None and "runs" not in self.session.experiment.view.hidden:
                runs.show()
                runs.raise_()
            return
        name = self._queue.pop(0)
        if not self._load(lesson.id, name):
            self._stop_queue()
            return
        self.panel.set_busy(True)
        self.window.controller.train()

    def _run_finished(self, run) -> None:
        if self._queue is None:
            return
        if run.status == "stopped":
            self._stop_queue()
            return
        # runFinished arrives before the controller leaves "running": start the next one after
        QTimer.singleShot(0, self._next_in_queue)

    def _stop_queue(self) -> None:
        if self._queue is not None:
            self._queue = None
            self.panel.set_busy(False)
