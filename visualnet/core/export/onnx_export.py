"""Models as ONNX graphs, built node by node with ``onnx.helper``.

Input ``X``: raw inputs (batch, n_x) — examples as rows, the batch dimension dynamic — in the
network's dtype (float32 or float64; the whole graph computes in it). The graph applies what
``Model.predict`` applies, in the same order:

    feature transforms   Slice x₁, x₂; Mul / Sin for each chosen feature; Concat after X
    normalization        Sub μ, Div σ   (the training split's values, σ = 1 where σ² = 0)
    dense                Gemm(A, W, b, transB=1)       (no b when batch norm follows)
    batchnorm            BatchNormalization in its evaluation form: running μ and σ², ε
    relu, leaky_relu(a), tanh, sigmoid, softmax
                         Relu, LeakyRelu(alpha=a), Tanh, Sigmoid, Softmax(axis=1)
    linear, dropout      Identity (dropout is off at evaluation)

Output ``Y``: (batch, n[L]), the output layer's activations. Opset 17; the model's metadata
(JSON) rides along in the ONNX metadata properties ``visualnet_metadata`` and ``visualnet_spec``.
"""

from __future__ import annotations

import json
import os

import numpy as np
import onnx
from onnx import helper, numpy_helper

import visualnet
from visualnet.core.batchnorm import BatchNorm
from visualnet.core.data.preprocess import FEATURES
from visualnet.core.export.model import Model
from visualnet.core.fileio import atomic_write_bytes
from visualnet.core.layers import Dense, Layer

OPSET = 17

FEATURE_NODES = {
    "x1_squared": ("Mul", ("x1", "x1")),
    "x2_squared": ("Mul", ("x2", "x2")),
    "x1_x2": ("Mul", ("x1", "x2")),
    "sin_x1": ("Sin", ("x1",)),
    "sin_x2": ("Sin", ("x2",)),
}
"""Each feature transform of ``preprocess.FEATURES`` as an ONNX op on the columns x1, x2."""

_ACTIVATIONS = {
    "relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid", "linear": "Identity",
    "dropout": "Identity",
}


def write_onnx(path: str | os.PathLike, model: Model) -> None:
    """Write ``model`` as an ONNX file, atomically."""
    atomic_write_bytes(path, build_onnx(model).SerializeToString())


def build_onnx(model: Model) -> onnx.ModelProto:
    """The checked ONNX model of ``model`` (see the module docstring for the graph)."""
    network, preprocessor = model.network, model.preprocessor
    graph = _GraphBuilder(network.dtype)
    a = _features(graph, "X", preprocessor.features)
    if preprocessor.mean is not None:
        a = graph.node("Sub", [a, graph.const("input_mean", preprocessor.mean.T)], "centered")
        a = graph.node("Div", [a, graph.const("input_std", preprocessor.std.T)], "normalized")
    for layer in network.layers:
        a = _layer(graph, layer, a)
    graph.node("Identity", [a], "Y")
    elem = helper.np_dtype_to_tensor_dtype(network.dtype)
    proto = helper.make_model(
        helper.make_graph(
            graph.nodes, "visualnet",
            [helper.make_tensor_value_info("X", elem, ["batch", model.input_dim])],
            [helper.make_tensor_value_info("Y", elem, ["batch", network.output_dim])],
            graph.initializers,
        ),
        opset_imports=[helper.make_opsetid("", OPSET)],
        ir_version=helper.find_min_ir_version_for([helper.make_opsetid("", OPSET)]),
        producer_name="visualnet",
        producer_version=visualnet.__version__,
    )
    helper.set_model_props(proto, {
        "visualnet_metadata": json.dumps(model.metadata),
        "visualnet_spec": json.dumps(network.spec),
    })
    onnx.checker.check_model(proto)
    return proto


class _GraphBuilder:
    """Collects nodes and initializers; every tensor gets a unique, readable name."""

    def __init__(self, dtype: np.dtype):
        self.dtype = dtype
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def const(self, name: str, value: np.ndarray, dtype=None) -> str:
        array = np.ascontiguousarray(value, dtype=dtype or self.dtype)
        self.initializers.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op: str, inputs: list[str], output: str, **attributes) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attributes))
        return output


def _features(graph: _GraphBuilder, x: str, features: list[str]) -> str:
    if not features:
        return x
    missing = [name for name in features if name not in FEATURE_NODES]
    if missing:
        raise ValueError(f"feature transform(s) {missing} have no ONNX form")
    axis = graph.const("column_axis", [1], np.int64)
    columns = {}
    for j, name in enumerate(("x1", "x2")):
        start = graph.const(f"{name}_start", [j], np.int64)
        end = graph.const(f"{name}_end", [j + 1], np.int64)
        columns[name] = graph.node("Slice", [x, start, end, axis], name)
    added = []
    for name in FEATURES:  # the order add_features appends them in
        if name in features:
            op, args = FEATURE_NODES[name]
            added.append(graph.node(op, [columns[arg] for arg in args], name))
    return graph.node("Concat", [x, *added], "features", axis=1)


def _layer(graph: _GraphBuilder, layer: Layer, a: str) -> str:
    out = f"layer{layer.index + 1}_{layer.kind}"
    if isinstance(layer, Dense):
        inputs = [a, graph.const(f"{out}.W", layer.W)]
        if layer.use_bias:
            inputs.append(graph.const(f"{out}.b", layer.b.ravel()))
        return graph.node("Gemm", inputs, out, transB=1)
    if isinstance(layer, BatchNorm):
        stats = [layer.gamma, layer.beta, layer.running_mean, layer.running_var]
        names = [graph.const(f"{out}.{n}", s.ravel()) for n, s in
                 zip(("gamma", "beta", "running_mean", "running_var"), stats, strict=True)]
        return graph.node("BatchNormalization", [a, *names], out, epsilon=layer.eps)
    if layer.kind == "leaky_relu":
        return graph.node("LeakyRelu", [a], out, alpha=layer.slope)
    if layer.kind == "softmax":
        return graph.node("Softmax", [a], out, axis=1)
    return graph.node(_ACTIVATIONS[layer.kind], [a], out)
