"""A search as text: the live table of the command line (one line per trial) and the best trials."""

from __future__ import annotations

import math
from collections.abc import Sequence

from visualnet.core.search import fields, refine, scales
from visualnet.core.search.space import SearchSpace
from visualnet.core.search.trial import TrialRecord
from visualnet.core.textfmt import clock

SYMBOLS = {"lr": "α", "beta": "β", "beta1": "β₁", "beta2": "β₂", "eps": "ε", "l2": "λ₂",
           "l1": "λ₁"}
"""The course's symbols for the optimizer and regularization fields."""

COLUMNS = (("trial", 6), ("verdict", 9), ("dev error", 10), ("best dev", 9),
           ("train error", 12), ("epochs", 7), ("time", 7))


def name(path: str) -> str:
    """How a table titles a field: its course symbol, else its short name."""
    short = fields.short_name(path)
    return SYMBOLS.get(short, short)


def header(space: SearchSpace) -> str:
    cells = [title.rjust(width) for title, width in COLUMNS]
    cells += [name(p).rjust(_width(p)) for p in space.paths()]
    return "  ".join(cells)


def row(record: TrialRecord, space: SearchSpace) -> str:
    """One trial: its number, verdict, errors, epochs, time and values; failures say why below."""
    cells = [
        record.name.rjust(6), record.verdict.ljust(9),
        error(record.dev_error, record.task).rjust(10),
        error(record.best_dev_error, record.task).rjust(9),
        error(record.train_error, record.task).rjust(12),
        str(record.epochs).rjust(7), duration(record.elapsed).rjust(7),
    ]
    cells += [scales.format_value(record.params.get(p, "–")).rjust(_width(p))
              for p in space.paths()]
    line = "  ".join(cells)
    if record.verdict != "finished" and record.message:
        line += "\n" + " " * 8 + "↳ " + record.message.splitlines()[0]
    return line


def round_title(round: int, space: SearchSpace, trials: int, resumed: int) -> str:
    """'round 1: 20 trials (5 already done) over' and one line per dimension."""
    done = f" ({resumed} already done)" if resumed else ""
    lines = [f"round {round + 1}: {trials} {space.method} trials{done}"]
    lines += [f"  {d.describe()}" for d in space.dimensions]
    return "\n".join(lines)


def best_trials(records: Sequence[TrialRecord], count: int = 5) -> str:
    """The best trials by dev error, with their values, and how many diverged or failed."""
    top = refine.best(records, count)
    verdicts = [r.verdict for r in records]
    tally = ", ".join(f"{verdicts.count(v)} {v}" for v in ("finished", "diverged", "failed"))
    lines = [f"best trials ({len(records)} trials: {tally}):"]
    if not top:
        lines.append("  none finished with a dev error")
    for rank, record in enumerate(top, 1):
        values = "  ".join(f"{name(p)}={scales.format_value(v)}" for p, v in record.params.items())
        lines.append(f"  {rank}. trial {record.name:>5}  dev error "
                     f"{error(record.dev_error, record.task)}  {values}")
    return "\n".join(lines)


def error(value: float | None, task: str) -> str:
    """A classification error as a percentage; a regression error (the MSE) as a number."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.4g}" if task == "regression" else f"{value:.2%}"


def duration(seconds: float) -> str:
    if seconds < 10:
        return f"{seconds:.2f}s"
    return f"{seconds:.0f}s" if seconds < 60 else clock(seconds)


def _width(path: str) -> int:
    return max(len(name(path)), 9)
