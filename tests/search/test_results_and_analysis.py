"""The results file keeps whole trials only; the analysis ranks fields and compares a grid."""

import json

import numpy as np
import pytest

from visualnet.core.search import SearchSpace
from visualnet.core.search.analysis import compare_with_grid, importance, levels, ranked_errors
from visualnet.core.search.results import ResultsFile
from visualnet.core.search.sampling import plan
from visualnet.core.search.trial import TrialRecord


def record(index, params, dev_error, status="finished"):
    return TrialRecord(0, index, params, f"k{index}", status, dev_error=dev_error)


def test_each_record_is_one_flushed_line_and_a_torn_line_is_skipped(tmp_path):
    path = tmp_path / "deep" / "results.jsonl"
    file = ResultsFile(path)
    assert file.load() == []
    first = record(0, {"training.optimizer.lr": 0.01}, 0.125)
    first.dev_cost = [0.7, None]
    file.append(first)
    assert json.loads(path.read_text())["dev_cost"] == [0.7, None]
    with path.open("a") as f:
        f.write('{"round": 0, "index": 1, "par')  # the process died mid-line
    file.append(record(2, {"training.optimizer.lr": 0.1}, 0.25))
    loaded = file.load()
    assert [r.index for r in loaded] == [0, 2] and file.skipped == 1
    assert loaded[0] == first


def test_importance_finds_the_field_that_drives_the_dev_error():
    space = SearchSpace.model_validate({"trials": 40, "dimensions": [
        {"field": "training.l2", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.name", "scale": "choice", "values": ["adam", "gd"]}]})
    points = plan(space, 0)
    # A U-shaped α (best near 10⁻²), nothing from λ or the optimizer.
    rng = np.random.default_rng(0)
    records = [record(i, p, (np.log10(p["training.optimizer.lr"]) + 2) ** 2 / 4
                      + rng.normal(0, 0.02)) for i, p in enumerate(points)]
    records.append(record(40, points[0], None, "diverged"))
    records.append(record(41, points[1], None, "failed"))
    ranking = importance(space, records)
    assert ranking[0][0] == "training.optimizer.lr" and ranking[0][1] > 0.7
    assert all(score < 0.3 for _, score in ranking[1:])
    rows, ranks = ranked_errors(records)
    assert len(rows) == 41 and ranks[-1] == 40  # the diverged trial ranks last


def test_too_few_trials_rank_nothing_and_levels_span_zero_to_one():
    space = SearchSpace.model_validate({"dimensions": [
        {"field": "training.l2", "scale": "log", "low": 1e-4, "high": 1}]})
    assert importance(space, [record(0, {"training.l2": 0.1}, 0.2)]) == [("training.l2", 0.0)]
    assert np.allclose(levels([0.2, None, 0.1, 0.3]), [0.5, np.nan, 0, 1], equal_nan=True)


def test_the_grid_comparison_counts_values_per_axis():
    space = SearchSpace.model_validate({"trials": 16, "dimensions": [
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.beta", "scale": "one_minus_log", "low": 0.9,
         "high": 0.999}]})
    records = [record(i, p, 0.1) for i, p in enumerate(plan(space, 0))]
    comparison = compare_with_grid(space, records)
    assert comparison.grid_shape == [4, 4] and comparison.grid_trials == 16
    assert comparison.random_distinct == {"training.optimizer.lr": 16,
                                          "training.optimizer.beta": 16}
    assert comparison.lines(space.paths(), {"training.optimizer.lr": "α",
                                            "training.optimizer.beta": "β"}) == [
        "a 4×4 grid of 16 trials: 4 values of α, 4 of β",
        "16 random trials: 16 values of α, 16 of β"]


@pytest.mark.parametrize(("scale", "low", "high", "labels"), [
    ("log", 1e-4, 1, ["0.0001", "0.001", "0.01", "0.1", "1"]),
    ("one_minus_log", 0.9, 0.999, ["0.9", "0.99", "0.999"]),
    ("pow2", 16, 128, ["16", "32", "64", "128"]),
])
def test_axis_ticks_sit_at_round_values_of_each_scale(scale, low, high, labels):
    from visualnet.core.search import scales

    ticks = scales.ticks(scale, low, high)
    assert [label for _, label in ticks] == labels
    for t, label in ticks:
        assert scales.coordinate(scale, float(label)) == pytest.approx(t)
