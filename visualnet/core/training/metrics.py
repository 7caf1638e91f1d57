"""Per-epoch metrics as CSV (one row per epoch), written atomically."""

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
    for event in history:
        row = dataclasses.asdict(event)
        row["epoch"] += 1
        writer.writerow([_cell(row[c]) for c in COLUMNS])
    return out.getvalue()


def write_metrics_csv(path: str | os.PathLike, history: Sequence[EpochEvent]) -> None:
    atomic_write_text(path, metrics_csv(history))


def _cell(value) -> str:
    return repr(value) if isinstance(value, float) else str(value)
