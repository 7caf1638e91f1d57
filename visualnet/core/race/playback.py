"""How fast an animated race advances: speed 0.1×–10× on a log scale, whole steps per frame.

At 1× a race takes ``STEPS_PER_SECOND`` steps a second (or, step by step, ``PARTS_PER_SECOND``
parts of a step). A view's timer fires ``FPS`` times a second and asks ``Pace.tick`` how many
whole steps to take now; the fractions carry over, so 0.1× takes one step every few frames
and the average rate is exact. The first tick after a reset always takes a step, so Play
answers at once.
"""

from __future__ import annotations

SLOWEST, FASTEST = 0.1, 10.0
POSITIONS = 10
"""Slider positions per factor of 10 in speed: the slider runs from −10 (0.1×) to 10 (10×)."""

FPS = 30
MAX_FRAME = 0.25
"""Seconds a late frame counts for at most (a paused or busy app does not jump ahead)."""
STEPS_PER_SECOND = 50.0
PARTS_PER_SECOND = 2.0


def speed_at(position: int) -> float:
    """The speed at a slider position: 10^(position / 10), from 0.1× to 10×."""
    return min(FASTEST, max(SLOWEST, 10.0 ** (position / POSITIONS)))


def speed_text(speed: float) -> str:
    """'0.1×', '1×', '2.5×', '10×'."""
    return f"{speed:.2g}×" if speed < 10 else f"{speed:.0f}×"


class Pace:
    """Whole steps per timer tick at a given rate; remembers the fraction left over."""

    def __init__(self, per_second: float = STEPS_PER_SECOND, fps: float = FPS):
        self.per_second = per_second
        self.fps = fps
        self.reset()

    def tick(self, speed: float, seconds: float | None = None) -> int:
        """Steps to take at this tick: speed·per_second·seconds plus the carried fraction,
        floored. ``seconds`` is the time since the last tick (1/fps if not given): a frame
        that came late takes more steps, so the race keeps its speed."""
        elapsed = 1.0 / self.fps if seconds is None else min(seconds, MAX_FRAME)
        self._carry += speed * self.per_second * elapsed
        whole = int(self._carry)
        self._carry -= whole
        return whole

    def reset(self) -> None:
        """Start a fresh count (on Play): the next tick takes at least one step."""
        self._carry = 1.0 - 1e-9
