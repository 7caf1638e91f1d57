"""Train / Pause / Step / Stop / Reset for the app, with training in a worker QThread.

The GUI thread never waits on training: the Trainer runs in a QThread; a LiveRecorder (its
listener) keeps the latest state; a timer here takes a snapshot and hands it to the views only
when something changed, at most every FRAME_MS, and only as often as the views can draw within
GUI_SHARE. The timer is set for when the next frame is due rather than ticking at 30 Hz: each
tick needs the interpreter lock, and a tick that only finds the frame not yet due still cost the
training thread ~2.5% of its time at 30 a second (benchmarks/bench_app.py's "ran", with frames
that drew nothing). While the views draw a running run's frame, the training loop waits before
its next mini-batch (``TrainingControl.suspend``) and goes on once they have drawn it. A new
run's thread starts once the window has drawn the run's first frame (the network it starts
from, the forms locked): ~50 ms of drawing that would otherwise fight the run's first
mini-batches for the interpreter lock.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from visualnet.app.session import Session
from visualnet.app.training.runs import RunRecord
from visualnet.core.training import Trainer, TrainingControl
from visualnet.core.training.recorder import LiveRecorder, Snapshot

FRAME_MS = 33
"""≈30 snapshots a second at most, whatever the training speed."""

GUI_SHARE = 0.035
"""While training, the frames may take at most this share of the GUI thread's time: after a
frame that cost the GUI thread 10 ms of CPU (drawing and painting it, and whatever else it did
meanwhile) the next one waits 10/0.035 ≈ 290 ms. The training loop waits while a frame is drawn
(``_hold_for_frame``), so this is also about the share of training time the frames cost; a slow
machine gets fewer frames rather than slower training, and cheap frames (a slow run, or little
on screen) still come at FRAME_MS. On benchmarks/bench_app.py's moons net (frames of ~20 ms):
1.7–2 frames a second for ~3.5% of its training (0.03 gave ~1.3–1.7 for ~1% more training,
which the bench's rounds could not tell apart). Before the loop waited, a twentieth gave ~1.3
frames a second for ~6%: a frame drawn while the loop runs takes the interpreter lock from it
hundreds of times, which costs both threads more than the drawing."""

MAX_FRAME_MS = 1000
"""However costly the frames, the views show the run at least once a second."""

FRAME_READINGS = 2
"""Times a frame's cost is read before the next frame: FRAME_MS after it started (its drawing
goes on after ``_poll`` returns) and once more when that reading says it is due (drawing that
went on longer). No more: a reading is a tick, and a tick costs the GUI thread ~0.15 ms
(mostly taking the interpreter lock from the training thread). Read on every tick until the
frame was due, those ticks were the cost: each pushed the next frame 0.15 / 0.05 = 3 ms
later, and the timer fired every ~3 ms until MAX_FRAME_MS ran out (~150 ticks a frame on
benchmarks/bench_app.py's moons net)."""

ACTIVE = ("running", "paused")


class _Worker(QObject):
    """Runs one Trainer in the thread it was moved to; says which run ended with ``done``."""

    done = Signal(object, object, str)
    """(run_id, trainer, recorder), the TrainResult or None, the failure or ''."""

    def __init__(self, job: tuple[int, Trainer, LiveRecorder]):
        super().__init__()
        self.job = job

    @Slot()
    def run(self) -> None:
        try:
            self.done.emit(self.job, self.job[1].run(), "")
        except Exception as error:  # a bug must reach the user as a dialog, not kill the thread
            self.done.emit(self.job, None, f"{type(error).__name__}: {error}")


class RunController(QObject):
    """Owns the current run; emits snapshots, state changes and finished runs."""

    snapshot = Signal(object)
    cleared = Signal()
    """The views should forget the previous run (a new one starts, or a fresh network shows)."""
    stateChanged = Signal(str)
    runFinished = Signal(object)
    error = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.state = "idle"
        self.trainer: Trainer | None = None
        self.recorder: LiveRecorder | None = None
        self.control: TrainingControl | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._last_version = -1
        self._run_ids = itertools.count(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.drawing: Callable[[], bool] | None = None
        """Whether the views are still drawing the last snapshot (the window sets it). Given,
        the training loop waits while they draw a running run's frame (``_hold_for_frame``)."""
        self._drawn = QTimer(self)
        self._drawn.setSingleShot(True)
        self._drawn.setInterval(0)  # once per pass of the event loop
        self._drawn.timeout.connect(self._check_drawn)
        self._passes_drawn = 0
        """Passes of the event loop since the views last had a plot to draw."""
        self._launch_due = False
        """Whether the run's thread waits to start until the views have drawn its first frame."""
        self._frame: tuple[float, float, int] | None = None
        """When the last frame started: wall clock, GUI thread CPU time, readings of its cost."""

    # --- commands ----------------------------------------------------------------------------

    def train(self) -> None:
        """Start a new run (or resume a paused one)."""
        if self.state == "paused":
            self.control.resume()
            return
        if self.state == "running":
            return
        self._start()

    def toggle_pause(self) -> None:
        if self.state == "running":
            self.control.pause()
        elif self.state == "paused":
            self.control.resume()

    def step(self) -> None:
        """Run exactly one mini-batch, then hold (starting a paused run if none is active)."""
        if self.state not in ACTIVE and not self._start(paused=True):
            return
        self.control.step()

    def stop(self) -> None:
        if self.state in ACTIVE:
            self.control.stop()

    def reset_weights(self) -> None:
        """Stop any run and show a freshly initialized network (the next Train starts there)."""
        self.shutdown()
        problem = self._show_fresh()
        if problem:
            self.error.emit(problem)

    def preview(self) -> None:
        """Show the untrained network of the current experiment, unless a run is active.

        Quiet: when the experiment cannot train, the views are simply left empty.
        """
        if not self.busy:
            self._show_fresh()

    def _show_fresh(self) -> str:
        """Build a not-yet-started run for the current experiment and show it; its problem."""
        try:
            if self.session.data is None:
                raise ValueError(self.session.data_error or "no data")
            self.trainer = Trainer(self.session.experiment.model_copy(deep=True),
                                   self.session.data)
        except ValueError as err:
            self.trainer = self.recorder = None
            self._set_state("idle")
            return str(err)
        self.recorder = LiveRecorder(self.trainer)
        self.recorder.refresh()
        self._last_version = -1
        self._set_state("idle")
        self.cleared.emit()
        self._poll()
        return ""

    def set_live(self, name: str, value: float, target: object = None) -> None:
        """Forward a live change (α, β, β₁, β₂, keep_prob) to the running trainer."""
        if self.state in ACTIVE:
            self.control.set(name, value, target)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Stop the run and wait for its thread to finish (safe to call any time)."""
        if self.control is not None:
            self.control.stop()
        self._launch()  # a run that never started ends at once, as it has been told to stop
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(timeout_ms)
        self._timer.stop()
        self._drawn.stop()

    @property
    def busy(self) -> bool:
        return self.state in ACTIVE

    # --- internals ---------------------------------------------------------------------------

    def _start(self, paused: bool = False) -> bool:
        """Build a run of the current experiment, say it runs (or holds, ``paused``) and show
        the network it starts from; its thread starts once the views have drawn all that
        (``_check_drawn``). False if it cannot train (the error is emitted)."""
        if self.session.data is None:
            self.error.emit(self.session.data_error or "no data")
            return False
        try:
            trainer = Trainer(self.session.experiment.model_copy(deep=True), self.session.data)
        except ValueError as err:
            self.error.emit(str(err))
            return False
        self.trainer, self.control = trainer, trainer.control
        state = "paused" if paused else "running"
        self.recorder = LiveRecorder(trainer, state=state)
        trainer.listeners.append(self.recorder)
        if paused:
            self.control.pause()
        self._thread = QThread(self)
        self._worker = _Worker((next(self._run_ids), trainer, self.recorder))
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.done.connect(self._finished)
        self._worker.done.connect(self._thread.quit)
        self._thread.finished.connect(self._worker.deleteLater)
        self._last_version = -1
        self._set_state(state)
        self.cleared.emit()
        self.recorder.refresh()  # the views of the network the run starts from
        self._frame = (time.monotonic(), time.thread_time(), 0)
        self._launch_due = True
        self._poll()
        return True

    def _launch(self) -> None:
        """Start the run's thread if it waits to start, and the timer that draws its frames."""
        if self._launch_due:
            self._launch_due = False
            self._thread.start()
            self._timer.start(FRAME_MS)

    @Slot(object, object, str)
    def _finished(self, run: tuple[int, Trainer, LiveRecorder], result, failure: str) -> None:
        """A run ended: record it; unless Reset weights has replaced it meanwhile, show how."""
        run_id, trainer, recorder = run
        current = trainer is self.trainer
        if current:
            self._timer.stop()
            self._poll()
        if failure:
            if current:
                self._set_state("failed")
            self.error.emit(f"Training failed: {failure}")
            return
        self.runFinished.emit(RunRecord.from_run(run_id, trainer, result, recorder.snapshot()))
        if current:
            self._set_state(result.status)

    def _tick(self) -> None:
        """The timer: the next frame once the last one's cost allows it (GUI_SHARE), else the
        timer is set for when it will, FRAME_READINGS times at most."""
        now, cpu = time.monotonic(), time.thread_time()
        if self._frame is not None:
            started, cpu_started, readings = self._frame
            wait = min((cpu - cpu_started) / GUI_SHARE, MAX_FRAME_MS / 1000)
            if readings < FRAME_READINGS and now - started < wait:
                self._frame = (started, cpu_started, readings + 1)
                self._timer.start(max(1, math.ceil((started + wait - now) * 1000)))
                return
        self._frame = (now, cpu, 0)
        self._poll()
        if self.busy:  # not once the run has finished (a view may have let that in meanwhile)
            self._timer.start(FRAME_MS)

    def _poll(self) -> None:
        if self.recorder is None:
            return
        snap: Snapshot = self.recorder.snapshot()
        if snap.version == self._last_version:
            return
        self._last_version = snap.version
        if snap.state in ACTIVE and snap.state != self.state:
            self._set_state(snap.state)
        waits = self._launch_due or self._hold_for_frame(snap)
        self.snapshot.emit(snap)
        if waits:  # for the views to draw it (``_check_drawn``)
            self._passes_drawn = 0
            self._drawn.start()

    def _hold_for_frame(self, snap: Snapshot) -> bool:
        """Suspend a running run's loop while the views draw ``snap`` (the frame then needs
        not fight it for the interpreter lock; ``TrainingControl.suspend``); True if so."""
        if self.drawing is None or snap.state != "running" or self.control is None:
            return False
        self.control.suspend()
        return True

    def _check_drawn(self) -> None:
        """Once per pass of the event loop after a frame: once the views have drawn it and a
        pass more has gone by (the last plot drawn paints in the next), lift the suspension,
        or start the run whose first frame it was."""
        if self.drawing is not None and self.drawing():
            self._passes_drawn = 0
        else:
            self._passes_drawn += 1
        suspended = self.control is not None and self.control.suspended
        if self._passes_drawn < 2 and (suspended or self._launch_due):
            self._drawn.start()
            return
        if self.control is not None:
            self.control.unsuspend()
        self._launch()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)
