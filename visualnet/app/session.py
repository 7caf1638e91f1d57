"""The open experiment: its schema instance, its file, whether it has unsaved edits, its data.

Every view edits ``session.experiment`` (the one source of truth) and then calls
``session.edited(...)``; views listen to ``changed`` to refresh themselves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from visualnet.core.data import prepare
from visualnet.core.data.prepared import PreparedData
from visualnet.core.experiment import Experiment


class Session(QObject):
    """Holds the experiment being edited and the data prepared from it."""

    replaced = Signal()
    """A different experiment was loaded (New/Open/lesson): every view re-reads everything."""
    changed = Signal(str)
    """One part was edited: 'data', 'network', 'training', 'view' or 'meta'."""
    dataChanged = Signal()
    """The prepared data (or its error) changed."""
    dirtyChanged = Signal(bool)
    pathChanged = Signal(object)

    def __init__(self, experiment: Experiment | None = None):
        super().__init__()
        self.experiment = experiment or Experiment()
        self.path: Path | None = None
        self.dirty = False
        self.data: PreparedData | None = None
        self.data_error: str | None = None
        self._prepare()

    # --- editing -----------------------------------------------------------------------------

    def edited(self, part: str) -> None:
        """Record an edit of ``part`` of the experiment (re-preparing the data if needed)."""
        if part == "data" or (part == "training" and self.data is None):
            self._prepare()
        self._set_dirty(True)
        self.changed.emit(part)

    def replace(
        self, experiment: Experiment, path: Path | None = None, dirty: bool = False
    ) -> None:
        """Switch to another experiment (New, Open, a lesson)."""
        self.experiment = experiment
        self.path = path
        self._prepare(notify=False)
        self._set_dirty(dirty)
        self.pathChanged.emit(path)
        self.replaced.emit()
        self.dataChanged.emit()

    # --- files -------------------------------------------------------------------------------

    def open(self, path: str | Path) -> None:
        """Load ``path``; ExperimentError (a ValueError) names the file and the problem."""
        path = Path(path)
        self.replace(Experiment.load(path), path)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the experiment atomically to ``path`` (default: where it came from)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name yet: use Save As")
        self.experiment.save(target)
        self.path = target
        self._set_dirty(False)
        self.pathChanged.emit(target)
        return target

    @property
    def title(self) -> str:
        name = self.path.name if self.path else self.experiment.name
        return f"{name}{' *' if self.dirty else ''}"

    # --- helpers -----------------------------------------------------------------------------

    def _prepare(self, notify: bool = True) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large file takes a moment
        try:
            self.data, self.data_error = prepare(self.experiment.data), None
        except (ValueError, OSError) as error:
            self.data, self.data_error = None, str(error)
        finally:
            QApplication.restoreOverrideCursor()
        if notify:
            self.dataChanged.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)
