"""The one error type of the data pipeline: a problem with the data a user can act on."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """Bad data or a data setting that does not fit it.

    The message names the file (or built-in set) and the problem, e.g.
    ``iris.csv: column 'petal' has a non-numeric value 'abc' on line 7``.
    """


def unreadable(path: str | Path, exc: OSError) -> DataError:
    """The DataError for a file that cannot be opened or read."""
    name = Path(path).name
    if isinstance(exc, FileNotFoundError):
        return DataError(f"{name}: file not found (looked for {Path(path).resolve()})")
    if isinstance(exc, IsADirectoryError):
        return DataError(f"{name}: is a folder, not a file")
    if isinstance(exc, PermissionError):
        return DataError(f"{name}: permission denied, cannot read the file")
    return DataError(f"{name}: cannot read the file ({exc.strerror or exc})")
