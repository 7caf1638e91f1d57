"""Each scale draws what the course says: equal counts per decade on a log scale, 1 − β
log-uniform, whole numbers and powers of two evenly, choices evenly; seeded per trial."""

import math
from collections import Counter

import numpy as np
import pytest

from visualnet.core.search import SearchSpace
from visualnet.core.search.sampling import (
    distinct_per_axis,
    grid_params,
    grid_shape,
    plan,
    random_params,
)

DRAWS = 4000


def draws(dimension: dict, n: int = DRAWS, seed: int = 7) -> list:
    space = SearchSpace(dimensions=[dimension], seed=seed)
    return [random_params(space, 0, i)[dimension["field"]] for i in range(n)]


def test_log_uniform_alpha_gives_equal_counts_per_decade():
    alphas = draws({"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1})
    assert min(alphas) >= 1e-4 and max(alphas) <= 1
    decades = Counter(math.floor(math.log10(a)) for a in alphas)
    assert sorted(decades) == [-4, -3, -2, -1]
    for count in decades.values():  # 1000 expected each; ±15 % is > 5 standard deviations
        assert abs(count - DRAWS / 4) < 0.15 * DRAWS / 4
    # Uniform sampling would put ~90 % of the draws in the top decade.
    assert decades[-1] < 0.3 * DRAWS


def test_one_minus_beta_is_log_uniform_between_a_tenth_and_a_thousandth():
    betas = np.array(draws({"field": "training.optimizer.beta", "scale": "one_minus_log",
                            "low": 0.9, "high": 0.999}))
    assert betas.min() >= 0.9 and betas.max() <= 0.999
    r = np.log10(1 - betas)  # r ~ U[−3, −1]
    assert abs(np.mean(r > -2) - 0.5) < 0.04
    assert abs(np.mean(betas > 0.99) - 0.5) < 0.04  # 0.99 … 0.999 as likely as 0.9 … 0.99
    assert abs(r.mean() - (-2)) < 0.05
    counts, _ = np.histogram(r, bins=4, range=(-3, -1))
    assert np.all(np.abs(counts - DRAWS / 4) < 0.15 * DRAWS / 4)


def test_integers_cover_both_ends_evenly_and_powers_of_two_only_powers():
    units = draws({"field": "network.hidden_units", "scale": "int", "low": 3, "high": 7}, 2000)
    counts = Counter(units)
    assert sorted(counts) == [3, 4, 5, 6, 7]
    assert all(isinstance(u, int) for u in units)
    assert all(abs(c - 400) < 80 for c in counts.values())
    sizes = draws({"field": "training.mini_batch_size", "scale": "pow2", "low": 16,
                   "high": 512}, 3000)
    counts = Counter(sizes)
    assert sorted(counts) == [16, 32, 64, 128, 256, 512]
    assert all(abs(c - 500) < 100 for c in counts.values())
    uneven = draws({"field": "training.mini_batch_size", "scale": "pow2", "low": 20,
                    "high": 100}, 200)
    assert set(uneven) == {32, 64}


def test_choices_are_equally_likely_and_keep_their_type():
    names = draws({"field": "training.optimizer.name", "scale": "choice",
                   "values": ["momentum", "rmsprop", "adam"]}, 3000)
    counts = Counter(names)
    assert set(counts) == {"momentum", "rmsprop", "adam"}
    assert all(abs(c - 1000) < 150 for c in counts.values())
    flags = draws({"field": "training.optimizer.bias_correction", "scale": "choice",
                   "values": [False, True]}, 100)
    assert {type(f) for f in flags} == {bool} and set(flags) == {False, True}


def test_uniform_stays_in_range_with_a_flat_histogram():
    keep = np.array(draws({"field": "network.layers.2.keep_prob", "scale": "uniform",
                           "low": 0.5, "high": 1.0}))
    assert keep.min() >= 0.5 and keep.max() <= 1.0
    counts, _ = np.histogram(keep, bins=5, range=(0.5, 1.0))
    assert np.all(np.abs(counts - DRAWS / 5) < 0.15 * DRAWS / 5)


def test_a_trial_draws_the_same_values_whatever_the_number_of_trials():
    space = SearchSpace.model_validate({"seed": 3, "trials": 5, "dimensions": [
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1}]})
    five = plan(space, round=0)
    ten = plan(space.model_copy(update={"trials": 10}), round=0)
    assert ten[:5] == five
    assert plan(space, round=0) == five
    assert plan(space, round=1) != five
    assert plan(space.model_copy(update={"seed": 4}), round=0) != five
    assert len({p["training.optimizer.lr"] for p in ten}) == 10


def test_random_tries_every_value_of_each_axis_a_grid_only_a_few():
    space = SearchSpace.model_validate({"trials": 25, "dimensions": [
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.beta", "scale": "one_minus_log", "low": 0.9,
         "high": 0.999}]})
    grid = grid_params(space, 25)
    assert grid_shape(space, 25) == [5, 5] and len(grid) == 25
    random = plan(space, 0)
    assert distinct_per_axis(space, random) == {"training.optimizer.lr": 25,
                                                "training.optimizer.beta": 25}
    assert distinct_per_axis(space, grid) == {"training.optimizer.lr": 5,
                                              "training.optimizer.beta": 5}
    lr = sorted({p["training.optimizer.lr"] for p in grid})  # cell centres, one per decade-ish
    assert np.allclose(np.diff(np.log10(lr)), 0.8)


@pytest.mark.parametrize(("trials", "shape"), [(20, [5, 4]), (7, [3, 2]), (1, [1, 1])])
def test_grid_shape_is_as_even_as_the_trial_count_allows(trials, shape):
    space = SearchSpace.model_validate({"dimensions": [
        {"field": "training.l2", "scale": "log", "low": 1e-4, "high": 1},
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1}]})
    assert sorted(grid_shape(space, trials), reverse=True) == shape


def test_a_grid_axis_never_gets_more_values_than_it_has():
    space = SearchSpace.model_validate({"dimensions": [
        {"field": "training.optimizer.bias_correction", "scale": "choice",
         "values": [False, True]},
        {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1}]})
    assert grid_shape(space, 20) == [2, 10]
    grid = grid_params(space, 20)
    assert Counter(p["training.optimizer.bias_correction"] for p in grid) == {False: 10, True: 10}
