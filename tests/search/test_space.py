"""The search space is part of the experiment file, validated with errors naming the field,
the value and the allowed range."""

import pytest

from visualnet.core.experiment import Experiment, ExperimentError
from visualnet.core.search import Dimension, SearchSpace, fields

TINY = {"name": "tiny", "data": {"source": "moons", "n": 120}}


def refused(*dimensions, **settings) -> str:
    with pytest.raises(ExperimentError) as caught:
        Experiment.from_dict(TINY | {"search": {"dimensions": list(dimensions)} | settings})
    return str(caught.value)


def test_the_space_round_trips_through_the_experiment_file(tmp_path, tiny):
    experiment = tiny
    path = tmp_path / "tiny.vnet.json"
    experiment.save(path)
    loaded = Experiment.load(path)
    assert loaded.search == experiment.search
    assert loaded.search.dimensions[2].low == 8 and isinstance(loaded.search.dimensions[2].low,
                                                                int)
    assert Experiment.from_dict(TINY).search is None


def test_errors_name_the_dimension_the_value_and_the_range():
    message = refused({"field": "training.optimizer.lr", "scale": "log", "low": 1e-4,
                       "high": 100})
    assert ("search: dimension 1 (training.optimizer.lr): high must be in (0, 10], got 100"
            in message)
    message = refused({"field": "training.optimizer.lr", "scale": "uniform", "low": 0.1,
                       "high": 0.01})
    assert "low must be ≤ high, got low 0.1 > high 0.01" in message
    message = refused({"field": "training.l2", "scale": "log", "low": 0, "high": 1})
    assert "dimension 1 (training.l2): low must be > 0 on a log scale, got 0" in message
    message = refused({"field": "training.optimizer.beta", "scale": "one_minus_log",
                       "low": 0.9, "high": 1})
    assert "high must be in [0, 1), got 1" in message


def test_unknown_fields_scales_and_choices_are_named():
    message = refused({"field": "training.optimizer.lrr", "scale": "log", "low": 1, "high": 2})
    assert "'training.optimizer.lrr' is not a field a search can vary; did you mean " \
           "training.optimizer.lr?" in message
    message = refused({"field": "training.mini_batch_size", "scale": "log", "low": 1,
                       "high": 2})
    assert "scale 'log' does not fit a whole number; use 'int' or 'pow2'" in message
    message = refused({"field": "training.optimizer.name", "scale": "choice",
                       "values": ["adam", "sgd"]})
    assert "value 'sgd' is not allowed; it must be one of: gd, momentum" in message
    message = refused({"field": "training.epochs", "scale": "int", "low": 1.5, "high": 3})
    assert "low must be a whole number, got 1.5" in message
    message = refused({"field": "training.mini_batch_size", "scale": "pow2", "low": 33,
                       "high": 63})
    assert "no power of two lies in [33, 63]" in message


def test_every_problem_gets_its_own_line_and_repeats_are_refused():
    message = refused(
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-3, "high": 1},
        {"field": "training.l1", "scale": "log", "low": -1, "high": 1})
    lines = message.splitlines()[1:]
    assert lines == [
        "search: dimension 2 (training.optimizer.lr): this field is already in the search",
        "search: dimension 3 (training.l1): low must be in [0, 1000], got -1"]
    assert "trials must be in [1, 100000], got 0" in refused(
        {"field": "training.l2", "scale": "log", "low": 1e-4, "high": 1}, trials=0)


def test_a_default_range_fits_every_searchable_field_of_an_experiment():
    experiment = Experiment.from_dict(TINY | {"network": {"layers": [
        {"type": "dense", "units": 6}, {"type": "batchnorm"}, {"type": "leaky_relu"},
        {"type": "dropout", "keep_prob": 0.8}, {"type": "dense", "units": 1},
        {"type": "sigmoid"}]}})
    found = fields.searchable(experiment)
    assert {"training.optimizer.lr", "network.layers.1.momentum", "network.layers.2.type",
            "network.layers.2.slope", "network.layers.3.keep_prob", "network.hidden_units",
            "network.hidden_layers", "network.hidden_activation"} <= set(found)
    assert "network.layers.4.units" not in found  # the data sets the output layer's units
    assert "training.human_level_error" not in found
    for path in found:
        dimension = Dimension.default(path, experiment)
        assert dimension.problem() is None, path
    assert Dimension.default("training.optimizer.lr").describe() == \
        "training.optimizer.lr: log 0.0001 … 1"
    assert Dimension.default("network.layers.3.keep_prob", experiment).describe() == \
        "network.layers.3.keep_prob: uniform 0.4 … 1"


def test_a_space_that_does_not_fit_the_network_or_the_data_is_refused_before_training(
        tiny_dict):
    tiny_dict["data"]["split"] = {"train": 0.8, "dev": 0, "test": 0.2}
    experiment = Experiment.from_dict(tiny_dict)
    space = SearchSpace.model_validate({"dimensions": [
        {"field": "network.layers.1.units", "scale": "int", "low": 2, "high": 8},
        {"field": "network.layers.2.units", "scale": "int", "low": 1, "high": 3}]})
    assert space.problems_with(experiment) == [
        "dimension 1: 'network.layers.1.units': layer 2 is a relu layer, which has no units",
        "dimension 2: 'network.layers.2.units': layer 3 is the output layer; the data sets "
        "its units",
        "trials are compared on the dev set: give the dev split a fraction > 0"]
