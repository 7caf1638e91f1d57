"""Each shipped lesson reproduces the course's result, trained through the real Trainer.

The experiments run in float64 with fixed seeds, so every number here is the same on every
run; the thresholds leave room for other BLAS builds, not for other seeds.
"""

import math

import numpy as np
import pytest

from visualnet.core import effective_window, ewma, gradient_check, lessons
from visualnet.core.data import prepare
from visualnet.core.data.targets import targets
from visualnet.core.training import IterationBlock, IterationEvent, LayerStatsEvent, Trainer

LN2 = math.log(2)


def train(lesson_id: str, file: str, watch: bool = False):
    """(trainer, result, events) of one lesson file; events only when ``watch``."""
    events = []
    trainer = Trainer(lessons.load(lesson_id, file), listeners=[events.append] if watch else ())
    return trainer, trainer.run(), events


def iteration_costs(events) -> np.ndarray:
    return np.array([e.cost for e in events if isinstance(e, IterationEvent)])


def first_grad_norms(events) -> np.ndarray:
    """‖dW[l]‖_F of every dense layer, first to last, at the first iteration."""
    stats = next(e for e in events if isinstance(e, LayerStatsEvent))
    assert stats.iteration == 1
    return np.array(list(stats.grad_norms.values()))


def tail_cost(result, epochs: int = 5) -> float:
    return float(np.mean([e.train_cost for e in result.history[-epochs:]]))


# --- initialization ------------------------------------------------------------------------


def test_zero_initialization_stays_at_chance_on_circles_while_he_separates_them():
    zeros, zero_run, _ = train("initialization", "initialization-zeros.vnet.json")
    _, he_run, _ = train("initialization", "initialization-he.vnet.json")
    assert zero_run.final.dev_error == pytest.approx(0.5, abs=0.05)
    assert zero_run.final.train_cost == pytest.approx(LN2, abs=0.01)
    # Symmetry is never broken: with ReLU every dW is exactly 0, so every W is still 0.
    assert all(not layer.W.any() for layer in zeros.net.dense_layers)
    assert he_run.final.dev_error < 0.1


def test_large_random_initialization_starts_with_a_huge_cost():
    _, large_run, large = train("initialization", "initialization-large.vnet.json", watch=True)
    _, he_run, he = train("initialization", "initialization-he.vnet.json", watch=True)
    large_first, he_first = iteration_costs(large)[0], iteration_costs(he)[0]
    assert large_first > 5 * LN2
    assert large_first > 100 * he_first
    assert large_run.final.train_cost > 10 * he_run.final.train_cost


# --- regularization ------------------------------------------------------------------------


def test_l2_and_dropout_shrink_the_train_dev_gap_of_an_over_fitting_net():
    def gap(file):
        final = train("regularization", file)[1].final
        return final.dev_error - final.train_error

    none = gap("regularization-none.vnet.json")
    assert none > 0.05
    assert gap("regularization-l2.vnet.json") < none
    assert gap("regularization-dropout.vnet.json") < none


# --- vanishing and exploding ---------------------------------------------------------------

DEEP_LINEAR = {
    "deep-linear-exploding.vnet.json": 1.5,
    "deep-linear-balanced.vnet.json": 1.0,
    "deep-linear-vanishing.vnet.json": 0.5,
}


@pytest.mark.parametrize(("file", "gain"), DEEP_LINEAR.items())
def test_a_deep_linear_net_scales_its_output_by_gain_to_the_depth(file, gain):
    trainer = Trainer(lessons.load("exploding_vanishing", file))
    net, X = trainer.net, trainer.data.train.X
    depth = len(net.dense_layers)
    net.forward(X)
    z_out = net.layers[-1].last_input  # Z[L], the sigmoid's input
    # W[L]···W[1] = gain^L·[1, 0]: the output sees x₁ scaled by gain^L.
    np.testing.assert_allclose(z_out, gain**depth * X[:1], rtol=1e-12)


def test_a_deep_linear_net_explodes_with_1_5_i_and_vanishes_with_0_5_i():
    norms, final_cost = {}, {}
    for file, gain in DEEP_LINEAR.items():
        _, result, events = train("exploding_vanishing", file, watch=True)
        norms[gain], final_cost[gain] = first_grad_norms(events), result.final.train_cost
    depth = len(norms[1.0])
    for gain in DEEP_LINEAR.values():
        # dW[l] = dZ[l]·A[l-1]ᵀ carries gain^(l-1) forward and gain^(L-l) backward: the same
        # norm in every layer.
        np.testing.assert_allclose(norms[gain], norms[gain][0], rtol=1e-9)
    for gain in (1.5, 0.5):
        ratio = norms[gain][0] / norms[1.0][0]
        expected = gain ** (depth - 1)
        assert expected / 2 < ratio < expected * 2
    assert final_cost[0.5] == pytest.approx(LN2, abs=1e-3)  # nothing learns


def test_gradients_vanish_through_deep_sigmoid_layers_but_not_through_relu():
    _, sigmoid_run, sigmoid = train("deep_sigmoid", "deep-sigmoid.vnet.json", watch=True)
    _, relu_run, relu = train("deep_sigmoid", "deep-relu.vnet.json", watch=True)
    sigmoid_norms, relu_norms = first_grad_norms(sigmoid), first_grad_norms(relu)
    assert sigmoid_norms[0] / sigmoid_norms[-1] < 1e-3
    assert relu_norms[0] / relu_norms[-1] > 1e-2
    assert sigmoid_run.final.train_cost > 0.69
    assert relu_run.final.train_cost < 0.4


# --- gradient checking ---------------------------------------------------------------------


def test_gradient_checking_says_great_before_and_after_training():
    experiment = lessons.load("gradient_checking")
    cfg = experiment.training
    data = prepare(experiment.data)

    def check(net):
        X, Y = data.train.X[:, :32], targets(net.output, data.train)[:, :32]
        return gradient_check(net, X, Y, l2=cfg.l2, l1=cfg.l1, seed=experiment.seed)

    assert check(experiment.build_network(data.n_x)).verdict == "great"
    trainer = Trainer(experiment, data)
    assert trainer.run().status == "finished"
    assert check(trainer.net).verdict == "great"


# --- mini-batch size -----------------------------------------------------------------------


def test_smaller_mini_batches_get_further_per_epoch_with_a_noisier_cost():
    _, batch_run, batch = train("minibatch", "minibatch-batch.vnet.json", watch=True)
    _, mini_run, mini = train("minibatch", "minibatch-32.vnet.json", watch=True)
    _, sgd_run, _ = train("minibatch", "minibatch-stochastic.vnet.json")
    assert sgd_run.final.train_cost < mini_run.final.train_cost < batch_run.final.train_cost
    assert np.all(np.diff(iteration_costs(batch)) < 0)
    assert np.mean(np.diff(iteration_costs(mini)) > 0) > 0.25


# --- exponentially weighted averages -------------------------------------------------------


def test_the_temperature_series_is_a_seeded_year_of_seasons_in_fahrenheit():
    theta = lessons.temperature_series()
    assert theta.shape == (365,)
    assert np.array_equal(theta, lessons.temperature_series(seed=0))
    assert not np.array_equal(theta, lessons.temperature_series(seed=1))
    january, july = theta[:31].mean(), theta[181:212].mean()
    assert 30 < january < 40 and 70 < july < 80
    with pytest.raises(ValueError, match="days"):
        lessons.temperature_series(days=0)


def test_beta_0_9_averages_about_the_last_10_days():
    assert effective_window(0.9) == pytest.approx(10)
    # The last 10 days carry weight (1 − β)·Σ_{k<10} βᵏ = 1 − 0.9¹⁰ ≈ 1 − 1/e of v_t.
    last_ten = np.r_[np.zeros(100), np.ones(10)]
    assert ewma(last_ten, 0.9)[-1] == pytest.approx(1 - 1 / math.e, abs=0.03)


def test_bias_correction_repairs_the_first_values_of_the_average():
    theta = lessons.temperature_series()
    v = ewma(theta, 0.9)
    corrected = ewma(theta, 0.9, bias_correction=True)
    assert v[0] == pytest.approx(0.1 * theta[0])
    assert corrected[0] == pytest.approx(theta[0])
    for t in range(1, 11):
        seen = theta[:t]
        assert seen.min() <= corrected[t - 1] <= seen.max()  # a weighted mean of θ₁ … θ_t
    assert np.all(v[:5] < theta[:5].min())  # uncorrected: far below every value seen
    np.testing.assert_allclose(v[100:], corrected[100:], rtol=1e-4)


def test_momentum_velocity_is_the_same_average_with_the_same_start_bias():
    trainer, _, events = train("ewma", "ewma-momentum.vnet.json", watch=True)
    beta = trainer.experiment.training.optimizer.beta
    probe = next(e for e in events if isinstance(e, IterationBlock))
    assert probe.iterations[0] == 1
    np.testing.assert_allclose(probe.velocity[0], (1 - beta) * probe.gradient[0])
    np.testing.assert_allclose(probe.velocity_corrected[0], probe.gradient[0])


# --- optimizers ----------------------------------------------------------------------------


def test_rmsprop_and_adam_beat_gradient_descent_and_momentum_at_the_same_alpha():
    cost = {name: train("optimizers", f"optimizers-{name}.vnet.json")[1].final.train_cost
            for name in ("gd", "momentum", "rmsprop", "adam")}
    slow = min(cost["gd"], cost["momentum"])
    assert cost["adam"] < slow / 2
    assert cost["rmsprop"] < slow / 2
    # At a small α momentum averages the steps without lengthening them (the course: "its
    # impact is almost negligible" here).
    assert cost["momentum"] == pytest.approx(cost["gd"], rel=0.05)


def test_momentum_trains_at_an_alpha_where_gradient_descent_bounces():
    gd = train("momentum", "large-alpha-gd.vnet.json")[1]
    momentum = train("momentum", "large-alpha-momentum.vnet.json")[1]
    assert momentum.final.train_cost < gd.final.train_cost / 2


# --- learning-rate decay -------------------------------------------------------------------


def test_learning_rate_decay_settles_a_noisy_run_lower_and_calmer():
    constant = train("lr_decay", "lr-decay-constant.vnet.json")[1]
    decayed = train("lr_decay", "lr-decay-inverse-time.vnet.json")[1]
    assert decayed.final.lr == pytest.approx(1.5 / (1 + 0.5 * (decayed.epochs - 1)))
    assert tail_cost(decayed) < tail_cost(constant) / 2

    def jumpiness(result):  # spread of the epoch-to-epoch changes of log J over 10 epochs
        return np.std(np.diff(np.log([e.train_cost for e in result.history[-10:]])))

    assert jumpiness(decayed) < jumpiness(constant) / 2


# --- batch norm ----------------------------------------------------------------------------


def test_batch_norm_lets_a_deep_net_train_at_an_alpha_that_diverges_without_it():
    without = train("batch_norm", "batchnorm-off.vnet.json")[1]
    with_bn = train("batch_norm", "batchnorm-on.vnet.json")[1]
    assert without.status == "diverged"
    assert with_bn.status == "finished"
    assert with_bn.final.train_cost < 0.1
    assert with_bn.final.dev_error < 0.1


# --- softmax -------------------------------------------------------------------------------


def test_softmax_on_digits_reaches_over_90_percent_dev_accuracy():
    result = train("softmax", "softmax-digits.vnet.json")[1]
    assert 1 - result.final.dev_error > 0.9
