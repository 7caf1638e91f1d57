"""Per-epoch metrics as CSV (one row per epoch), written atomically.

    metrics_csv(history)     one run: a header of COLUMNS, then a row per epoch
    runs_metrics_csv(runs)   several runs in one table, each row led by its run's label
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Sequence

from visualnet.core.fileio import atomic_write_text
from visualnet.core.training.events import EpochEvent

COLUMNS = tuple(f.name for f in dataclasses.fields(EpochEvent))


def metrics_csv(history: Sequence[EpochEvent]) -> str:
    """CSV text: a header of COLUMNS, then one row per epoch (epochs numbered from 1)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(event) for event in history)
    return out.getvalue()


def write_metrics_csv(path: str | os.PathLike, history: Sequence[EpochEvent]) -> None:
    atomic_write_text(path, metrics_csv(history))


def runs_metrics_csv(runs: Sequence[tuple[str, Sequence[EpochEvent]]]) -> str:
    """CSV text for several runs, e.g. to compare optimizers in a spreadsheet.

    ``runs`` are (label, history) pairs. The header is ``run`` then COLUMNS; each run's epochs
    follow one another, every row starting with its run's label.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("run", *COLUMNS))
    for label, history in runs:
        writer.writerows([label, *_row(event)] for event in history)
    return out.getvalue()


def write_runs_metrics_csv(path: str | os.PathLike,
                           runs: Sequence[tuple[str, Sequence[EpochEvent]]]) -> None:
    atomic_write_text(path, runs_metrics_csv(runs))


def _row(event: EpochEvent) -> list[str]:
    """One epoch's cells, the epoch counted from 1."""
    row = dataclasses.asdict(event)
    row["epoch"] += 1
    return [_cell(row[c]) for c in COLUMNS]


def _cell(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)
