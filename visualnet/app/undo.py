"""Undo for the hyperparameter form, and one Edit ▸ Undo for every panel.

Each accepted form edit is one step that restores the training settings and the seed as they
were; consecutive edits of the same field (dragging the α slider) merge into one step. The
window's QUndoGroup follows the focus: Undo acts on the panel the user is working in.
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget

from visualnet.core.experiment import TrainingConfig


class FormEdit(QUndoCommand):
    """Set the training settings and seed to ``after``; undo sets them back to ``before``."""

    def __init__(self, apply, path: str, before: tuple, after: tuple):
        super().__init__(f"Change {path.rsplit('.', 1)[-1]}")
        self.apply, self.path, self.before, self.after = apply, path, before, after
        self._pushed = True

    def id(self) -> int:
        return zlib.crc32(self.path.encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FormEdit) or other.path != self.path:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._pushed:  # the form already shows the new value
            self._pushed = False
            return
        self.apply(self.after)

    def undo(self) -> None:
        self.apply(self.before)


class FormHistory:
    """Records the hyperparameter form's edits on ``stack`` for a session's experiment."""

    def __init__(self, form, session, stack: QUndoStack):
        self.form, self.session, self.stack = form, session, stack
        self._state = self._read()
        form.changed.connect(self._changed)
        session.replaced.connect(self.restart)

    def restart(self) -> None:
        self.stack.clear()
        self._state = self._read()

    def _changed(self, path: str, _value) -> None:
        now = self._read()
        if now != self._state:
            self.stack.push(FormEdit(self._apply, path, self._state, now))
            self._state = now

    def _read(self) -> tuple:
        experiment = self.session.experiment
        return experiment.training.model_dump(), experiment.seed

    def _apply(self, state: tuple) -> None:
        training, seed = state
        experiment = self.session.experiment
        experiment.training = TrainingConfig.model_validate(training)
        experiment.seed = seed
        self._state = state
        self.form.refresh()
        self.session.edited("training")


class FocusUndoGroup(QUndoGroup):
    """A QUndoGroup whose active stack is the one of the panel holding the keyboard focus."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._owners: list[tuple[QWidget, QUndoStack]] = []
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def add(self, owner: QWidget, stack: QUndoStack) -> None:
        self.addStack(stack)
        self._owners.append((owner, stack))
        if self.activeStack() is None:
            self.setActiveStack(stack)

    def _focus_changed(self, _old, new) -> None:
        for owner, stack in self._owners:
            if new is not None and (new is owner or owner.isAncestorOf(new)):
                self.setActiveStack(stack)
                return
