"""Models as ``.safetensors``: tensors under ``torch.nn.Sequential`` keys, the header as metadata.

Tensor names and shapes follow ``sequential`` (its docstring has the table), so
``net.load_state_dict(safetensors.torch.load_file(path), strict=True)`` works on the matching
``nn.Sequential``. Everything else — the spec, the feature transforms and normalization μ, σ²,
the metadata — is in the file's header metadata as strings (see ``header``), never among the
tensors, so it cannot upset a strict load.
"""

from __future__ import annotations

import os

import safetensors.numpy
from safetensors import SafetensorError, safe_open

from visualnet.core.export.errors import ModelFileError
from visualnet.core.export.header import check_tensors, make_header, read_header
from visualnet.core.export.model import Model
from visualnet.core.export.sequential import from_sequential, to_sequential
from visualnet.core.fileio import atomic_write_bytes

_UNREADABLE = "cannot be read as .safetensors: truncated, damaged or another kind of file"


def save_safetensors(path: str | os.PathLike, model: Model) -> None:
    """Write ``model`` to ``path`` atomically."""
    tensors = to_sequential(model.network)
    atomic_write_bytes(path, safetensors.numpy.save(tensors, metadata=make_header(model)))


def load_safetensors(path: str | os.PathLike) -> Model:
    """The model in ``path``; ModelFileError if it is missing, truncated, foreign or mismatched."""
    try:
        with safe_open(os.fspath(path), framework="numpy") as f:
            model = read_header(f.metadata() or {}, path)
            tensors = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118
    except (SafetensorError, OSError, TypeError) as error:  # TypeError: a dtype such as bfloat16
        raise ModelFileError(path, f"{_UNREADABLE} ({error})") from None
    check_tensors(to_sequential(model.network), tensors, path)
    model.network.load_state_dict(from_sequential(model.network, tensors))
    return model
