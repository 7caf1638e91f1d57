"""The .safetensors key layout is the one the sequential module documents."""

import numpy as np

from visualnet.core import Network
from visualnet.core.export.sequential import from_sequential, to_sequential, torch_modules

DOCUMENTED = {"input_dim": 2, "layers": [
    {"type": "dense", "units": 16}, {"type": "batchnorm"}, {"type": "relu"},
    {"type": "dropout", "keep_prob": 0.8}, {"type": "dense", "units": 3}, {"type": "softmax"},
]}


def test_the_documented_example():
    tensors = to_sequential(Network.from_spec(DOCUMENTED))
    assert {name: t.shape for name, t in tensors.items()} == {
        "0.weight": (16, 2),
        "1.weight": (16,), "1.bias": (16,), "1.running_mean": (16,), "1.running_var": (16,),
        "1.num_batches_tracked": (),
        "4.weight": (3, 16), "4.bias": (3,),
    }
    assert tensors["1.num_batches_tracked"].dtype == np.int64
    assert tensors["0.weight"].dtype == np.float32


def test_modules_follow_the_spec_index():
    assert torch_modules(Network.from_spec(DOCUMENTED)) == [
        "nn.Linear(2, 16, bias=False)",
        "nn.BatchNorm1d(16, eps=1e-05, momentum=0.1)",
        "nn.ReLU()",
        "nn.Dropout(p=0.2)",
        "nn.Linear(16, 3)",
        "nn.Softmax(dim=1)",
    ]


def test_sequential_tensors_are_copies_that_map_back(model):
    net = model.network
    tensors = to_sequential(net)
    tensors["0.weight"][0, 0] += 1.0
    assert net.layers[0].W[0, 0] != tensors["0.weight"][0, 0]
    back = from_sequential(net, to_sequential(net))
    state = net.state_dict()
    assert set(back) == set(state)
    for name, value in back.items():
        assert np.array_equal(value, state[name]) and value.shape == state[name].shape, name
