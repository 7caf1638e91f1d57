"""PyTorch carries the model on: the .safetensors keys load strictly into the matching
nn.Sequential, and the generated model.py runs and predicts as VisualNet does.

torch is never a VisualNet dependency; these tests run where it is installed.
"""

import ast
import runpy
import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.torch
torch = pytest.importorskip("torch")
load_file = pytest.importorskip("safetensors.torch").load_file
nn = torch.nn

from visualnet.core.export import export_model  # noqa: E402

ACTIVATIONS = {
    "relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "linear": nn.Identity,
    "softmax": lambda: nn.Softmax(dim=1),
}


def sequential(spec: dict) -> nn.Sequential:
    """The nn.Sequential the documented key layout promises, built here from the spec alone."""
    modules, dim, layers = [], spec["input_dim"], spec["layers"]
    for i, layer in enumerate(layers):
        kind = layer["type"]
        if kind == "dense":
            bias = i + 1 == len(layers) or layers[i + 1]["type"] != "batchnorm"
            modules.append(nn.Linear(dim, layer["units"], bias=bias))
            dim = layer["units"]
        elif kind == "batchnorm":
            modules.append(nn.BatchNorm1d(dim, eps=layer["eps"], momentum=1 - layer["momentum"]))
        elif kind == "dropout":
            modules.append(nn.Dropout(1 - layer["keep_prob"]))
        elif kind == "leaky_relu":
            modules.append(nn.LeakyReLU(layer["slope"]))
        else:
            modules.append(ACTIVATIONS[kind]())
    return nn.Sequential(*modules)


def torch_net(model, path) -> nn.Sequential:
    net = sequential(model.network.spec).to(getattr(torch, model.network.dtype.name))
    net.load_state_dict(load_file(path), strict=True)
    return net


def torch_input(model, X_raw):
    """The network's input in torch's layout: examples as rows."""
    return torch.from_numpy(model.preprocessor.apply(X_raw).T.astype(model.network.dtype))


def test_safetensors_load_strictly_and_predict_the_same(tmp_path, model, inputs):
    path = tmp_path / "model.safetensors"
    export_model(model, path, "safetensors")
    net = torch_net(model, path).eval()
    X = inputs(2, 100, seed=4)
    with torch.no_grad():
        out = net(torch_input(model, X)).numpy().T
    np.testing.assert_allclose(out, model.predict(X), rtol=0, atol=1e-5)
    bn, ours = net[1], model.network.layers[1]
    assert int(bn.num_batches_tracked) == 25
    np.testing.assert_array_equal(bn.running_var.numpy(), ours.running_var.ravel())


@pytest.mark.parametrize("kind", ["sigmoid", "linear"])
def test_other_outputs_predict_the_same(tmp_path, make_model, inputs, dtype, kind):
    model = make_model(kind, dtype)
    path = tmp_path / "model.safetensors"
    export_model(model, path, "safetensors")
    net = torch_net(model, path).eval()
    X = inputs(model.input_dim, 30)
    with torch.no_grad():
        out = net(torch_input(model, X)).numpy().T
    np.testing.assert_allclose(out, model.predict(X), rtol=0, atol=1e-5)


def test_batchnorm_momentum_maps_to_torch(tmp_path, model, inputs):
    """One more training batch moves the running statistics the same way in both."""
    path = tmp_path / "model.safetensors"
    export_model(model, path, "safetensors")
    net = torch_net(model, path).train()
    for module in net:
        if isinstance(module, nn.Dropout):
            module.p = 0.0
    X = inputs(2, 32, seed=8)
    with torch.no_grad():
        net(torch_input(model, X))
    with model.network.dropout_disabled():
        model.network.forward(model.preprocessor.apply(X), training=True)
    for i in (1, 5):
        ours = model.network.layers[i]
        np.testing.assert_allclose(net[i].running_mean.numpy(), ours.running_mean.ravel(),
                                   atol=1e-6)
        np.testing.assert_allclose(net[i].running_var.numpy(), ours.running_var.ravel(),
                                   atol=1e-5)
        assert int(net[i].num_batches_tracked) == ours.num_batches_tracked == 26


def run_script(script, *args) -> tuple[np.ndarray, np.ndarray]:
    """(inputs, predictions) that ``python model.py ARGS`` prints, examples as columns."""
    result = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, check=False,
        cwd=script.parent.parent, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split(" -> ") for line in result.stdout.strip().splitlines()]
    return (np.array([ast.literal_eval(x) for x, _ in rows]).T,
            np.array([ast.literal_eval(y) for _, y in rows]).T)


def test_generated_script_prints_the_same_predictions(tmp_path, model):
    script, _ = export_model(model, tmp_path / "torch", "torch")
    X, Y = run_script(script)
    assert X.shape == (2, 3)
    mean, std = model.preprocessor.mean[:2], model.preprocessor.std[:2]
    np.testing.assert_allclose(X, np.hstack([mean, mean - std, mean + std]))
    np.testing.assert_allclose(Y, model.predict(X), rtol=0, atol=1e-5)


def test_generated_script_predicts_inputs_given_as_arguments(tmp_path, model):
    script, _ = export_model(model, tmp_path / "net.py", "torch")
    X, Y = run_script(script, "0.5,-1.25", "3,4", "-2,0.125")
    np.testing.assert_array_equal(X, [[0.5, 3, -2], [-1.25, 4, 0.125]])
    np.testing.assert_allclose(Y, model.predict(X), rtol=0, atol=1e-5)


@pytest.mark.parametrize("kind", ["sigmoid", "linear"])
def test_generated_script_as_a_module(tmp_path, make_model, inputs, dtype, kind):
    model = make_model(kind, dtype, normalize=kind == "linear")
    script, _ = export_model(model, tmp_path, "torch")
    module = runpy.run_path(str(script))
    net = module["load_network"]()
    assert not net.training
    X = inputs(model.input_dim, 64, seed=6)
    out = module["predict"](net, X.T).numpy().T
    assert out.dtype == model.network.dtype
    np.testing.assert_allclose(out, model.predict(X), rtol=0, atol=1e-5)


def test_generated_script_applies_every_feature_transform(tmp_path, all_features_model, inputs):
    script, _ = export_model(all_features_model, tmp_path, "torch")
    module = runpy.run_path(str(script))
    X = inputs(2, 40, seed=2)
    out = module["predict"](module["load_network"](), X.T).numpy().T
    np.testing.assert_allclose(out, all_features_model.predict(X), rtol=0, atol=1e-5)
