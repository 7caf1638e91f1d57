"""The race's results: one row per racer, ranked, and the table the command line prints.

    steps to tolerance   first step t with f(t) − f* ≤ tolerance·(f(start) − f*)
    final loss           f at the last step that stayed finite and inside the limits
    distance             ‖(x, y) − nearest known minimum‖ there
    path length          Σₜ ‖position[t] − position[t − 1]‖ up to there
    stopped              the step it diverged at: "diverged" when the loss or position stopped
                         being finite or it left the limits uphill, "escaped" when it left the
                         limits downhill (on a surface unbounded below, such as a saddle)

Ranking, best first: racers that reached the tolerance (sooner first), then those that escaped
(sooner first), then the rest by final loss; those that diverged come last.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from visualnet.core.race.race import Race
from visualnet.core.race.trajectory import Trajectory


@dataclass(frozen=True)
class Result:
    """One racer's line of the results table (None where it does not apply)."""

    label: str
    optimizer: str
    hyperparameters: Mapping[str, object]
    steps: int
    steps_to_tolerance: int | None
    final_loss: float
    distance_to_minimum: float | None
    nearest_minimum: int | None
    path_length: float
    diverged_at: int | None
    escaped: bool = False

    @property
    def diverged(self) -> bool:
        """True when it stopped early, for whatever reason (see ``escaped``)."""
        return self.diverged_at is not None


def results(race: Race) -> list[Result]:
    """Every racer's result, in entry order."""
    return [_result(race, tr) for tr in race.trajectories()]


def ranked(rows: Sequence[Result]) -> list[Result]:
    """Best first (see the module docstring); ties keep their order."""
    def key(r: Result) -> tuple[int, float]:
        if r.steps_to_tolerance is not None:
            return (0, r.steps_to_tolerance)
        if r.escaped:
            return (1, r.diverged_at)
        if not r.diverged:
            return (2, r.final_loss if math.isfinite(r.final_loss) else math.inf)
        return (3, r.final_loss if math.isfinite(r.final_loss) else math.inf)

    return sorted(rows, key=key)


def table(rows: Sequence[Result]) -> str:
    """The results as aligned text, one racer per line, in the order given."""
    head = ("#", "racer", "steps to tol", "final loss", "to minimum", "path", "stopped")
    body = [
        (str(i), r.label, _int(r.steps_to_tolerance), f"{r.final_loss:.4g}",
         _float(r.distance_to_minimum), f"{r.path_length:.4g}", _stopped(r))
        for i, r in enumerate(rows, start=1)
    ]
    widths = [max(len(line[c]) for line in (head, *body)) for c in range(len(head))]
    lines = []
    for line in (head, *body):
        cells = [cell.ljust(w) if c == 1 else cell.rjust(w)
                 for c, (cell, w) in enumerate(zip(line, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _result(race: Race, tr: Trajectory) -> Result:
    last = tr.settled
    position = tr.position[: last + 1]
    path = float(np.hypot(*np.diff(position, axis=0).T).sum())
    reached = None
    if race.threshold is not None:
        hits = np.flatnonzero(tr.loss[: last + 1] <= race.threshold)
        reached = int(hits[0]) if hits.size else None
    nearest, distance = None, None
    if race.surface.minima:
        nearest, distance = race.surface.nearest_minimum(*position[-1])
    final = float(tr.loss[last])
    escaped = tr.stop_reason == "left the limits" and final < tr.loss[0]
    return Result(tr.label, tr.optimizer, tr.hyperparameters, tr.steps, reached,
                  final, distance, nearest, path, tr.diverged_at, escaped)


def _stopped(r: Result) -> str:
    if not r.diverged:
        return "–"
    return f"{'escaped' if r.escaped else 'diverged'} at {r.diverged_at}"


def _int(value: int | None) -> str:
    return "–" if value is None else str(value)


def _float(value: float | None) -> str:
    return "–" if value is None else f"{value:.3g}"
