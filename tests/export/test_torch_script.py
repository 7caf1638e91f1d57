"""The generated model.py source (no torch needed to check it)."""

import numpy as np
import pytest

from visualnet.core.data.preprocess import FEATURES
from visualnet.core.export import torch_script
from visualnet.core.export.torch_script import TORCH_FEATURES


def test_source_compiles_and_loads_strictly(model):
    source = torch_script(model, "moons.safetensors")
    compile(source, "model.py", "exec")
    assert 'WEIGHTS = Path(__file__).with_name("moons.safetensors")' in source
    assert "load_state_dict(load_file(path), strict=True)" in source
    assert "nn.Linear(5, 8, bias=False)," in source
    assert "nn.BatchNorm1d(8, eps=1e-05, momentum=0.2)," in source
    assert "nn.Dropout(p=0.3)," in source and "nn.Softmax(dim=1)," in source
    assert "x = torch.cat([x, x1 * x1, x1 * x2, torch.sin(x2)], dim=1)" in source
    assert "x = (x - MEAN) / STD" in source


def test_source_lines_fit_100_columns(make_model):
    source = torch_script(make_model("mixed", "float64"), "model.safetensors")
    assert max(len(line) for line in source.splitlines()) <= 100


def test_given_examples_are_written_as_rows(model):
    source = torch_script(model, "m.safetensors", examples=np.array([[1.0, 2.0], [0.5, -3.0]]))
    assert "EXAMPLES = [[1.0, 0.5], [2.0, -3.0]]" in source
    with pytest.raises(ValueError, match=r"examples must have shape \(2, k\)"):
        torch_script(model, "m.safetensors", examples=np.ones((3, 2)))


def test_without_normalization_there_are_no_constants(make_model):
    source = torch_script(make_model("sigmoid", "float32", normalize=False), "m.safetensors")
    assert "MEAN" not in source and "torch.cat" not in source
    assert "EXAMPLES = [[0.0, 0.0], [-1.0, -1.0], [1.0, 1.0]]" in source


def test_every_feature_transform_has_a_torch_form():
    assert set(TORCH_FEATURES) == set(FEATURES)
