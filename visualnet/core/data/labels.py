"""How a label column becomes classes or regression targets (CSV and .npz files).

The rule:
  * text (or true/false) labels → classes, one per distinct value, in sorted order;
  * numbers that are all whole and take at most MAX_CLASSES distinct values → classes, named
    by the values (e.g. '0', '1', '7');
  * any other numbers → regression targets Y: (1, m).
A classification label column needs at least two distinct values.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.errors import DataError

MAX_CLASSES = 10


def interpret_labels(
    y: np.ndarray, where: str
) -> tuple[np.ndarray | None, np.ndarray | None, list[str]]:
    """(labels (m,), None, class_names) for classes, or (None, targets (1, m), []) for regression.

    ``y`` holds one finite label per example (numbers, booleans or text); ``where`` names the
    file and column for error messages.
    """
    if y.dtype.kind in "biuf" and not _few_whole_numbers(y):
        return None, y.astype(np.float64)[None, :], []
    values, labels = np.unique(y, return_inverse=True)
    if len(values) < 2:
        raise DataError(f"{where} has only one value ({values[0]!s}); a classifier needs two "
                        "or more classes")
    names = [_name(v) for v in values]
    return labels.astype(np.int64), None, names


def _few_whole_numbers(y: np.ndarray) -> bool:
    if y.dtype.kind == "b":
        return True
    return bool(np.all(y == np.round(y))) and len(np.unique(y)) <= MAX_CLASSES


def _name(value) -> str:
    if isinstance(value, np.floating) and value == int(value):
        return str(int(value))
    return str(value)
