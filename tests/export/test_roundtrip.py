"""Saved models reload to identical predictions, weights, statistics and metadata."""

import numpy as np
import pytest

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.export import Model, export_model, load_model, save_model

SUFFIXES = [".npz", ".safetensors"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_reload_gives_identical_predictions(tmp_path, model, inputs, suffix):
    path = tmp_path / f"model{suffix}"
    save_model(path, model.network, model.preprocessor, model.metadata)
    loaded = load_model(path)
    X = inputs(2, 50, seed=9)
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert loaded.predict(X).dtype == model.network.dtype


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_reload_keeps_weights_statistics_spec_and_metadata(tmp_path, model, suffix):
    path = tmp_path / f"model{suffix}"
    save_model(path, model.network, model.preprocessor, model.metadata)
    loaded = load_model(path)
    net, twin = model.network, loaded.network
    assert twin.spec == net.spec
    assert twin.dtype == net.dtype and twin.seed == net.seed
    state, reloaded = net.state_dict(), twin.state_dict()
    assert list(reloaded) == list(state)
    for name, value in state.items():
        assert np.array_equal(reloaded[name], value), name
    assert state["num_batches_tracked1"] == 25
    assert not np.allclose(state["running_var1"], 1.0)
    assert loaded.preprocessor.features == model.preprocessor.features
    assert np.array_equal(loaded.preprocessor.mean, model.preprocessor.mean)
    assert np.array_equal(loaded.preprocessor.var, model.preprocessor.var)
    assert loaded.metadata == model.metadata


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("kind", ["sigmoid", "linear"])
def test_reload_without_features_or_normalization(tmp_path, make_model, inputs, kind, suffix):
    model = make_model(kind, "float64", normalize=False)
    path = tmp_path / f"model{suffix}"
    save_model(path, model.network)
    loaded = load_model(path)
    X = inputs(model.input_dim, 20)
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert loaded.preprocessor.mean is None and loaded.metadata == {}


def test_saving_again_replaces_the_file_and_leaves_no_temporary(tmp_path, make_model, inputs):
    path = tmp_path / "model.safetensors"
    older = make_model("sigmoid", "float32")
    save_model(path, older.network, older.preprocessor)
    newer = make_model("sigmoid", "float32", steps=40)
    save_model(path, newer.network, newer.preprocessor)
    X = inputs(2, 10)
    assert np.array_equal(load_model(path).predict(X), newer.predict(X))
    assert [p.name for p in tmp_path.iterdir()] == ["model.safetensors"]


def test_export_model_writes_each_format(tmp_path, model):
    assert export_model(model, tmp_path / "m.npz", "npz") == [tmp_path / "m.npz"]
    assert export_model(model, tmp_path / "m.safetensors", "safetensors") == [
        tmp_path / "m.safetensors"
    ]
    assert export_model(model, tmp_path / "m.onnx", "onnx") == [tmp_path / "m.onnx"]
    assert export_model(model, tmp_path / "torch", "torch") == [
        tmp_path / "torch" / "model.py", tmp_path / "torch" / "model.safetensors"
    ]
    assert export_model(model, tmp_path / "net.py", "torch") == [
        tmp_path / "net.py", tmp_path / "net.safetensors"
    ]


def test_export_model_rejects_unknown_formats_and_wrong_suffixes(tmp_path, model):
    with pytest.raises(ValueError, match="unknown export format 'pt'"):
        export_model(model, tmp_path / "m.pt", "pt")
    with pytest.raises(ValueError, match=r"ending in \.onnx"):
        export_model(model, tmp_path / "m.npz", "onnx")
    with pytest.raises(ValueError, match=r"use \.npz or \.safetensors"):
        save_model(tmp_path / "m.h5", model.network)
    assert list(tmp_path.iterdir()) == []


def test_metadata_must_be_json_ready(tmp_path, model):
    with pytest.raises(ValueError, match="JSON-ready"):
        save_model(tmp_path / "m.npz", model.network, model.preprocessor, {"X": np.ones(2)})


def test_model_checks_that_its_preprocessor_fits_the_network(model):
    with pytest.raises(ValueError, match="make 4 inputs from 2, but the network takes 5"):
        Model(model.network, Preprocessor(["x1_squared", "x1_x2"]))
    wrong = Preprocessor(list(model.preprocessor.features), np.zeros((4, 1)), np.ones((4, 1)))
    with pytest.raises(ValueError, match=r"mean has shape \(4, 1\), the network needs \(5, 1\)"):
        Model(model.network, wrong)


def test_predict_takes_raw_inputs_in_columns(model, inputs):
    X = inputs(2, 7)
    expected = model.network.predict(model.preprocessor.apply(X))
    assert np.array_equal(model.predict(X), expected)
    assert model.predict(X).shape == (3, 7)
    with pytest.raises(ValueError, match=r"shape \(2, m\) with examples as columns, got \(7, 2\)"):
        model.predict(X.T)


def test_npz_batch_count_may_be_any_integer(tmp_path, model, inputs):
    """Where numpy's default integer is 32-bit, num_batches_tracked is saved as int32."""
    path = tmp_path / "model.npz"
    save_model(path, model.network, model.preprocessor)
    with np.load(path) as archive:
        arrays = dict(archive)
    arrays["num_batches_tracked1"] = arrays["num_batches_tracked1"].astype(np.int32)
    np.savez(path, **arrays)
    X = inputs(2, 5)
    assert np.array_equal(load_model(path).predict(X), model.predict(X))
