"""Setting a trial's values on the experiment: fields by path, then the derived network fields."""

import pytest

from visualnet.core.experiment import Experiment
from visualnet.core.search import fields

LAYERS = [
    {"type": "dense", "units": 8}, {"type": "leaky_relu", "slope": 0.1},
    {"type": "dropout", "keep_prob": 0.8},
    {"type": "dense", "units": 4}, {"type": "tanh"},
    {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"},
]


@pytest.fixture
def base(tiny_dict) -> dict:
    tiny_dict["network"]["layers"] = LAYERS
    return Experiment.from_dict(tiny_dict).to_dict()


def kinds(experiment: dict) -> list:
    return [(la["type"], la.get("units")) for la in experiment["network"]["layers"]]


def test_paths_set_nested_and_layer_fields_and_leave_the_original_alone(base):
    out = fields.apply(base, {"training.optimizer.lr": 0.05, "training.mini_batch_size": 32,
                              "network.layers.2.keep_prob": 0.6, "network.layers.3.units": 7})
    assert out["training"]["optimizer"]["lr"] == 0.05
    assert out["training"]["mini_batch_size"] == 32
    assert out["network"]["layers"][2]["keep_prob"] == 0.6
    assert out["network"]["layers"][3]["units"] == 7
    assert base["training"]["optimizer"]["lr"] == 0.01
    Experiment.from_dict(out)


def test_hidden_layers_repeats_the_last_hidden_block_or_drops_blocks(base):
    three = fields.apply(base, {fields.HIDDEN_LAYERS: 3})
    assert kinds(three) == [("dense", 8), ("leaky_relu", None), ("dropout", None),
                            ("dense", 4), ("tanh", None), ("dense", 4), ("tanh", None),
                            ("dense", 1), ("sigmoid", None)]
    one = fields.apply(base, {fields.HIDDEN_LAYERS: 1})
    assert kinds(one) == [("dense", 8), ("leaky_relu", None), ("dropout", None), ("dense", 1),
                          ("sigmoid", None)]
    none = fields.apply(base, {fields.HIDDEN_LAYERS: 0})
    assert kinds(none) == [("dense", 1), ("sigmoid", None)]  # logistic regression
    for experiment in (three, one, none):
        Experiment.from_dict(experiment)


def test_hidden_units_and_activation_reach_every_hidden_layer_after_the_blocks_change(base):
    out = fields.apply(base, {fields.HIDDEN_UNITS: 12, fields.HIDDEN_LAYERS: 3,
                              fields.HIDDEN_ACTIVATION: "relu"})
    assert kinds(out) == [("dense", 12), ("relu", None), ("dropout", None), ("dense", 12),
                          ("relu", None), ("dense", 12), ("relu", None), ("dense", 1),
                          ("sigmoid", None)]
    assert out["network"]["layers"][1] == {"type": "relu"}  # the leaky slope went with it
    Experiment.from_dict(out)


def test_one_activation_layer_can_change_type(base):
    out = fields.apply(base, {"network.layers.4.type": "leaky_relu"})
    assert out["network"]["layers"][4] == {"type": "leaky_relu"}
    assert Experiment.from_dict(out).network.layers[4].slope == 0.01


def test_paths_the_experiment_lacks_are_refused_with_the_path(base):
    with pytest.raises(ValueError, match=r"network\.layers\.12\.units: the experiment has no "
                                         r"network\.layers\.12"):
        fields.apply(base, {"network.layers.12.units": 3})
    no_hidden = {**base, "network": {"layers": [{"type": "dense", "units": 1},
                                                {"type": "sigmoid"}]}}
    with pytest.raises(ValueError, match="no hidden block to repeat"):
        fields.apply(no_hidden, {fields.HIDDEN_LAYERS: 2})


def test_base_values_and_short_names(base):
    experiment = Experiment.from_dict(base)
    assert fields.base_value(experiment, "training.optimizer.lr") == 0.01
    assert fields.base_value(experiment, "network.layers.3.units") == 4
    assert fields.base_value(experiment, fields.HIDDEN_LAYERS) == 2
    assert fields.base_value(experiment, fields.HIDDEN_UNITS) == 8
    assert fields.base_value(experiment, fields.HIDDEN_ACTIVATION) == "leaky_relu"
    assert [fields.short_name(p) for p in ("training.optimizer.lr", "training.optimizer.name",
                                           "network.layers.3.units", "network.hidden_units",
                                           "training.early_stopping.enabled")] == [
        "lr", "optimizer", "layer4.units", "hidden_units", "early_stopping"]


def test_the_fingerprint_ignores_name_and_search_but_not_what_trains(base):
    renamed = {**base, "name": "other", "description": "x", "search": None}
    assert fields.fingerprint(renamed) == fields.fingerprint(base)
    changed = fields.apply(base, {"training.optimizer.lr": 0.02})
    assert fields.fingerprint(changed) != fields.fingerprint(base)
