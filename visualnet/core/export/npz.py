"""Models as ``.npz``: the network's own arrays in course shapes, plus the header as strings.

Entries: ``W1`` (n[1], n_x), ``b1`` (n[1], 1), … and for each batch norm ``gamma<l>``,
``beta<l>``, ``running_mean<l>``, ``running_var<l>`` ((n[l], 1)) and ``num_batches_tracked<l>``
(an integer) — the names of ``Network.state_dict()`` — and each header entry (see ``header``) as a
string ``__<key>__``, e.g. ``np.load(path)["__spec__"]``. Read without pickle.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

import numpy as np

from visualnet.core.export.errors import ModelFileError
from visualnet.core.export.header import check_tensors, make_header, read_header
from visualnet.core.export.model import Model
from visualnet.core.fileio import atomic_write_with

# What reading a damaged zip can raise (a bit flip in its headers gives NotImplementedError
# for an "unsupported compression" or RuntimeError for "encrypted").
_READ_ERRORS = (
    OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError,
    RuntimeError,
)
_UNREADABLE = "cannot be read as an .npz archive: truncated, damaged or another kind of file"


def save_npz(path: str | os.PathLike, model: Model) -> None:
    """Write ``model`` to ``path`` atomically."""
    arrays = model.network.state_dict()
    arrays.update({f"__{key}__": np.array(value) for key, value in make_header(model).items()})

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:  # a file object: np.savez would append ".npz" to a name
            np.savez(f, **arrays)
            f.flush()
            os.fsync(f.fileno())

    atomic_write_with(path, write)


def load_npz(path: str | os.PathLike) -> Model:
    """The model in ``path``; ModelFileError if it is missing, truncated, foreign or mismatched."""
    arrays = _read(path)
    header = {name[2:-2]: value for name, value in arrays.items() if _is_header(name)}
    tensors = {name: value for name, value in arrays.items() if not _is_header(name)}
    if "format" not in header:
        held = ", ".join(list(arrays)[:8]) or "nothing"
        raise ModelFileError(path, f"not a VisualNet model file (it holds {held})")
    model = read_header({key: _string(key, value, path) for key, value in header.items()}, path)
    check_tensors(model.network.state_dict(), tensors, path)
    model.network.load_state_dict(tensors)
    return model


def _read(path: str | os.PathLike) -> dict[str, np.ndarray]:
    try:
        archive = np.load(path, allow_pickle=False)
    except _READ_ERRORS as error:
        raise ModelFileError(path, f"{_UNREADABLE} ({error})") from None
    if not isinstance(archive, np.lib.npyio.NpzFile):
        raise ModelFileError(path, "holds a single array (.npy), not an .npz archive")
    try:
        with archive:
            return {name: archive[name] for name in archive.files}
    except _READ_ERRORS as error:
        raise ModelFileError(path, f"{_UNREADABLE} ({error})") from None


def _is_header(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _string(key: str, value: np.ndarray, path: str | os.PathLike) -> str:
    if value.ndim != 0 or value.dtype.kind != "U":
        raise ModelFileError(path, f"header entry '__{key}__' is not a string")
    return str(value[()])
