"""Optimizers against hand-unrolled steps, on the flat ParamStore path and the per-array path.

One weight w = 1 with gradients 1, −2, 0.5 and α = 0.1, β = 0.9 (Adam: β₁ = 0.9, β₂ = 0.999),
worked out by hand (six digits):
    GD        w = 0.9,      1.1,       1.05
    Momentum  v = 0.1, −0.11, −0.049;  w = 0.99, 1.001, 1.0059
     + bias correction  v̂ = 1, −0.578947, −0.180812;  w = 0.9, 0.957895, 0.975976
    Nesterov  w −= α(βv + (1 − β)g):   w = 0.981, 1.0109, 1.01031
    RMSprop   s = 0.1, 0.49, 0.466;    w = 0.683772, 0.969487, 0.896242
    Adam      v̂ = 1, −0.578947, −0.180812; ŝ = 1, 2.500750, 1.749750; w = 0.9, 0.936610, 0.950279
    AdaGrad   s = 1, 5, 5.25;          w = 0.9, 0.989443, 0.967621
"""

import json
import math

import numpy as np
import pytest

from visualnet.core import ParamStore, optimizers

GRADS = (1.0, -2.0, 0.5)
HAND = {
    ("gd", ()): (0.9, 1.1, 1.05),
    ("momentum", ()): (0.99, 1.001, 1.0059),
    ("momentum", (("bias_correction", True),)): (0.9, 0.957895, 0.975976),
    ("nesterov", ()): (0.981, 1.0109, 1.01031),
    ("rmsprop", ()): (0.683772, 0.969487, 0.896242),
    ("adam", ()): (0.9, 0.936610, 0.950279),
    ("adagrad", ()): (0.9, 0.989443, 0.967621),
}
HYPER = {"gd": {}, "momentum": {"beta": 0.9}, "nesterov": {"beta": 0.9},
         "rmsprop": {"beta": 0.9}, "adam": {"beta1": 0.9, "beta2": 0.999}, "adagrad": {}}


@pytest.mark.parametrize("name, extra", list(HAND))
def test_three_steps_on_one_weight_match_the_hand_values(name, extra):
    opt = optimizers.create(name, lr=0.1, **HYPER[name], **dict(extra))
    params = {"w": np.array([[1.0]])}
    for g, expected in zip(GRADS, HAND[name, extra], strict=True):
        opt.step(params, {"w": np.array([[g]])})
        assert params["w"][0, 0] == pytest.approx(expected, abs=1e-6)
    assert opt.t == 3


def by_hand(name, w, grads, lr, beta=0.9, beta2=0.999, eps=1e-8, bias_correction=False):
    """Scalar reference: the course's update written out for one number, step by step.

    ``lr`` and ``beta`` may be lists (one value per step) to change them between steps.
    """
    steps = len(grads)
    lrs = lr if isinstance(lr, list) else [lr] * steps
    betas = beta if isinstance(beta, list) else [beta] * steps
    v = s = 0.0
    for t, (g, a, b) in enumerate(zip(grads, lrs, betas, strict=True), start=1):
        if name == "gd":
            w = w - a * g
        elif name in ("momentum", "nesterov"):
            v = b * v + (1 - b) * g
            if name == "nesterov":
                w = w - a * (b * v + (1 - b) * g)
            else:
                w = w - a * (v / (1 - b**t) if bias_correction else v)
        elif name == "rmsprop":
            s = b * s + (1 - b) * g * g
            w = w - a * g / (math.sqrt(s) + eps)
        elif name == "adam":
            v = b * v + (1 - b) * g
            s = beta2 * s + (1 - beta2) * g * g
            w = w - a * (v / (1 - b**t)) / (math.sqrt(s / (1 - beta2**t)) + eps)
        elif name == "adagrad":
            s = s + g * g
            w = w - a * g / (math.sqrt(s) + eps)
    return w, v, s


# A tiny network-shaped problem: W (1, 2) and b (1, 1), three steps with different gradients.
START = {"W": [[1.0, -2.0]], "b": [[0.5]]}
STEPS = [{"W": [[0.1, -0.2]], "b": [[0.3]]},
         {"W": [[-0.4, 0.5]], "b": [[0.0]]},
         {"W": [[0.2, 0.1]], "b": [[-0.6]]}]
BETA_KEY = {"gd": None, "momentum": "beta", "nesterov": "beta", "rmsprop": "beta",
            "adam": "beta1", "adagrad": None}


def _flat(values):
    """Start, gradients, and each element's gradient sequence, in flat order W, b."""
    return np.concatenate([np.ravel(values["W"]), np.ravel(values["b"])])


def _run(name, path, lr=0.05, change=None):
    """Three steps through a plain dict or through ParamStores; returns (params, optimizer)."""
    opt = optimizers.create(name, lr=lr)
    if path == "store":
        params = ParamStore([("W", (1, 2)), ("b", (1, 1))])
        params.assign({k: np.array(v) for k, v in START.items()})
        grads = params.zeros_like()
    else:
        params = {k: np.array(v) for k, v in START.items()}
        grads = {k: np.zeros_like(v) for k, v in params.items()}
    for t, g in enumerate(STEPS):
        if change and t == 1:
            for key, value in change.items():
                setattr(opt, key, value)
        for k in grads:
            grads[k][...] = g[k]
        opt.step(params, grads)
    return params, opt


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_flat_and_per_array_paths_agree_with_the_hand_reference(name):
    store, opt = _run(name, "store")
    plain, _ = _run(name, "dict")
    for k in START:
        np.testing.assert_array_equal(store[k], plain[k])  # bit for bit
    grads = np.array([_flat(g) for g in STEPS])
    for i, w0 in enumerate(_flat(START)):
        w, v, s = by_hand(name, w0, list(grads[:, i]), lr=0.05)
        assert store.flat[i] == pytest.approx(w, rel=1e-12)
        if "v" in opt.slots:
            assert opt.flat_states["v"][i] == pytest.approx(v, rel=1e-12)
        if "s" in opt.slots:
            assert opt.flat_states["s"][i] == pytest.approx(s, rel=1e-12)


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_large_stores_give_the_same_result_as_array_by_array(name):
    # Big enough that the flat path works through several cache-sized chunks.
    rng = np.random.default_rng(1)
    shapes = [("W1", (300, 500)), ("b1", (300, 1)), ("W2", (7, 300)), ("b2", (7, 1))]
    store = ParamStore(shapes, "float32")
    store.flat[...] = rng.standard_normal(store.flat.size)
    plain = {k: v.copy() for k, v in store.items()}
    flat_opt, plain_opt = optimizers.create(name, lr=0.01), optimizers.create(name, lr=0.01)
    grads = store.zeros_like()
    for _ in range(3):
        grads.flat[...] = rng.standard_normal(grads.flat.size)
        flat_opt.step(store, grads)
        plain_opt.step(plain, {k: v.copy() for k, v in grads.items()})
    for k, v in plain.items():
        np.testing.assert_array_equal(store[k], v)
        for slot in flat_opt.slots:
            np.testing.assert_array_equal(flat_opt.state[k][slot], plain_opt.state[k][slot])


@pytest.mark.parametrize("name", list(optimizers.REGISTRY))
def test_changing_lr_and_beta_between_steps_takes_effect_at_the_next_step(name):
    key = BETA_KEY[name]
    change = {"lr": 0.2, **({key: 0.5} if key else {})}
    params, _ = _run(name, "store", lr=0.05, change=change)
    grads = np.array([_flat(g) for g in STEPS])
    for i, w0 in enumerate(_flat(START)):
        w, _, _ = by_hand(name, w0, list(grads[:, i]), lr=[0.05, 0.2, 0.2],
                          beta=[0.9, 0.5, 0.5] if key else 0.9)
        assert params.flat[i] == pytest.approx(w, rel=1e-12)


def test_bias_correction_factors_for_the_current_step_or_an_array_of_steps():
    adam, momentum = optimizers.Adam(beta1=0.9, beta2=0.999), optimizers.Momentum(beta=0.5)
    assert adam.correction("v") == 1.0  # no step yet: nothing to correct
    adam.t = momentum.t = 2
    assert adam.correction("v") == pytest.approx(1 / 0.19)  # 1/(1 − 0.9²)
    assert momentum.correction("v") == pytest.approx(1 / 0.75)  # 1/(1 − 0.5²)
    steps = np.array([1, 2, 3])
    np.testing.assert_allclose(adam.correction("v", steps), [10, 1 / 0.19, 1 / 0.271])
    np.testing.assert_allclose(adam.correction("s", steps), [1000, 1 / 0.001999, 1 / 0.002997001])
    np.testing.assert_allclose(momentum.correction("v", steps), [2, 1 / 0.75, 1 / 0.875])
    np.testing.assert_array_equal(optimizers.RMSprop().correction("s", steps), [1, 1, 1])
    np.testing.assert_array_equal(optimizers.GD().correction("v", steps), [1, 1, 1])


def test_state_is_keyed_by_parameter_name_and_bias_corrected_on_request():
    opt = optimizers.Adam(lr=0.1)
    params = {"w": np.array([[1.0]])}
    for g in GRADS:
        opt.step(params, {"w": np.array([[g]])})
    v, s = opt.state["w"]["v"], opt.state["w"]["s"]
    assert v[0, 0] == pytest.approx(-0.049) and s[0, 0] == pytest.approx(0.005244001)
    assert opt.corrected("v", v)[0, 0] == pytest.approx(-0.180812, abs=1e-6)  # v/(1 − 0.9³)
    assert opt.corrected("s", s)[0, 0] == pytest.approx(1.749750, abs=1e-6)
    assert optimizers.GD().state == {}
    assert optimizers.GD().flat_states.get("v") is None


def test_the_flat_path_updates_a_network_in_place(course_spec):
    from visualnet.core import Network

    net = Network.from_spec(course_spec, dtype="float64")
    before = net.params.flat.copy()
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((2, 8)), np.eye(3)[:, rng.integers(0, 3, 8)]
    net.forward(X, training=True)
    grads = net.backward(Y)
    opt = optimizers.Momentum(lr=0.1, beta=0.9)
    opt.step(net.params, grads)
    np.testing.assert_allclose(net.params.flat, before - 0.1 * 0.1 * grads.flat, rtol=1e-12)
    assert opt.state["W1"]["v"].shape == (16, 2)
    assert np.shares_memory(opt.state["W2"]["v"], opt._stores["v"].flat)


def test_float32_state_stays_float32():
    params = ParamStore([("W", (2, 2))], "float32")
    opt = optimizers.Adam()
    opt.step(params, params.zeros_like())
    assert opt.state["W"]["v"].dtype == np.float32 and params.flat.dtype == np.float32


def test_hyperparameters_are_json_and_recreate_the_optimizer():
    for name, cls in optimizers.REGISTRY.items():
        opt = cls(lr=0.3)
        again = optimizers.create(name, **json.loads(json.dumps(opt.hyperparameters)))
        assert type(again) is cls and again.hyperparameters == opt.hyperparameters
    assert optimizers.Adam().hyperparameters == {
        "lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    assert optimizers.Momentum().hyperparameters["bias_correction"] is False
    with pytest.raises(ValueError, match="allowed: gd, momentum, nesterov, rmsprop, adam"):
        optimizers.create("lbfgs")


def test_reset_forgets_state_and_shape_changes_need_it():
    opt = optimizers.RMSprop(lr=0.1)
    opt.step({"w": np.ones((1, 1))}, {"w": np.ones((1, 1))})
    with pytest.raises(ValueError, match="reset"):
        opt.step({"w": np.ones((2, 1))}, {"w": np.ones((2, 1))})
    opt.reset()
    assert opt.t == 0 and opt.state == {}
    params = {"w": np.ones((2, 1))}
    opt.step(params, {"w": np.ones((2, 1))})
    np.testing.assert_allclose(params["w"], 1 - 0.1 / math.sqrt(0.1), rtol=1e-7)


@pytest.mark.parametrize("name", ["momentum", "nesterov", "adam"])
def test_a_velocity_decaying_below_the_normal_range_is_flushed_to_zero(name):
    """A unit whose gradient is exactly 0 from some step on (a dead ReLU): v = β·v decays until
    β·v rounds back to v, a few multiples of 1e-45 in float32, where it stayed for good; x86
    takes a slow path for every operation on such subnormal numbers (Adam's step on the spiral
    net took 6× as long). The optimizer sets them to 0, which changes no update: α·v < 1e-40."""
    params = ParamStore([("W", (4, 1))], "float32")
    grads = params.zeros_like()
    grads["W"][:] = 1.0
    opt = optimizers.create(name, lr=0.01)
    opt.step(params, grads)
    grads["W"][:2] = 0.0  # two units die
    tiny = np.finfo(np.float32).tiny
    for _ in range(2 * optimizers.FLUSH_EVERY + 1200):  # 0.9ᵗ reaches 1e-45 at t ≈ 1000
        opt.step(params, grads)
    v = opt.state["W"]["v"]
    assert np.all((v == 0) | (np.abs(v) >= tiny)), v
    assert np.all(v[:2] == 0) and np.all(v[2:] > 0.5)  # the dead units' v gone, the others kept
