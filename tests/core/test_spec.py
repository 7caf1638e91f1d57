"""Bad specs raise ValueError naming the layer (numbered from 1), the field and what is allowed."""

import pytest

from visualnet.core import Network, validation
from visualnet.core.spec import (
    LAYER_TYPES,
    DenseSpec,
    DropoutSpec,
    NetworkSpec,
    structure_problem,
    validate_spec,
)


def _spec(*layers, input_dim=2):
    return {"input_dim": input_dim, "layers": list(layers)}


DENSE, SIGMOID = {"type": "dense", "units": 3}, {"type": "sigmoid"}
BAD = [
    # (spec, the whole message)
    (_spec({"type": "conv"}, DENSE, SIGMOID),
     "layer 1: type must be one of: " + ", ".join(LAYER_TYPES) + ", got 'conv'"),
    (_spec(DENSE, {"units": 3}, SIGMOID),
     "layer 2: type is missing; it must be one of: " + ", ".join(LAYER_TYPES)),
    (_spec({"type": "dense", "units": 0}, SIGMOID),
     "layer 1 (dense): units must be in [1, 4096], got 0"),
    (_spec({"type": "dense", "units": -4}, SIGMOID),
     "layer 1 (dense): units must be in [1, 4096], got -4"),
    (_spec(DENSE, {"type": "relu"}, {"type": "dropout", "keep_prob": 1.5}, SIGMOID),
     "layer 3 (dropout): keep_prob must be in (0, 1], got 1.5"),
    (_spec(DENSE, {"type": "dropout", "keep_prob": 0}, SIGMOID),
     "layer 2 (dropout): keep_prob must be in (0, 1], got 0"),
    (_spec(DENSE, {"type": "softmax"}, DENSE, {"type": "softmax"}),
     "layer 2 (softmax): softmax must be the last layer"),
    ({"layers": [DENSE, SIGMOID]},
     "network: input_dim is missing; it must be in [1, 100000]"),
    (_spec(DENSE, SIGMOID, input_dim=0),
     "network: input_dim must be in [1, 100000], got 0"),
    (_spec(), "network: layers must hold at least 1 item, got []"),
    (_spec(DENSE, {"type": "relu"}),
     "layer 2 (relu): the last layer must be an output activation (softmax, sigmoid, linear)"),
    (_spec({"type": "dense", "units": 1}, {"type": "softmax"}),
     "layer 2 (softmax): softmax needs at least 2 units before it"),
    (_spec({"type": "dense", "units": 3, "init": "kaiming"}, SIGMOID),
     "layer 1 (dense): init must be one of: zeros, random, xavier, he, custom, identity, "
     "got 'kaiming'"),
    (_spec({"type": "dense", "units": 3, "unit": 4}, SIGMOID),
     "layer 1 (dense): unknown field 'unit'"),
    (_spec(DENSE, {"type": "batchnorm", "momentum": 1.0}, SIGMOID),
     "layer 2 (batchnorm): momentum must be in [0, 1), got 1.0"),
    (_spec(DENSE, {"type": "batchnorm"}, {"type": "batchnorm"}, SIGMOID),
     "layer 3 (batchnorm): layer 2 already normalizes this dense layer's output; "
     "use one batch norm per dense layer"),
    (_spec(DENSE, {"type": "leaky_relu", "slope": 1.0}, DENSE, SIGMOID),
     "layer 2 (leaky_relu): slope must be in [0, 1), got 1.0"),
]


@pytest.mark.parametrize("spec, message", BAD)
def test_bad_spec_message(spec, message):
    with pytest.raises(ValueError) as error:
        validate_spec(spec)
    assert str(error.value) == message
    with pytest.raises(ValueError):
        Network.from_spec(spec)


def test_several_problems_are_all_reported():
    spec = _spec({"type": "dense", "units": 0}, {"type": "dropout", "keep_prob": 2}, SIGMOID)
    with pytest.raises(ValueError) as error:
        validate_spec(spec)
    assert str(error.value).splitlines() == [
        "layer 1 (dense): units must be in [1, 4096], got 0",
        "layer 2 (dropout): keep_prob must be in (0, 1], got 2"]


def test_not_a_dict_and_not_a_list():
    with pytest.raises(ValueError, match="must be a dict, got list"):
        validate_spec([DENSE, SIGMOID])
    with pytest.raises(ValueError, match="layer 2: must be a dict with a type, got 3"):
        validate_spec(_spec(DENSE, 3, SIGMOID))
    with pytest.raises(ValueError, match="network: layers must be a valid list, got 'dense'"):
        validate_spec({"input_dim": 2, "layers": "dense"})


def test_defaults_are_filled_in():
    model = validate_spec(_spec({"type": "dense"}, {"type": "dropout"}, {"type": "batchnorm"},
                                {"type": "leaky_relu"}, DENSE, SIGMOID))
    assert [layer.model_dump() for layer in model.layers[:4]] == [
        {"type": "dense", "units": 16, "init": "he", "scale": 0.01, "c": 2.0, "gain": 1.0},
        {"type": "dropout", "keep_prob": 0.8},
        {"type": "batchnorm", "momentum": 0.9, "eps": 1e-5},
        {"type": "leaky_relu", "slope": 0.01}]


def test_structure_problem_on_a_good_stack_is_none():
    assert structure_problem(validate_spec(_spec(DENSE, SIGMOID)).layers) is None
    assert structure_problem([]).startswith("the network has no layers")


def test_allowed_reads_the_declared_ranges():
    fields = DropoutSpec.model_fields
    assert validation.allowed(fields["keep_prob"]) == "in (0, 1]"
    assert validation.bounds(fields["keep_prob"]) == {"gt": 0, "le": 1}
    assert validation.allowed(DenseSpec.model_fields["units"]) == "in [1, 4096]"
    assert validation.choices(DenseSpec.model_fields["init"]) == (
        "zeros", "random", "xavier", "he", "custom", "identity")
    assert validation.allowed(NetworkSpec.model_fields["input_dim"]) == "in [1, 100000]"
