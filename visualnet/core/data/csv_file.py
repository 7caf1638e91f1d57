"""Loading a user's CSV file: a header row, one example per row, one column holds the label.

Every column except the label column is an input and must be numeric. The label column is read
by the rule in ``labels`` (text → classes; few whole numbers → classes; else regression).
Values are separated by commas; blank lines are skipped; the file is read as UTF-8.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from visualnet.core.data.csv_header import checked_header, csv_reader
from visualnet.core.data.errors import DataError
from visualnet.core.data.labels import interpret_labels
from visualnet.core.data.raw import MIN_ROWS, RawData


def load_csv(path: str | Path, label_column: str) -> RawData:
    """X: (number of input columns, m) float64; the label column as classes or targets."""
    name = Path(path).name
    header, lines, rows = _read(path, name)
    if label_column not in header:
        raise DataError(f"{name}: no column named {label_column!r}; the columns are "
                        f"{', '.join(repr(h) for h in header)}")
    inputs = [j for j, h in enumerate(header) if h != label_column]
    if not inputs:
        raise DataError(f"{name}: only the label column {label_column!r}; no input columns")
    if len(rows) < MIN_ROWS:
        raise DataError(f"{name}: only {len(rows)} data row(s); at least {MIN_ROWS} are needed")
    cells = [[row[j].strip() for row in rows] for j in range(len(header))]
    X = np.stack([_numbers(cells[j], lines, f"{name}: column {header[j]!r}") for j in inputs])
    labels, targets, class_names = _labels(
        cells[header.index(label_column)], lines, f"{name}: label column {label_column!r}"
    )
    return RawData(name, X, labels, targets, class_names, [header[j] for j in inputs])


def _read(path, name: str) -> tuple[list[str], list[int], list[list[str]]]:
    """The header, and the non-blank data rows with their line numbers in the file."""
    with csv_reader(path) as reader:
        header = next(reader, None)
        lines, rows = [], []
        for row in reader:
            if any(cell.strip() for cell in row):
                lines.append(reader.line_num)
                rows.append(row)
    header = checked_header(header, name)
    for line, row in zip(lines, rows, strict=True):
        if len(row) != len(header):
            raise DataError(f"{name}: line {line} has {len(row)} values but the header has "
                            f"{len(header)} columns")
    return header, lines, rows


def _numbers(cells: list[str], lines: list[int], where: str) -> np.ndarray:
    """The cells as finite float64 values, or a DataError naming the first bad cell's line."""
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError:
        values = np.array([_number(cell, line, where)
                           for cell, line in zip(cells, lines, strict=True)])
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = bad[0]
        kind = "a NaN value" if np.isnan(values[i]) else "an infinite value"
        raise DataError(f"{where} has {kind} {cells[i]!r} on line {lines[i]}")
    return values


def _number(cell: str, line: int, where: str) -> float:
    if not cell:
        raise DataError(f"{where} has a missing value on line {line}")
    try:
        return float(cell)
    except ValueError:
        raise DataError(f"{where} has a non-numeric value {cell!r} on line {line}") from None


def _labels(cells: list[str], lines: list[int], where: str):
    """Numbers if every cell is one, else text; then classes or targets by the labels rule."""
    for cell, line in zip(cells, lines, strict=True):
        if not cell:
            raise DataError(f"{where} has a missing value on line {line}")
    try:
        np.array(cells, dtype=np.float64)
    except ValueError:
        return interpret_labels(np.array(cells), where)
    return interpret_labels(_numbers(cells, lines, where), where)
