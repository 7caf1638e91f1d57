"""Saving, loading and exporting models, by file suffix or by format name.

    save_model("model.npz" or "model.safetensors", network, preprocessor, metadata)
    load_model(path) -> Model          # either suffix; ModelFileError if the file is bad
    export_model(model, path, format)  # "npz", "safetensors", "onnx" or "torch"
"""

from __future__ import annotations

import os
from pathlib import Path

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.export.errors import ModelFileError
from visualnet.core.export.model import Model
from visualnet.core.export.npz import load_npz, save_npz
from visualnet.core.export.onnx_export import write_onnx
from visualnet.core.export.safetensors_io import load_safetensors, save_safetensors
from visualnet.core.export.torch_script import write_torch_script
from visualnet.core.network import Network

SAVERS = {".npz": save_npz, ".safetensors": save_safetensors}
LOADERS = {".npz": load_npz, ".safetensors": load_safetensors}
FORMATS = ("npz", "safetensors", "onnx", "torch")


def save_model(
    path: str | os.PathLike,
    network: Network,
    preprocessor: Preprocessor | None = None,
    metadata: dict | None = None,
) -> Model:
    """Save atomically as ``.npz`` or ``.safetensors`` (by suffix) and return the saved Model.

    ValueError if the suffix is neither, the preprocessor does not fit the network, or the
    metadata is not JSON-ready.
    """
    model = Model(network, preprocessor or Preprocessor([]), dict(metadata or {}))
    export_model(model, path, _format_of(path))
    return model


def load_model(path: str | os.PathLike) -> Model:
    """The model saved in ``path`` (``.npz`` or ``.safetensors``).

    ModelFileError (a ValueError) naming the file and the problem if it is missing, of another
    type, truncated, foreign or mismatched.
    """
    loader = LOADERS.get(Path(path).suffix.lower())
    if loader is None:
        raise ModelFileError(path, f"not a model file; expected a name ending in {_suffixes()}")
    return loader(path)


def export_model(model: Model, path: str | os.PathLike, format: str) -> list[Path]:
    """Write ``model`` in ``format`` and return the files written.

    'npz', 'safetensors' and 'onnx' write ``path``, which must end in that suffix. 'torch'
    writes ``model.py`` and the weights ``.safetensors`` beside it: ``path`` is the script's
    name (ending in ``.py``) or a directory to write ``model.py`` and ``model.safetensors`` in.
    """
    path = Path(path)
    if format == "torch":
        script = path if path.suffix == ".py" else path / "model.py"
        weights = script.with_suffix(".safetensors")
        save_safetensors(weights, model)
        write_torch_script(script, model, weights.name)
        return [script, weights]
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; allowed: {', '.join(FORMATS)}")
    if path.suffix.lower() != f".{format}":
        raise ValueError(f"a {format} export needs a file name ending in .{format}, got {path}")
    if format == "onnx":
        write_onnx(path, model)
    else:
        SAVERS[path.suffix.lower()](path, model)
    return [path]


def _format_of(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SAVERS:
        raise ValueError(f"cannot save a model as {Path(path).name!r}; use {_suffixes()}")
    return suffix[1:]


def _suffixes() -> str:
    return " or ".join(SAVERS)
