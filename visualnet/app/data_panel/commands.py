"""Every edit of the data settings as one QUndoCommand holding the settings before and after.

The panel makes an edit first and pushes its command afterwards, so the first redo (run by
``QUndoStack.push``) has nothing to do. Consecutive edits of the same field merge into one step,
and a step that ends where it started leaves the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

MERGE_ID = 0x0DA7A


class EditData(QUndoCommand):
    """``restore(settings)`` is the panel's method that shows and applies a settings dict."""

    def __init__(self, restore, key: str, text: str, before: dict, after: dict):
        super().__init__(text)
        self.key = key
        self._restore, self._before, self._after = restore, before, after
        self._done = True

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditData) or other.key != self.key:
            return False
        self._after = other._after
        self.setObsolete(self._after == self._before)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._restore(self._after)

    def undo(self) -> None:
        self._restore(self._before)
