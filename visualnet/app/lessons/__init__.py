"""Lessons: the Lessons menu, the Lesson panel and the EWMA demo.

``install(window)`` fills the window's Lessons menu (one entry per course topic), adds the
Lesson dock (key "lesson", a tab beside the Data, Network and Hyperparameters panels) and the
EWMA demo dock (key "ewma", a tab beside the decision boundary), both hidden until a lesson
needs them, and their toggles to View.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from visualnet.app.docks import add_view_toggle, make_dock, tab_beside
from visualnet.app.lessons.controller import DEMO_KEY, LESSON_KEY, LessonController
from visualnet.app.lessons.ewma_demo import EwmaDemo
from visualnet.app.lessons.panel import LessonPanel

__all__ = ["DEMO_KEY", "LESSON_KEY", "EwmaDemo", "LessonController", "LessonPanel", "install"]


def install(window) -> LessonController:
    """Wire the lessons into ``window`` (a MainWindow); a second call returns the first."""
    existing = getattr(window, "lessons", None)
    if existing is not None:
        return existing
    panel = LessonPanel(window.run_bar.train_action)
    lesson_dock = window.add_side_dock(panel, "Lesson", LESSON_KEY)
    demo = EwmaDemo()
    demo_dock = make_dock(demo, "EWMA demo", DEMO_KEY, window.training_area)
    _tab_beside(window, demo_dock, "boundary")
    window.docks[DEMO_KEY] = demo_dock
    add_view_toggle(window.view_menu, demo_dock)
    for dock in (lesson_dock, demo_dock):
        dock.hide()
    controller = LessonController(window, panel, demo)
    window.lessons = controller
    # After the window has restored its saved layout: show the lesson of the experiment it
    # opened with (or hide the lesson docks when it has none).
    QTimer.singleShot(0, controller.sync)
    return controller


def _tab_beside(window, dock, key: str) -> None:
    """A tab in the group of dock ``key`` (leaving that dock in front), else on the right."""
    area = window.training_area
    other = window.docks.get(key)
    if other is None or other.parent() is not area:
        area.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return
    tab_beside(area, other, dock)
