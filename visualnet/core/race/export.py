"""The race as CSV: one line per racer per step, every recorded field, written atomically.

Columns: label, optimizer, step, x, y, loss, then gradient, update, v, v̂, s, ŝ, √s and √ŝ as
``*_x, *_y`` pairs (see ``trajectory`` for what row t means). Missing values (the state an
optimizer does not keep, step 0's gradient) are empty cells. Racers follow one another, each
from step 0 to its last step; numbers are written in their shortest form that reads back exactly.
"""

from __future__ import annotations

import csv
import io
import os

import numpy as np

from visualnet.core.fileio import atomic_write_text
from visualnet.core.race.race import Race

PAIRS = ("gradient", "update", "v", "v_hat", "s", "s_hat", "sqrt_s", "sqrt_s_hat")
COLUMNS = ("label", "optimizer", "step", "x", "y", "loss",
           *(f"{name}_{axis}" for name in PAIRS for axis in "xy"))


def csv_text(race: Race) -> str:
    """The whole race as CSV text with a header line."""
    lines = [",".join(COLUMNS)]
    numbers_format = ",".join(["%d"] + ["%r"] * (len(COLUMNS) - 3))
    for tr in race.trajectories():
        prefix = _csv_cells(tr.label, tr.optimizer)
        numbers = np.column_stack([tr.position, tr.loss, *(getattr(tr, n) for n in PAIRS)])
        for step, row in enumerate(numbers.tolist()):
            # Only numbers are formatted here, so "nan" can only be a missing value.
            lines.append(prefix + (numbers_format % (step, *row)).replace("nan", ""))
    return "\n".join(lines) + "\n"


def write_csv(race: Race, path: str | os.PathLike) -> None:
    """Write ``csv_text(race)`` to ``path`` atomically (never half a file)."""
    atomic_write_text(path, csv_text(race))


def _csv_cells(*texts: str) -> str:
    """The leading cells of a line, quoted as CSV needs, ending with a comma."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([*texts, ""])
    return out.getvalue()
