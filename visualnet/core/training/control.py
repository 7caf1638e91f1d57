"""Steering a run from another thread: pause, resume, step, stop, and live hyperparameters.

The training loop calls ``sit_out_suspension()`` and ``checkpoint()`` before every mini-batch:
the first waits while another thread has suspended the loop for a moment, the second blocks
while paused and returns the pending live changes, which the loop applies before that
mini-batch — so a change takes effect at the next step.
"""

from __future__ import annotations

import threading
import time

LIVE_FIELDS = ("lr", "beta", "beta1", "beta2", "keep_prob")

SUSPEND_LIMIT = 0.25
"""Seconds a suspension lasts at most, unless lifted sooner: whatever suspended the loop and
never lifted it (a window whose drawing failed) costs the run no more than that."""


class TrainingControl:
    """Thread-safe switches shared by the controller (GUI, CLI) and the training loop."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._steps_allowed = 0
        self._stop = False
        self._changes: list[tuple[str, object, float]] = []
        self._suspended_until = 0.0
        """When a suspension ends by itself (monotonic clock); 0.0 when none is on."""

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stop_requested(self) -> bool:
        return self._stop

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._steps_allowed = 0
            self._cond.notify_all()  # a suspended loop goes on to hold

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def step(self, count: int = 1) -> None:
        """While paused, let exactly ``count`` more mini-batches run, then pause again."""
        with self._cond:
            self._paused = True
            self._steps_allowed += count
            self._cond.notify_all()

    def stop(self) -> None:
        """End the run after the current mini-batch (also wakes a paused run)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()

    def set(self, name: str, value: float, target: object = None) -> None:
        """Queue a live change: lr (α₀), beta, beta1, beta2, or keep_prob of layer ``target``."""
        if name not in LIVE_FIELDS:
            live = ", ".join(LIVE_FIELDS)
            raise ValueError(f"{name!r} cannot change while training; live: {live}")
        with self._cond:
            self._changes.append((name, target, float(value)))

    def suspend(self) -> None:
        """Make the loop wait before its next mini-batch until ``unsuspend()``, for
        SUSPEND_LIMIT seconds at most; not a pause (no status changes, the run is running).

        For a thread that needs the interpreter lock for a short spell of its own: a window
        drawing a frame. Drawn while the loop runs, the frame's Python and the loop's take the
        lock from each other hundreds of times (PySide gives it up in every Qt call), and each
        hand-over costs both threads (benchmarks/bench_app.py's moons net: with the loop
        waiting, the same frames cost its training ~a third less).
        """
        with self._cond:
            self._suspended_until = time.monotonic() + SUSPEND_LIMIT

    def unsuspend(self) -> None:
        """Let the loop go on (a no-op unless suspended)."""
        with self._cond:
            self._suspended_until = 0.0
            self._cond.notify_all()

    @property
    def suspended(self) -> bool:
        """True while a suspension is on (lifted or run out: False)."""
        with self._cond:
            return self._suspension_left() > 0

    def sit_out_suspension(self) -> None:
        """Called by the loop before a mini-batch: wait while suspended. Returns at once when
        no suspension is on (a read, no lock), else once it is lifted or runs out, or the run
        is paused or stopped meanwhile (``checkpoint`` then holds or stops it)."""
        if not self._suspended_until:
            return
        with self._cond:
            while not self.holding and self._suspension_left():
                self._cond.wait(self._suspension_left())

    def _suspension_left(self) -> float:
        """Seconds the suspension still lasts; 0.0 (and none is on any more) once it has run
        out or the run must stop."""
        left = self._suspended_until - time.monotonic()
        if left <= 0 or self._stop:
            self._suspended_until = 0.0
            return 0.0
        return left

    @property
    def holding(self) -> bool:
        """True when the next ``checkpoint()`` will wait (paused with no step allowed)."""
        return self._paused and self._steps_allowed == 0 and not self._stop

    def checkpoint(self) -> list[tuple[str, object, float]] | None:
        """Called by the loop before a mini-batch. Blocks while paused.

        Returns the queued changes (possibly empty), or None when the run must stop.
        """
        with self._cond:
            while self.holding:
                self._cond.wait()
            if self._stop:
                return None
            if self._paused:
                self._steps_allowed -= 1
            changes, self._changes = self._changes, []
            return changes
