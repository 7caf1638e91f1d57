"""Loading a user's .npz file (``numpy.savez``) with two arrays, X and y.

Like most files (and scikit-learn), the file holds one example per ROW:
    X: (m, n) numbers, or (m, h, w) for m images of h×w pixels (flattened row by row),
    y: (m,) or (m, 1) labels: numbers, booleans or text, read by the rule in ``labels``.
They are transposed on loading to the course's columns, X: (n, m).
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import numpy as np

from visualnet.core.data.errors import DataError, unreadable
from visualnet.core.data.labels import interpret_labels
from visualnet.core.data.raw import MIN_ROWS, RawData


def load_npz(path: str | Path) -> RawData:
    """X: (n, m) float64 (n = h·w for images, with image_shape (h, w)); y as classes or targets."""
    name = Path(path).name
    X, y = _read(path, name)
    if X.dtype.kind not in "biuf":
        raise DataError(f"{name}: X must hold numbers, got dtype {X.dtype}")
    if X.ndim not in (2, 3):
        raise DataError(f"{name}: X must be (m, n), one example per row (or (m, h, w) images), "
                        f"got shape {X.shape}")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise DataError(f"{name}: y must hold one label per example, shape (m,), got {y.shape}")
    if y.dtype.kind not in "biufUS":
        raise DataError(f"{name}: y must hold numbers or text, got dtype {y.dtype}")
    if len(X) != len(y):
        raise DataError(f"{name}: X has {len(X)} rows but y has {len(y)} labels"
                        + _transposed_hint(X, y))
    if len(y) < MIN_ROWS:
        raise DataError(f"{name}: only {len(y)} examples; at least {MIN_ROWS} are needed")
    _check_finite(X, name, "X")
    if y.dtype.kind in "biuf":
        _check_finite(y, name, "y")
    labels, targets, class_names = interpret_labels(y, f"{name}: y")
    image_shape = (int(X.shape[1]), int(X.shape[2])) if X.ndim == 3 else None
    X = X.reshape(len(X), -1).T.astype(np.float64)
    return RawData(name, X, labels, targets, class_names, image_shape=image_shape)


def _read(path, name: str) -> tuple[np.ndarray, np.ndarray]:
    try:
        with open(path, "rb") as f:
            loaded = np.load(f, allow_pickle=False)
            arrays = dict(loaded) if isinstance(loaded, np.lib.npyio.NpzFile) else None
    except OSError as exc:
        raise unreadable(path, exc) from exc
    except (ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise DataError(f"{name}: not a valid .npz file ({exc})") from exc
    if arrays is None:
        raise DataError(f"{name}: holds a single .npy array; save X and y together with "
                        "numpy.savez(path, X=X, y=y)")
    missing = [key for key in ("X", "y") if key not in arrays]
    if missing:
        raise DataError(f"{name}: needs arrays named 'X' and 'y'; missing {', '.join(missing)} "
                        f"(arrays found: {', '.join(arrays) or 'none'})")
    return arrays["X"], arrays["y"]


def _check_finite(a: np.ndarray, name: str, what: str) -> None:
    bad = np.argwhere(~np.isfinite(a.astype(np.float64)))
    if len(bad):
        index = tuple(int(i) for i in bad[0])
        place = ", ".join(map(str, index))
        raise DataError(f"{name}: {what}[{place}] is {a[index]}; remove or fill missing values")


def _transposed_hint(X: np.ndarray, y: np.ndarray) -> str:
    if X.ndim == 2 and X.shape[1] == len(y):
        return f"; X looks transposed: save it as (m, n) = {X.shape[::-1]}, one example per row"
    return "; X must have one example per row"
