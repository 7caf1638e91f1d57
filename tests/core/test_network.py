"""The network from a spec: dtypes, seeds, parameter order, input checks, state."""

import numpy as np
import pytest

from visualnet.core import Network, minibatches, optimizers


def _data(seed=0, m=64):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = np.eye(3)[:, (X[0] > 0).astype(int) + (X[1] > 0.5).astype(int)]
    return X, Y


def _train(spec, seed, steps=4, dtype="float32"):
    """A few epochs of mini-batch Adam with L2; returns (net, costs, last dropout mask)."""
    net = Network.from_spec(spec, seed=seed, dtype=dtype)
    X, Y = _data()
    opt, rng, costs = optimizers.Adam(lr=0.01), np.random.default_rng(seed), []
    for _ in range(steps):
        for Xt, Yt in minibatches(X, Y, 16, rng):
            costs.append(net.cost(net.forward(Xt, training=True), Yt, l2=0.1))
            opt.step(net.params, net.backward(Yt, l2=0.1))
    return net, costs, net.dropout_layers[0].mask.copy()


def test_float32_by_default_and_float64_on_request(course_spec):
    X, Y = _data()
    for dtype, net in (("float32", Network.from_spec(course_spec)),
                       ("float64", Network.from_spec(course_spec, dtype="float64"))):
        assert net.params.flat.dtype == dtype and net.grads.flat.dtype == dtype
        assert net.forward(X, training=True).dtype == dtype
        assert net.backward(Y).flat.dtype == dtype
        assert net.batchnorm_layers[0].running_var.dtype == dtype
    with pytest.raises(ValueError, match="float32, float64"):
        Network.from_spec(course_spec, dtype="float16")


def test_the_same_seed_gives_bit_identical_runs(course_spec):
    net1, costs1, mask1 = _train(course_spec, seed=7)
    net2, costs2, mask2 = _train(course_spec, seed=7)
    assert costs1 == costs2
    assert net1.params.flat.tobytes() == net2.params.flat.tobytes()
    np.testing.assert_array_equal(mask1, mask2)
    np.testing.assert_array_equal(net1.buffers()["running_var1"], net2.buffers()["running_var1"])
    _, costs3, mask3 = _train(course_spec, seed=8)
    assert costs3 != costs1 and not np.array_equal(mask3, mask1)


def test_float32_and_float64_start_from_the_same_weights(course_spec):
    w32 = Network.from_spec(course_spec, seed=3).params.flat
    w64 = Network.from_spec(course_spec, seed=3, dtype="float64").params.flat
    np.testing.assert_array_equal(w32, w64.astype(np.float32))


def test_training_lowers_the_cost(course_spec):
    _, costs, _ = _train(course_spec, seed=0, steps=30)
    assert np.mean(costs[-4:]) < 0.5 * np.mean(costs[:4])


def test_params_are_ordered_input_to_output_and_grads_match(course_spec):
    net = Network.from_spec(course_spec)
    assert list(net.params) == ["W1", "gamma1", "beta1", "W2", "b2"]
    assert net.param_count == 32 + 16 + 16 + 48 + 3
    X, Y = _data()
    A = net.forward(X, training=True)
    assert A.shape == (3, 64)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-6)
    grads = net.backward(Y)
    assert [(k, v.shape) for k, v in grads.items()] == [(k, v.shape) for k, v in net.params.items()]
    assert np.shares_memory(net.params["W2"], net.params.flat)
    assert [la.kind for la in net.dense_layers] == ["dense", "dense"]
    assert net.output == "softmax" and net.loss_name == "categorical cross-entropy"


def test_an_evaluation_between_forward_and_backward_changes_no_gradient(course_spec):
    # The app evaluates the dev set between steps; backward must still see the training pass.
    X, Y = _data()
    plain, interrupted = (Network.from_spec(course_spec, seed=4, dtype="float64") for _ in "12")
    plain.forward(X, training=True)
    interrupted.forward(X, training=True)
    interrupted.predict(X)
    interrupted.predict(X[:, :5])
    np.testing.assert_array_equal(interrupted.backward(Y).flat, plain.backward(Y).flat)


def test_x_with_the_wrong_rows_names_input_dim(course_spec):
    net = Network.from_spec(course_spec)
    with pytest.raises(ValueError, match=r"input_dim.*2.*got \(3, 5\)"):
        net.forward(np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"\(2, m\)"):
        net.forward(np.zeros(2))
    with pytest.raises(ValueError, match="m = 0"):
        net.forward(np.zeros((2, 0)))


def test_y_with_the_wrong_shape_and_backward_before_forward(course_spec):
    net = Network.from_spec(course_spec)
    with pytest.raises(ValueError, match="forward"):
        net.backward(np.zeros((3, 4)))
    X, Y = _data()
    A = net.forward(X, training=True)
    with pytest.raises(ValueError, match=r"\(3, 64\)"):
        net.cost(A, Y[:2])
    with pytest.raises(ValueError, match=r"\(3, 64\)"):
        net.backward(Y[:, :10])


def test_state_dict_round_trip_copy_and_reset(course_spec):
    X, _ = _data()
    net, _, _ = _train(course_spec, seed=1)
    twin = Network.from_spec(course_spec, seed=99)
    twin.load_state_dict(net.state_dict())
    np.testing.assert_array_equal(twin.predict(X), net.predict(X))
    copy64 = net.copy(dtype="float64")
    assert copy64.dtype == np.float64
    np.testing.assert_allclose(copy64.predict(X), net.predict(X), rtol=1e-5, atol=1e-6)
    copy64.params.flat[...] = 0
    assert net.params.flat.any()
    fresh = Network.from_spec(course_spec, seed=1)
    net.reset_parameters()
    np.testing.assert_array_equal(net.params.flat, fresh.params.flat)
    np.testing.assert_array_equal(net.buffers()["running_mean1"], 0)


def test_spec_round_trips_with_defaults_filled_in(course_spec):
    net = Network.from_spec(course_spec)
    again = Network.from_spec(net.spec)
    assert again.spec == net.spec
    np.testing.assert_array_equal(again.params.flat, net.params.flat)
