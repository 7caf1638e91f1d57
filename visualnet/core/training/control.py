"""Steering a run from another thread: pause, resume, step, stop, and live hyperparameters.

The training loop calls ``checkpoint()`` before every mini-batch; it blocks while paused and
returns the pending live changes, which the loop applies before that mini-batch — so a change
takes effect at the next step.
"""

from __future__ import annotations

import threading

LIVE_FIELDS = ("lr", "beta", "beta1", "beta2", "keep_prob")


class TrainingControl:
    """Thread-safe switches shared by the controller (GUI, CLI) and the training loop."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._steps_allowed = 0
        self._stop = False
        self._changes: list[tuple[str, object, float]] = []

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
