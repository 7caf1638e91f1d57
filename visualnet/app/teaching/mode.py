"""Teaching mode: the docks and run buttons a teacher hides, saved in the experiment.

The hidden items are ``experiment.view.hidden``: dock keys ("cost", "hyperparameters", …) and
run buttons ("action:train", …). Opening an experiment applies its list; changing the list
marks the experiment edited, so Save writes it and students who open the file see only the
rest.

While teaching mode hides a dock, its View toggle is hidden too, and a dock shown some other
way (Reset layout, a saved layout) is hidden again: the only way back is View ▸ Teaching mode
(tick it again, or "Show all"). It guides a class; it is not a lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel

ACTION_PREFIX = "action:"

ACTIONS = {"train": "Train", "pause": "Pause", "step": "Step", "stop": "Stop",
           "reset": "Reset weights"}
"""Run buttons teaching mode can hide, as ``action:<name>``; RunBar has ``<name>_action``.
Named here, since Train and Pause read "Resume" while a run is paused."""


@dataclass(frozen=True)
class Item:
    """One thing a teacher can hide: its key in ``view.hidden``, its name, its group."""

    key: str
    title: str
    group: str


GROUPS = ("Panels", "Plots", "Run buttons")


class TeachingMode(QObject):
    """Applies ``session.experiment.view.hidden`` to one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.hidden: list[str] = []
        self._applied: set[str] = set()
        self._watched: set[str] = set()
        self.dialog = None
        """The teaching-mode dialog last opened (View ▸ Teaching mode…)."""
        self.note = QLabel()
        self.note.setObjectName("teaching_note")
        self.note.setStyleSheet("color: #92400e; padding: 0 6px;")
        self.note.setToolTip("Items hidden for students; they are saved in the experiment file")
        self.note.hide()
        window.statusBar().addPermanentWidget(self.note)
        self.session.replaced.connect(self.sync)

    # --- what can be hidden ------------------------------------------------------------------

    def items(self) -> list[Item]:
        """Every dock of the window, then the run buttons, grouped as the dialog shows them."""
        out = []
        for key, dock in self.window.docks.items():
            group = "Panels" if dock.parent() is self.window else "Plots"
            out.append(Item(key, dock.windowTitle(), group))
        for name, title in ACTIONS.items():
            if self._action(name) is not None:
                out.append(Item(ACTION_PREFIX + name, title, "Run buttons"))
        return sorted(out, key=lambda item: GROUPS.index(item.group))

    # --- commands ----------------------------------------------------------------------------

    def set_hidden(self, keys: list[str]) -> None:
        """Hide exactly ``keys`` (of ``items()``) and record them in the experiment."""
        known = {item.key for item in self.items()}
        unknown = [key for key in self.session.experiment.view.hidden if key not in known]
        hidden = unknown + [item.key for item in self.items() if item.key in set(keys)]
        if hidden != list(self.session.experiment.view.hidden):
            self.session.experiment.view.hidden = hidden
            self.session.edited("view")
        self.apply(hidden)

    def show_all(self) -> None:
        self.set_hidden([])

    def sync(self) -> None:
        """Apply the open experiment's list (after New, Open, a lesson…)."""
        self.apply(list(self.session.experiment.view.hidden))

    def apply(self, hidden: list[str]) -> None:
        """Hide these docks and run buttons; show again what this mode hid before and no
        longer hides (docks the user closed stay closed)."""
        self.hidden = list(hidden)
        wanted = set(hidden)
        for key in self._applied - wanted:
            self._set_shown(key, True)
        for key in wanted:
            self._set_shown(key, False)
        self._applied = {key for key in wanted if self._target(key) is not None}
        count = len(self._applied)
        noun = "item" if count == 1 else "items"
        self.note.setText(f"Teaching mode: {count} {noun} hidden — View ▸ Teaching mode to "
                          "change")
        self.note.setVisible(count > 0)

    # --- helpers -----------------------------------------------------------------------------

    def _set_shown(self, key: str, shown: bool) -> None:
        target = self._target(key)
        if isinstance(target, QDockWidget):
            target.toggleViewAction().setVisible(shown)
            target.setVisible(shown)
            self._watch(key, target)
        elif target is not None:
            target.setVisible(shown)

    def _target(self, key: str):
        if key.startswith(ACTION_PREFIX):
            return self._action(key.removeprefix(ACTION_PREFIX))
        return self.window.docks.get(key)

    def _action(self, name: str):
        return getattr(self.window.run_bar, f"{name}_action", None)

    def _watch(self, key: str, dock: QDockWidget) -> None:
        """Hide ``dock`` again whenever something shows it while it is hidden here."""
        if key not in self._watched:
            self._watched.add(key)
            dock.visibilityChanged.connect(
                lambda visible, key=key: self._visibility_changed(key, visible))

    def _visibility_changed(self, key: str, visible: bool) -> None:
        if visible and key in self._applied:
            QTimer.singleShot(0, lambda: self._rehide(key))

    def _rehide(self, key: str) -> None:
        if key in self._applied:
            self._set_shown(key, False)
