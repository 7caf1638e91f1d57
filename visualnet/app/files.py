"""File menu behaviour: New, Open, Save, Save As, recent files, unsaved changes, exports.

Errors reach the user as dialogs that name the file and the problem, never as tracebacks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from visualnet.app.session import Session
from visualnet.core.experiment import SUFFIX, Experiment

RECENT_KEY = "files/recent"
RECENT_MAX = 8
EXPERIMENT_FILTER = f"VisualNet experiments (*{SUFFIX});;JSON files (*.json);;All files (*)"


class FileController(QObject):
    """Opens and saves the session's experiment; keeps the recent-files list in QSettings."""

    recentChanged = Signal(list)

    def __init__(self, session: Session, settings: QSettings, parent: QWidget):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.window = parent

    # --- experiment files --------------------------------------------------------------------

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.session.replace(Experiment())
        return True

    def open(self, path: str | Path | None = None) -> bool:
        if not self.maybe_save():
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Open experiment", self._folder(), EXPERIMENT_FILTER)
            if not path:
                return False
        try:
            self.session.open(path)
        except (ValueError, OSError) as error:
            self._error("Cannot open the experiment", str(error))
            self._forget(str(path))
            return False
        self._remember(str(path))
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        start = str(self.session.path or Path(self._folder()) / f"{self.session.experiment.name}")
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save experiment as", start, EXPERIMENT_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += SUFFIX
        return self._write(Path(path))

    def maybe_save(self) -> bool:
        """Ask about unsaved edits; False when the user cancels."""
        if not self.session.dirty:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            f"Save the changes to {self.session.title.removesuffix(' *')}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    # --- helpers -----------------------------------------------------------------------------

    def _write(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except (ValueError, OSError) as error:
            self._error("Cannot save the experiment", f"{path}: {error}")
            return False
        self._remember(str(path))
        return True

    def _folder(self) -> str:
        recent = self.recent()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _remember(self, path: str) -> None:
        items = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue(RECENT_KEY, items[:RECENT_MAX])
        self.recentChanged.emit(self.recent())

    def _forget(self, path: str) -> None:
        self.settings.setValue(RECENT_KEY, [p for p in self.recent() if p != path])
        self.recentChanged.emit(self.recent())

    def _error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)
