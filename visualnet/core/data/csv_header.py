"""The header row of a CSV file, read alone: what the app offers as label columns.

It reads as ``csv_file`` does (UTF-8, commas, names trimmed) but stops after the first line, so
choosing the label column of a large file is instant. The whole file is checked later, when it
is loaded.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from visualnet.core.data.errors import DataError, unreadable

LABEL_NAMES = ("label", "labels", "y", "target", "class", "species")
"""Column names taken for the label when the user has not chosen one (compared ignoring case)."""


def read_header(path: str | Path) -> list[str]:
    """The column names of the file's first line, or a DataError naming the file and fault."""
    name = Path(path).name
    with csv_reader(path) as reader:
        header = next(reader, None)
    header = checked_header(header, name)
    if len(header) < 2:
        raise DataError(f"{name}: the header has one column ({header[0]!r}); a data file needs "
                        "input columns and a label column, separated by commas")
    return header


@contextmanager
def csv_reader(path: str | Path) -> Iterator:
    """A csv.reader over the file (UTF-8, BOM allowed); read errors become DataErrors."""
    name = Path(path).name
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            yield csv.reader(f, strict=True)
    except OSError as exc:
        raise unreadable(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not a text file (cannot decode it as UTF-8)") from exc
    except csv.Error as exc:
        raise DataError(f"{name}: not a valid CSV file ({exc})") from exc


def checked_header(header: list[str] | None, name: str) -> list[str]:
    """The trimmed column names; a DataError if the line is empty or a name repeats."""
    header = [h.strip() for h in header or []]
    if not any(header):
        raise DataError(f"{name}: the first line is empty; it must be a header row of column "
                        "names")
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
