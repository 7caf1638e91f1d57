"""The header every VisualNet model file carries, and the check that its tensors agree with it.

The header is a flat mapping of strings, the same in ``.npz`` and ``.safetensors`` files:

    format        "visualnet-model"
    version       "1"
    dtype         "float32" or "float64", the network's parameters
    seed          the network's seed (its dropout masks if training goes on)
    spec          the network spec, JSON (Network.spec)
    preprocessor  feature transforms and the training split's μ and σ², JSON
                  ({"features": [...], "mean": [...] or null, "var": [...] or null})
    metadata      what the app and CLI keep with a model (experiment, task, class names), JSON
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

import numpy as np

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.export.errors import ModelFileError
from visualnet.core.export.model import Model, mismatch
from visualnet.core.network import DTYPES, Network

FORMAT = "visualnet-model"
VERSION = 1
KEYS = ("format", "version", "dtype", "seed", "spec", "preprocessor", "metadata")


def make_header(model: Model) -> dict[str, str]:
    """The header entries for ``model`` (ValueError if its metadata is not JSON-ready)."""
    try:
        metadata = json.dumps(model.metadata)
    except (TypeError, ValueError) as error:
        raise ValueError(f"model metadata must be JSON-ready: {error}") from None
    return {
        "format": FORMAT,
        "version": str(VERSION),
        "dtype": str(model.network.dtype),
        "seed": str(model.network.seed),
        "spec": json.dumps(model.network.spec),
        "preprocessor": json.dumps(model.preprocessor.to_dict()),
        "metadata": metadata,
    }


def read_header(entries: Mapping[str, str], path: str | os.PathLike) -> Model:
    """The model a header describes, its network freshly built (weights not yet loaded)."""
    if entries.get("format") != FORMAT:
        raise ModelFileError(path, f"not a VisualNet model file (no 'format': {FORMAT!r} entry)")
    missing = [key for key in KEYS if key not in entries]
    if missing:
        raise ModelFileError(path, f"the header lacks {', '.join(map(repr, missing))}")
    version = _parse(entries, "version", path)
    if type(version) is not int or version < 1:
        raise ModelFileError(path, f"unknown format version {entries['version']!r}")
    if version > VERSION:
        raise ModelFileError(
            path, f"format version {version} is newer than this VisualNet reads ({VERSION}); "
            "update VisualNet"
        )
    if entries["dtype"] not in DTYPES:
        raise ModelFileError(path, f"dtype {entries['dtype']!r} is not one of {', '.join(DTYPES)}")
    seed = _parse(entries, "seed", path)
    if type(seed) is not int or seed < 0:
        raise ModelFileError(path, f"seed {entries['seed']!r} is not a non-negative integer")
    spec = _parse(entries, "spec", path)
    try:
        network = Network.from_spec(spec, seed, entries["dtype"])
    except (TypeError, ValueError) as error:
        raise ModelFileError(path, f"its network spec is invalid: {error}") from None
    preprocessor = _preprocessor(_parse(entries, "preprocessor", path), path)
    problem = mismatch(network, preprocessor)
    if problem:
        raise ModelFileError(path, problem)
    metadata = _parse(entries, "metadata", path)
    if not isinstance(metadata, dict):
        raise ModelFileError(path, "the header's metadata is not a JSON object")
    return Model(network, preprocessor, metadata)


def check_tensors(
    expected: Mapping[str, np.ndarray], found: Mapping[str, np.ndarray], path: str | os.PathLike
) -> None:
    """ModelFileError unless ``found`` has exactly ``expected``'s names, shapes and dtypes."""
    missing = [name for name in expected if name not in found]
    if missing:
        raise ModelFileError(
            path, f"missing tensor(s) {', '.join(map(repr, missing))} that the spec needs"
        )
    extra = [name for name in found if name not in expected]
    if extra:
        raise ModelFileError(
            path, f"unexpected tensor(s) {', '.join(map(repr, extra))} the spec has no place for"
        )
    for name, want in expected.items():
        got = found[name]
        if got.shape != want.shape:
            raise ModelFileError(
                path, f"tensor {name!r} has shape {got.shape}, the spec needs {want.shape}"
            )
        integers = got.dtype.kind in "iu" and want.dtype.kind in "iu"  # any int counts batches
        if got.dtype != want.dtype and not integers:
            raise ModelFileError(path, f"tensor {name!r} is {got.dtype}, expected {want.dtype}")


def _parse(entries: Mapping[str, str], key: str, path: str | os.PathLike):
    try:
        return json.loads(entries[key])
    except (TypeError, ValueError) as error:
        raise ModelFileError(path, f"header entry {key!r} is not valid JSON ({error})") from None


def _preprocessor(d: object, path: str | os.PathLike) -> Preprocessor:
    if not isinstance(d, dict) or not isinstance(d.get("features", []), list):
        raise ModelFileError(path, "the header's preprocessor is not a JSON object with features")
    try:
        return Preprocessor.from_dict(d)
    except (TypeError, ValueError) as error:
        raise ModelFileError(path, f"the header's normalization is unreadable ({error})") from None
