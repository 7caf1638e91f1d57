"""Coarse to fine: the next round's ranges close in on the best trials, on each field's own
scale, and never leave the old range."""

import math

import pytest

from visualnet.core.search import SearchSpace, scales
from visualnet.core.search.refine import best, narrowed
from visualnet.core.search.trial import TrialRecord


def record(index, params, dev_error, status="finished"):
    return TrialRecord(0, index, params, f"k{index}", status, dev_error=dev_error,
                       best_dev_error=dev_error)


def space_of(*dimensions, keep=3) -> SearchSpace:
    return SearchSpace.model_validate({"keep": keep, "dimensions": list(dimensions)})


LR = {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1}


def test_a_log_range_narrows_around_the_best_decade_measured_in_decades():
    space = space_of(LR)
    values = [1e-4, 3e-4, 1e-3, 2e-3, 5e-3, 0.05, 0.3, 0.9]
    errors = [0.40, 0.30, 0.10, 0.08, 0.12, 0.35, 0.45, 0.50]  # best: 1e-3, 2e-3, 5e-3
    records = [record(i, {"training.optimizer.lr": v}, e)
               for i, (v, e) in enumerate(zip(values, errors, strict=True))]
    lr = narrowed(space, records).dimensions[0]
    assert lr.scale == "log"
    # log₁₀ span of the best: −3 … −2.3 (0.7 decades), padded by a quarter each side.
    assert lr.low == pytest.approx(6.6e-4) and lr.high == pytest.approx(7.5e-3)
    assert lr.low <= 1e-3 and lr.high >= 5e-3
    centre = (math.log10(lr.low) + math.log10(lr.high)) / 2
    assert centre == pytest.approx((-3 + math.log10(5e-3)) / 2, abs=0.02)


def test_one_minus_log_narrows_on_log_of_one_minus_beta():
    space = space_of({"field": "training.optimizer.beta", "scale": "one_minus_log",
                      "low": 0.9, "high": 0.999})
    betas = [0.9, 0.95, 0.98, 0.99, 0.995, 0.999]
    errors = [0.5, 0.4, 0.3, 0.1, 0.12, 0.11]
    records = [record(i, {"training.optimizer.beta": b}, e)
               for i, (b, e) in enumerate(zip(betas, errors, strict=True))]
    beta = narrowed(space, records).dimensions[0]
    # 1 − β of the best: 0.01 … 0.001 (one decade) → padded ¼ decade each side, kept ≤ 0.999.
    assert beta.low == pytest.approx(1 - 0.018) and beta.high == 0.999
    assert scales.coordinate("one_minus_log", beta.low) == pytest.approx(1.74, abs=0.01)


def test_whole_numbers_and_powers_of_two_stay_whole_and_powers():
    space = space_of({"field": "network.hidden_units", "scale": "int", "low": 1, "high": 100},
                     {"field": "training.mini_batch_size", "scale": "pow2", "low": 8,
                      "high": 1024})
    params = [(40, 64), (50, 128), (45, 64), (5, 1024), (95, 8)]
    errors = [0.1, 0.11, 0.09, 0.5, 0.6]
    records = [record(i, {"network.hidden_units": u, "training.mini_batch_size": b}, e)
               for i, ((u, b), e) in enumerate(zip(params, errors, strict=True))]
    units, batch = narrowed(space, records).dimensions
    assert (units.low, units.high) == (37, 53)  # 40 … 50 padded by 2.5, outwards
    assert isinstance(units.low, int)
    assert (batch.low, batch.high) == (32, 256)  # 2⁶ … 2⁷, padded to the tenth of 2³ … 2¹⁰
    assert space.dimensions[0].low == 1  # the old space is untouched


def test_a_choice_keeps_what_the_best_trials_used_in_its_order():
    space = space_of({"field": "training.optimizer.name", "scale": "choice",
                      "values": ["gd", "momentum", "rmsprop", "adam"]}, keep=2)
    records = [record(0, {"training.optimizer.name": "adam"}, 0.1),
               record(1, {"training.optimizer.name": "gd"}, 0.5),
               record(2, {"training.optimizer.name": "momentum"}, 0.2),
               record(3, {"training.optimizer.name": "adam"}, 0.3)]
    assert narrowed(space, records).dimensions[0].values == ["momentum", "adam"]


def test_one_best_trial_still_leaves_a_tenth_of_the_range():
    space = space_of(LR, keep=1)
    records = [record(0, {"training.optimizer.lr": 0.01}, 0.1),
               record(1, {"training.optimizer.lr": 0.5}, 0.3)]
    lr = narrowed(space, records).dimensions[0]
    assert math.log10(lr.high) - math.log10(lr.low) == pytest.approx(0.4, abs=0.05)
    assert lr.low < 0.01 < lr.high


def test_only_finished_trials_count_and_none_is_an_error():
    space = space_of(LR)
    records = [record(0, {"training.optimizer.lr": 0.9}, None, "diverged"),
               record(1, {"training.optimizer.lr": 0.5}, None, "failed"),
               record(2, {"training.optimizer.lr": 0.01}, 0.2, "early_stopped")]
    assert [r.index for r in best(records, 5)] == [2]
    with pytest.raises(ValueError, match="nothing to zoom in on"):
        narrowed(space, records[:2])
