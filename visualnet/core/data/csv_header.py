"""The header row of a CSV file, read alone: what the app offers as label columns.

It reads as ``csv_file`` does (UTF-8, commas, names trimmed) but stops after the first line, so
choosing the label column of a large file is instant. The whole file is checked later, when it
is loaded.
"""

from __future__ import annotations

import csv
from pathlib import Path

from visualnet.core.data.errors import DataError, unreadable

LABEL_NAMES = ("label", "labels", "y", "target", "class", "species")
"""Column names taken for the label when the user has not chosen one (compared ignoring case)."""


def read_header(path: str | Path) -> list[str]:
    """The column names of the file's first line, or a DataError naming the file and fault."""
    name = Path(path).name
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f, strict=True), None)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not a text file (cannot decode it as UTF-8)") from exc
    except csv.Error as exc:
        raise DataError(f"{name}: not a valid CSV file ({exc})") from exc
    header = [h.strip() for h in header or []]
    if not any(header):
        raise DataError(f"{name}: the first line is empty; it must be a header row of column "
                        "names")
    if len(header) < 2:
        raise DataError(f"{name}: the header has one column ({header[0]!r}); a data file needs "
                        "input columns and a label column, separated by commas")
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise DataError(f"{name}: column name(s) {', '.join(map(repr, duplicates))} appear more "
                        "than once in the header")
    return header


def likely_label_column(header: list[str]) -> str:
    """The first column named like a label (``LABEL_NAMES``), else the last column."""
    for column in header:
        if column.lower() in LABEL_NAMES:
            return column
    return header[-1]
