"""ONNX exports run in ONNX Runtime with outputs equal to Model.predict within 1e-5."""

import json

import numpy as np
import onnx
import pytest

from visualnet.core.data.preprocess import FEATURES
from visualnet.core.export import build_onnx, export_model
from visualnet.core.export.onnx_export import FEATURE_NODES

ort = pytest.importorskip("onnxruntime")


def run(path, X_raw: np.ndarray, dtype) -> np.ndarray:
    """ONNX Runtime's output for raw X in columns, returned with examples as columns."""
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(["Y"], {"X": np.ascontiguousarray(X_raw.T, dtype=dtype)})[0].T


@pytest.mark.parametrize("m", [1, 7, 200])
def test_onnx_matches_predict_with_features_and_normalization(tmp_path, model, inputs, m):
    path = tmp_path / "model.onnx"
    export_model(model, path, "onnx")
    X = inputs(2, m, seed=m)
    out = run(path, X, model.network.dtype)
    assert out.shape == (3, m) and out.dtype == model.network.dtype
    np.testing.assert_allclose(out, model.predict(X), rtol=0, atol=1e-5)


@pytest.mark.parametrize("kind", ["sigmoid", "linear"])
@pytest.mark.parametrize("normalize", [True, False])
def test_onnx_matches_predict_for_other_outputs(tmp_path, make_model, inputs, dtype, kind,
                                                normalize):
    model = make_model(kind, dtype, normalize=normalize)
    path = tmp_path / "model.onnx"
    export_model(model, path, "onnx")
    X = inputs(model.input_dim, 50, seed=3)
    np.testing.assert_allclose(run(path, X, dtype), model.predict(X), rtol=0, atol=1e-5)


def test_onnx_graph_has_a_dynamic_batch_and_carries_the_metadata(model):
    proto = build_onnx(model)
    (x,), (y,) = proto.graph.input, proto.graph.output
    assert [d.dim_param or d.dim_value for d in x.type.tensor_type.shape.dim] == ["batch", 2]
    assert [d.dim_param or d.dim_value for d in y.type.tensor_type.shape.dim] == ["batch", 3]
    props = {p.key: p.value for p in proto.metadata_props}
    assert json.loads(props["visualnet_metadata"]) == model.metadata
    assert json.loads(props["visualnet_spec"]) == model.network.spec
    ops = [node.op_type for node in proto.graph.node]
    assert ops.count("BatchNormalization") == 2 and ops.count("Gemm") == 4
    assert {"Sin", "Concat", "Sub", "Div", "LeakyRelu", "Softmax"} <= set(ops)
    onnx.checker.check_model(proto, full_check=True)


def test_every_feature_transform_has_an_onnx_form():
    assert set(FEATURE_NODES) == set(FEATURES)


def test_onnx_applies_every_feature_transform(tmp_path, all_features_model, inputs, dtype):
    path = tmp_path / "model.onnx"
    export_model(all_features_model, path, "onnx")
    X = inputs(2, 30, seed=5)
    np.testing.assert_allclose(run(path, X, dtype), all_features_model.predict(X), atol=1e-5)
