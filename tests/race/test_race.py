"""The race: the core optimizer classes on a surface, recorded step by step."""

import numpy as np
import pytest

from visualnet.core import optimizers
from visualnet.core.race import Entry, Race, custom, make, run

COURSE = ("gd", "momentum", "rmsprop", "adam")


def _steps_to_tolerance(race, i):
    loss = race.trajectory(i).loss
    hits = np.flatnonzero(loss <= race.threshold)
    return int(hits[0]) if hits.size else None


def test_on_the_elongated_bowl_momentum_rmsprop_and_adam_beat_gd_at_the_same_lr():
    surface = make("bowl")
    lr = surface.lr
    race = run(surface, [Entry(name, {"lr": lr}) for name in COURSE], 500)
    assert [e.hyperparameters["lr"] for e in race.entries] == [lr] * 4
    gd, momentum, rmsprop, adam = (_steps_to_tolerance(race, i) for i in range(4))
    assert gd is not None
    for other in (momentum, rmsprop, adam):
        assert other is not None and other < gd
    # GD zigzags across the valley: y changes sign at every step.
    y = race.trajectory(0).position[:10, 1]
    assert (np.sign(y[1:]) == -np.sign(y[:-1])).all()


def test_the_race_calls_the_core_optimizer_classes(monkeypatch):
    calls = []
    original = optimizers.Adam.step

    def spy(self, params, grads):
        calls.append(type(self))
        return original(self, params, grads)

    monkeypatch.setattr(optimizers.Adam, "step", spy)
    run(make("bowl"), ["adam", Entry("adam", {"lr": 0.1}), "gd"], 7)
    assert calls == [optimizers.Adam] * 7  # one call per step for both Adam racers


def test_recorded_adam_state_matches_hand_unrolled_steps():
    surface = make("rosenbrock")
    lr, b1, b2, eps = 0.05, 0.8, 0.99, 1e-8
    race = run(surface, [Entry("adam", {"lr": lr, "beta1": b1, "beta2": b2, "eps": eps})], 20)
    tr = race.trajectory(0)
    w = np.array(surface.start)
    v = s = np.zeros(2)
    for t in range(1, 21):
        g = np.array(surface.gradient(*w))
        v = b1 * v + (1 - b1) * g
        s = b2 * s + (1 - b2) * g * g
        v_hat, s_hat = v / (1 - b1**t), s / (1 - b2**t)
        update = -lr * v_hat / (np.sqrt(s_hat) + eps)
        w = w + update
        np.testing.assert_allclose(tr.gradient[t], g, rtol=1e-12)
        np.testing.assert_allclose(tr.v[t], v, rtol=1e-12)
        np.testing.assert_allclose(tr.v_hat[t], v_hat, rtol=1e-12)
        np.testing.assert_allclose(tr.s[t], s, rtol=1e-12)
        np.testing.assert_allclose(tr.s_hat[t], s_hat, rtol=1e-12)
        np.testing.assert_allclose(tr.sqrt_s_hat[t], np.sqrt(s_hat), rtol=1e-12)
        np.testing.assert_allclose(tr.update[t], update, rtol=1e-9)
        np.testing.assert_allclose(tr.position[t], w, rtol=1e-12)
        assert tr.loss[t] == pytest.approx(surface.value(*w), rel=1e-12)


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_racers_of_one_optimizer_share_a_step_call_and_move_as_lone_optimizers(
        name, monkeypatch):
    surface = make("rosenbrock")
    base = {"momentum": {"bias_correction": True}}.get(name, {})
    entries = [Entry(name, {**base, "lr": lr}) for lr in (0.0005, 0.001, 0.0005, 0.0015)]
    entries.append(Entry(name, {**base, "lr": 0.001, "eps": 0.1} if "eps" in
                         optimizers.create(name).hyperparameters else {**base, "lr": 0.002}))
    calls = []
    original = optimizers.Optimizer.step
    monkeypatch.setattr(optimizers.Optimizer, "step",
                        lambda self, p, g: calls.append(1) or original(self, p, g))
    race = run(surface, entries, 100, noise=0.5, seed=3)
    expected_objects = 2 if "eps" in optimizers.create(name).hyperparameters else 1
    assert len(calls) == 100 * expected_objects
    monkeypatch.undo()
    noise = 0.5 * np.random.default_rng(3).standard_normal((100, 2))
    for entry, tr in zip(race.entries, race.trajectories(), strict=True):
        opt = optimizers.create(entry.optimizer, **entry.hyperparameters)
        params = {"xy": np.array(surface.start)}
        for t in range(100):
            g = np.array(surface.gradient(*params["xy"])) + noise[t]
            opt.step(params, {"xy": g})
            # Equal to rounding: with α factored out, α·(update) may round differently.
            np.testing.assert_allclose(tr.position[t + 1], params["xy"], rtol=1e-12, atol=1e-12)
            for slot, value in opt.state.get("xy", {}).items():
                np.testing.assert_allclose(getattr(tr, slot)[t + 1], value, rtol=1e-10)


def test_record_rows_hold_only_the_state_each_optimizer_keeps():
    race = run(make("bowl"), ["gd", "momentum", "rmsprop"], 3)
    gd, momentum, rmsprop = race.trajectories()
    for tr in (gd, momentum, rmsprop):
        assert tr.position.shape == (4, 2) and tr.loss.shape == (4,)
        assert np.isnan(tr.gradient[0]).all() and np.isnan(tr.update[0]).all()
        np.testing.assert_array_equal(tr.position[0], race.start)
        np.testing.assert_allclose(tr.update[1:], np.diff(tr.position, axis=0))
    assert np.isnan(gd.v).all() and np.isnan(gd.s).all()
    assert np.isfinite(momentum.v[1:]).all() and np.isnan(momentum.s).all()
    # Momentum without bias correction still reports v̂ = v/(1 − βᵗ) for the view.
    np.testing.assert_allclose(momentum.v_hat[1], momentum.v[1] / (1 - 0.9))
    assert np.isnan(rmsprop.v).all()
    np.testing.assert_array_equal(rmsprop.s_hat[1:], rmsprop.s[1:])  # RMSprop: no correction
    np.testing.assert_allclose(rmsprop.sqrt_s[1:], np.sqrt(rmsprop.s[1:]))


def test_divergence_stops_only_that_racer():
    surface = make("bowl")  # GD's y factor 1 − α·κ = 1 − 0.1·40 = −3: it blows up
    race = run(surface, [Entry("gd", {"lr": 0.1}), Entry("adam", {"lr": 0.1})], 200)
    gd, adam = race.trajectories()
    assert gd.diverged_at is not None and 1 < gd.diverged_at < 20
    assert gd.stop_reason == "left the limits"
    assert gd.steps == gd.diverged_at and gd.settled == gd.diverged_at - 1
    assert race.diverged_at == [gd.diverged_at, None]
    assert adam.steps == 200 and adam.diverged_at is None
    assert np.isfinite(adam.position).all()
    np.testing.assert_array_equal(race.positions[0], gd.position[gd.settled])
    # Stepping on leaves the stopped racer where it was.
    race.step(5)
    assert race.trajectory(0).steps == gd.diverged_at and race.trajectory(1).steps == 205


def test_a_loss_that_stops_being_finite_is_divergence():
    surface = custom("sqrt(x) + y**2", start=(1.0, 1.0))
    race = run(surface, [Entry("gd", {"lr": 4.0}), Entry("gd", {"lr": 0.01})], 10)
    assert race.trajectory(0).diverged_at == 1
    assert race.trajectory(0).stop_reason == "not finite"
    assert race.trajectory(1).diverged_at is None


def test_noise_is_reproducible_from_its_seed():
    def path(seed, entries=COURSE):
        race = run(make("rosenbrock"), list(entries), 50, noise=1.0, seed=seed)
        return race.trajectory(0).position

    np.testing.assert_array_equal(path(7), path(7))
    assert not np.allclose(path(7), path(8))
    # All racers see the same noise, so adding one changes nobody else's path.
    np.testing.assert_array_equal(path(7, ["gd"]), path(7))
    clean = run(make("rosenbrock"), ["gd"], 50).trajectory(0).position
    assert not np.allclose(clean, path(7))


def test_stepping_in_pieces_equals_one_run_and_reset_starts_over():
    surface = make("himmelblau")
    whole = run(surface, COURSE, 300, noise=0.3, seed=1)
    race = Race(surface, COURSE, noise=0.3, seed=1)
    for n in (1, 1, 98, 0, 200):  # crosses the initial capacity of 256 steps
        race.step(n)
    assert race.t == 300
    for a, b in zip(whole.trajectories(), race.trajectories(), strict=True):
        np.testing.assert_array_equal(a.position, b.position)
        np.testing.assert_array_equal(a.v, b.v)
        np.testing.assert_array_equal(a.s_hat, b.s_hat)
    race.reset()
    assert race.t == 0 and race.trajectory(3).steps == 0
    np.testing.assert_array_equal(race.positions, [surface.start] * 4)
    race.step(300)
    np.testing.assert_array_equal(race.trajectory(3).position, whole.trajectory(3).position)


def test_entries_in_any_order_keep_their_order_and_labels():
    race = run(make("bowl"), ["adam", "gd", Entry("adam", {"lr": 0.1}), "gd",
                              Entry("gd", label="mine")], 5)
    assert [e.label for e in race.entries] == [
        "Adam α=0.045", "Gradient descent α=0.045", "Adam α=0.1", "Gradient descent α=0.045 #2",
        "mine"]
    assert [tr.optimizer for tr in race.trajectories()] == ["adam", "gd", "adam", "gd", "gd"]
    np.testing.assert_array_equal(race.trajectory(1).position, race.trajectory(3).position)


def test_hyperparameters_default_from_the_schema_and_the_surface():
    race = Race(make("rosenbrock"), ["gd", "adam", Entry("momentum", {"beta": 0.5})])
    gd, adam, momentum = race.entries
    assert gd.hyperparameters == {"lr": 0.0015}
    assert adam.hyperparameters == {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert momentum.hyperparameters["beta"] == 0.5 and momentum.label == "Momentum α=0.0015 β=0.5"


@pytest.mark.parametrize(("entries", "message"), [
    ([], "at least one optimizer"),
    (["sgd"], "racer 1: unknown optimizer 'sgd'; allowed: gd, momentum"),
    (["gd", Entry("adam", {"beta": 0.9})], "racer 2 (adam): unknown hyperparameter 'beta'; "
                                           "adam takes lr, beta1, beta2, eps"),
    ([Entry("adam", {"beta1": 1.5})], "racer 1 (adam): beta1 must be in [0, 1), got 1.5"),
    ([Entry("gd", {"lr": -1})], "racer 1 (gd): lr must be in (0, 10], got -1"),
])
def test_bad_entries_are_refused_with_the_racer_named(entries, message):
    with pytest.raises(ValueError) as info:
        Race(make("bowl"), entries)
    assert message in str(info.value)


def test_bad_starts_and_options_are_refused():
    with pytest.raises(ValueError, match="outside the race's limits"):
        Race(make("bowl"), ["gd"], start=(100, 0))
    with pytest.raises(ValueError, match=r"not defined at the start \(-1, 1\)"):
        Race(custom("log(x) + y"), ["gd"], start=(-1, 1))
    with pytest.raises(ValueError, match="noise σ must be ≥ 0"):
        Race(make("bowl"), ["gd"], noise=-1)
    with pytest.raises(ValueError, match="number of steps must be ≥ 0"):
        Race(make("bowl"), ["gd"]).step(-1)


def test_threshold_is_relative_to_the_minimum_and_the_start():
    surface = make("plateau")  # f* = −1
    race = Race(surface, ["gd"], tolerance=0.01)
    f_start = surface.value(*np.array(surface.start))
    assert race.threshold == pytest.approx(-1 + 0.01 * (f_start + 1))
    assert Race(make("saddle"), ["gd"]).threshold is None
