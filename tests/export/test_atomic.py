"""An export interrupted mid-write leaves the previous good file intact and no stray files."""

import os

import numpy as np
import pytest

from visualnet.core.export import export_model, load_model

TARGETS = {"npz": "m.npz", "safetensors": "m.safetensors", "onnx": "m.onnx", "torch": "torch"}


def disk_full(*args):
    raise OSError(28, "No space left on device")


def snapshot(folder) -> dict:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("format", TARGETS)
def test_failure_before_the_rename_keeps_the_old_files(tmp_path, make_model, monkeypatch, format):
    export_model(make_model("sigmoid", "float32"), tmp_path / TARGETS[format], format)
    before = snapshot(tmp_path)
    monkeypatch.setattr(os, "fsync", disk_full)  # the data is written, not yet renamed
    with pytest.raises(OSError, match="No space left"):
        export_model(make_model("sigmoid", "float32", steps=40), tmp_path / TARGETS[format],
                     format)
    assert snapshot(tmp_path) == before


def test_npz_half_written_keeps_the_old_model(tmp_path, make_model, inputs, monkeypatch):
    path = tmp_path / "m.npz"
    old = make_model("mixed", "float64")
    export_model(old, path, "npz")

    def half_then_fail(file, **arrays):
        file.write(b"PK\x03\x04" + b"\0" * 100)
        raise KeyboardInterrupt

    monkeypatch.setattr(np, "savez", half_then_fail)
    with pytest.raises(KeyboardInterrupt):
        export_model(make_model("mixed", "float64", steps=40), path, "npz")
    monkeypatch.undo()
    X = inputs(2, 20)
    assert np.array_equal(load_model(path).predict(X), old.predict(X))
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
