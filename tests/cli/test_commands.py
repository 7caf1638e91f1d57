"""``visualnet --help``, ``gradcheck``, ``export`` and ``open``'s checks, run in-process."""

from pathlib import Path

import numpy as np
import onnxruntime
import pytest

from visualnet.cli import COMMANDS, main
from visualnet.core.experiment import Experiment
from visualnet.core.export import load_model

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in COMMANDS:
        assert command in out


def test_gradcheck_passes_on_the_lesson_and_prints_each_parameter(capsys):
    assert main(["gradcheck", str(EXAMPLES / "gradient-checking.vnet.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("checked ")
    assert any(line.split()[0] == "W1" for line in out[1:-1])
    assert out[-1].startswith("difference ") and ": great" in out[-1]


def test_gradcheck_refuses_a_bad_epsilon_naming_the_range(capsys):
    path = str(EXAMPLES / "gradient-checking.vnet.json")
    assert main(["gradcheck", path, "--eps", "2"]) == 2
    assert "--eps must be in (0, 1), got 2.0" in capsys.readouterr().err


def test_gradcheck_flags_a_wrong_gradient_as_a_bug(monkeypatch, capsys):
    from visualnet.core import layers

    backward = layers.Dense.backward

    def off_by_ten_percent(self, dA, *args, **kwargs):
        dA_prev = backward(self, dA, *args, **kwargs)
        self.dW *= 1.1
        return dA_prev

    monkeypatch.setattr(layers.Dense, "backward", off_by_ten_percent)
    assert main(["gradcheck", str(EXAMPLES / "gradient-checking.vnet.json")]) == 1
    assert ": bug — " in capsys.readouterr().out.splitlines()[-1]


@pytest.fixture
def trained(tmp_path):
    experiment = Experiment.load(EXAMPLES / "softmax-digits.vnet.json")
    experiment.training.epochs = 1
    path = tmp_path / "digits.vnet.json"
    experiment.save(path)
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 0
    return tmp_path / "run"


def test_export_to_onnx_and_torch_from_a_trained_model(trained, capsys):
    model = trained / "model.safetensors"
    assert main(["export", str(model), "--format", "onnx"]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {trained / 'model.onnx'}"
    loaded = load_model(model)
    X = np.random.default_rng(0).uniform(0, 16, (64, 5))
    session = onnxruntime.InferenceSession(str(trained / "model.onnx"))
    [inputs] = session.get_inputs()
    dtype = np.float64 if inputs.type == "tensor(double)" else np.float32
    onnx_out = session.run(None, {inputs.name: X.T.astype(dtype)})[0]
    np.testing.assert_allclose(onnx_out.T, loaded.predict(X), atol=1e-5)
    assert main(["export", str(model), "--format", "torch"]) == 0
    assert (trained / "model.py").is_file()


def test_export_never_overwrites_the_model_it_reads(trained, capsys):
    model = trained / "model.npz"
    before = model.read_bytes()
    assert main(["export", str(model), "--format", "npz"]) == 2
    assert "refusing to overwrite the model being read; give --out" in capsys.readouterr().err
    assert model.read_bytes() == before


def test_export_names_a_file_that_is_not_a_model(tmp_path, capsys):
    bad = tmp_path / "notes.npz"
    bad.write_text("not a model")
    assert main(["export", str(bad), "--format", "onnx"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("visualnet export: error:") and str(bad) in err


@pytest.mark.parametrize("argv, message", [
    (["--after", "-1"], "--after must be ≥ 0 seconds, got -1.0"),
    (["--size", "100", "800"], "--size must be at least 200 × 200, got 100 × 800"),
])
def test_open_refuses_bad_options_before_starting_the_app(argv, message, capsys):
    assert main(["open", *argv]) == 2
    assert message in capsys.readouterr().err
