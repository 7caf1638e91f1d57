"""Runs a search in a worker QThread and reports it with signals; the GUI never waits on it.

The worker thread opens the executor (a local process pool, or a Dask cluster's), runs the
core ``Search`` on it and turns each search event into a queued signal. Cancel stops the trials
not yet started and interrupts the running ones (they run again when the search resumes).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace
from visualnet.core.search.executors import open_executor
from visualnet.core.search.runner import RoundStarted, Search, SearchEnded, TrialDone


@dataclass(frozen=True)
class Job:
    """What to run: ``rounds`` rounds of ``space`` over ``experiment`` from the round the
    results file says comes next, on ``workers`` local processes or the cluster at
    ``scheduler``."""

    experiment: Experiment
    space: SearchSpace
    results: Path
    rounds: int
    workers: int | None = None
    scheduler: str | None = None


class _Worker(QObject):
    """Runs one Job in the thread it was moved to."""

    opened = Signal(str, int)
    roundStarted = Signal(object)
    trialDone = Signal(object)
    ended = Signal(str, str)

    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self._cancel = threading.Event()
        self._search: Search | None = None

    @Slot()
    def run(self) -> None:
        job = self.job
        try:
            self._search = Search(job.experiment, job.space, job.results, [self._event])
            first = self._search.next_round(job.space)
            with open_executor(job.workers, job.scheduler) as executing:
                self.opened.emit(executing.where, first)
                if self._cancel.is_set():
                    self.ended.emit("cancelled", "cancelled before the first trial")
                    return
                self._search.run(executing.executor, job.rounds, first, executing.slots,
                                 executing.interrupt)
        except (ValueError, OSError) as error:
            self.ended.emit("failed", str(error))
        except Exception as error:  # a bug must reach the user, not kill the thread silently
            self.ended.emit("failed", f"{type(error).__name__}: {error}")

    def cancel(self) -> None:
        """From the GUI thread: drop the trials not started; the search then interrupts the
        running ones while it waits for them."""
        self._cancel.set()
        if self._search is not None:
            self._search.cancel()

    def _event(self, event) -> None:
        if isinstance(event, RoundStarted):
            self.roundStarted.emit(event)
        elif isinstance(event, TrialDone):
            self.trialDone.emit(event)
        elif isinstance(event, SearchEnded):
            self.ended.emit(event.status, event.message)


class SearchController(QObject):
    """Starts, cancels and shuts down searches; relays their progress as signals."""

    opened = Signal(str, int)
    """Where the trials run ('2 local workers') and the first round (from 0)."""
    roundStarted = Signal(object)
    """A core RoundStarted: the round, its space, its trial count, how many are on file."""
    trialDone = Signal(object)
    """A core TrialDone: the record, and whether it was read back from the results file."""
    finished = Signal(str, str)
    """The search ended: finished, cancelled or failed, and why in words."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._outcome = ("failed", "the search stopped without a word")

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, job: Job) -> None:
        if self.busy:
            raise RuntimeError("a search is already running")
        self._thread = QThread(self)
        self._worker = _Worker(job)
        self._worker.moveToThread(self._thread)
        self._worker.opened.connect(self.opened)
        self._worker.roundStarted.connect(self.roundStarted)
        self._worker.trialDone.connect(self.trialDone)
        self._worker.ended.connect(self._ended)
        self._thread.started.connect(self._worker.run)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.finished.connect(self._thread_finished)
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None and self.busy:
            self._worker.cancel()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel any search and wait for its thread (safe to call any time)."""
        self.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(timeout_ms)

    @Slot(str, str)
    def _ended(self, status: str, message: str) -> None:
        self._outcome = (status, message)
        self._thread.quit()

    @Slot()
    def _thread_finished(self) -> None:
        self.finished.emit(*self._outcome)  # only now is ``busy`` False: Start may run again
