"""Missing, truncated, foreign and mismatched model files give ModelFileError naming the file."""

import json
import re

import numpy as np
import pytest
import safetensors.numpy
from safetensors import safe_open

from visualnet.core.export import ModelFileError, load_model, save_model

SUFFIXES = [".npz", ".safetensors"]


@pytest.fixture(params=SUFFIXES)
def saved(request, tmp_path, model):
    """A good model file of each kind."""
    path = tmp_path / f"model{request.param}"
    save_model(path, model.network, model.preprocessor, model.metadata)
    return path


def load_fails(path, problem: str) -> ModelFileError:
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert str(error).startswith(f"{path}: ") and error.path == str(path)
    assert re.search(problem, error.problem), error.problem
    return error


def read_raw(path) -> tuple[dict, dict]:
    """(tensors, header) of a model file, unchecked, for tampering with."""
    if path.suffix == ".npz":
        with np.load(path) as archive:
            arrays = {name: archive[name] for name in archive.files}
        header = {k[2:-2]: str(v) for k, v in arrays.items() if k.startswith("__")}
        return {k: v for k, v in arrays.items() if not k.startswith("__")}, header
    with safe_open(path, framework="numpy") as f:
        return {k: f.get_tensor(k) for k in f.keys()}, f.metadata()  # noqa: SIM118


def write_raw(path, tensors: dict, header: dict) -> None:
    if path.suffix == ".npz":
        np.savez(path, **tensors, **{f"__{k}__": np.array(v) for k, v in header.items()})
    else:
        safetensors.numpy.save_file(tensors, path, metadata=header)


def test_missing_file(tmp_path):
    load_fails(tmp_path / "nowhere.npz", "No such file")
    load_fails(tmp_path / "nowhere.safetensors", "No such file")


@pytest.mark.parametrize("keep", [0.0, 0.05, 0.3, 0.5, 0.8, 0.99])
def test_truncated_file(saved, keep):
    data = saved.read_bytes()
    saved.write_bytes(data[: int(len(data) * keep)])
    load_fails(saved, "truncated, damaged or another kind of file")


def test_truncated_by_one_byte(saved):
    saved.write_bytes(saved.read_bytes()[:-1])
    load_fails(saved, "truncated, damaged or another kind of file")


def test_text_file_renamed(saved):
    saved.write_text("epoch,cost\n1,0.69\n2,0.52\n" * 20)
    load_fails(saved, "truncated, damaged or another kind of file")


def test_foreign_npz_names_what_it_holds(tmp_path):
    path = tmp_path / "data.npz"
    np.savez(path, X=np.ones((2, 5)), y=np.zeros(5))
    load_fails(path, r"not a VisualNet model file \(it holds X, y\)")


def test_npy_renamed_npz(tmp_path):
    path = tmp_path / "weights.npz"
    with open(path, "wb") as f:
        np.save(f, np.ones(3))
    load_fails(path, r"single array \(\.npy\)")


def test_npz_with_pickled_objects_is_refused(tmp_path):
    path = tmp_path / "pickled.npz"
    np.savez(path, spec=np.array([{"type": "dense"}], dtype=object))
    load_fails(path, "allow_pickle")


def test_foreign_safetensors(tmp_path):
    path = tmp_path / "other.safetensors"
    safetensors.numpy.save_file({"embed.weight": np.ones((4, 2), np.float32)}, path)
    load_fails(path, "not a VisualNet model file")


def test_unknown_suffix(tmp_path):
    path = tmp_path / "model.h5"
    path.write_bytes(b"\x89HDF")
    load_fails(path, r"expected a name ending in \.npz or \.safetensors")


def _resize_first_dense(tensors, header):
    spec = json.loads(header["spec"])
    spec["layers"][0]["units"] = 9
    header["spec"] = json.dumps(spec)


def _drop_running_var(tensors, header):
    del tensors["running_var1" if "running_var1" in tensors else "1.running_var"]


def _add_tensor(tensors, header):
    tensors["extra"] = np.zeros(2, np.float32)


def _half_precision(tensors, header):
    name = "W2" if "W2" in tensors else "4.weight"
    tensors[name] = tensors[name].astype(np.float16)


def _newer_version(tensors, header):
    header["version"] = "2"


def _softmax_in_the_middle(tensors, header):
    spec = json.loads(header["spec"])
    spec["layers"][2] = {"type": "softmax"}
    header["spec"] = json.dumps(spec)


def _one_feature_only(tensors, header):
    header["preprocessor"] = json.dumps({"features": ["x1_squared"], "mean": None, "var": None})


def _broken_metadata(tensors, header):
    header["metadata"] = "{'task': 'classification'"


def _no_spec(tensors, header):
    del header["spec"]


MISMATCHES = {
    "spec disagrees with shapes": (
        _resize_first_dense,
        r"tensor '(W1|0\.weight)' has shape \(8, 5\), the spec needs \(9, 5\)",
    ),
    "missing tensor": (
        _drop_running_var, r"missing tensor\(s\) '(running_var1|1\.running_var)' that the spec"
    ),
    "unexpected tensor": (_add_tensor, "unexpected tensor.*'extra'"),
    "wrong dtype": (_half_precision, r"tensor '(W2|4\.weight)' is float16, expected float"),
    "newer format": (_newer_version, "format version 2 is newer"),
    "invalid spec": (_softmax_in_the_middle, "spec is invalid: layer 3 .*softmax must be the last"),
    "features disagree with the network": (
        _one_feature_only, r"make 3 inputs from 2, but the network takes 5"
    ),
    "metadata not JSON": (_broken_metadata, "header entry 'metadata' is not valid JSON"),
    "header entry missing": (_no_spec, "the header lacks 'spec'"),
}


@pytest.mark.parametrize("case", MISMATCHES)
def test_mismatched_file(saved, case):
    edit, problem = MISMATCHES[case]
    tensors, header = read_raw(saved)
    edit(tensors, header)
    write_raw(saved, tensors, header)
    load_fails(saved, problem)
