"""The race tab's keys: Space plays or pauses, → steps, R resets — while focus is in the tab.

The tab's actions carry these shortcuts with the WidgetWithChildrenShortcut context, but the
main window's Space (Train) is a window-wide shortcut: with both active, Qt calls the key
ambiguous and runs neither. So while focus is inside the tab this filter claims the keys first
(it accepts the ShortcutOverride that precedes every shortcut) and triggers the tab's action
on the key press itself. A field that types text, a slider, or a list that moves with the
arrows keeps its keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QTextEdit)
ARROW_USERS = (QAbstractSlider, QAbstractItemView, QComboBox)


class TabKeys(QObject):
    """Routes the tab's keys to ``actions`` {Qt key: QAction} while focus is inside ``tab``."""

    def __init__(self, tab: QWidget, actions: dict[Qt.Key, QAction]):
        super().__init__(tab)
        self.tab = tab
        self.actions = actions
        self._watching = False
        tab.installEventFilter(self)

    def _watch(self, on: bool) -> None:
        """Filter the application's events only while the tab is shown: an application-wide
        filter sees every event, and the rest of the time that would be wasted work."""
        if on != self._watching:
            self._watching = on
            app = QApplication.instance()
            (app.installEventFilter if on else app.removeEventFilter)(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.tab and kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self._watch(kind == QEvent.Type.Show)
            return False
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        action = self._action_for(event)
        if action is None or not self._focus_in_tab():
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut runs: the key press comes to us instead
            return True
        if watched is not QApplication.focusWidget():
            return False  # the same key press, propagated to a parent: already handled
        if action.isEnabled():
            action.trigger()
        return True

    def _action_for(self, event: QKeyEvent) -> QAction | None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return None
        action = self.actions.get(Qt.Key(event.key()))
        if action is None:
            return None
        focus = QApplication.focusWidget()
        if isinstance(focus, TEXT_INPUTS):
            return None
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Space) and isinstance(focus,
                                                                               ARROW_USERS):
            return None
        return action

    def _focus_in_tab(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.tab or self.tab.isAncestorOf(focus))
