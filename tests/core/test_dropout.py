"""Inverted dropout: d = (rand < keep_prob); a = a ⊙ d / keep_prob; identity at evaluation."""

import numpy as np
import pytest

DROPOUT = {"type": "dropout", "keep_prob": 0.8}


class FixedRandom:
    """Stands in for the layer's generator: rand is always ``values`` (row-major, repeated)."""

    def __init__(self, values):
        self.values = np.asarray(values)

    def random(self, size=None, dtype=np.float64, out=None):
        out[...] = np.resize(self.values, out.shape)
        return out


def test_mask_is_rand_less_than_keep_prob(identity_net):
    net = identity_net(6, DROPOUT, {"type": "linear"})
    layer = net.dropout_layers[0]
    # 0.8 itself is dropped: the rule is strictly rand < keep_prob.
    layer.rng = FixedRandom([0.1, 0.5, 0.79, 0.8, 0.81, 0.95])
    X = np.full((6, 1), 2.0)
    A = net.forward(X, training=True)
    np.testing.assert_array_equal(layer.mask[:, 0], [True, True, True, False, False, False])
    np.testing.assert_allclose(A[:, 0], [2.5, 2.5, 2.5, 0, 0, 0])  # 2 / 0.8 = 2.5


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("keep_prob", [0.8, 0.5, 0.2])
def test_dropout_keeps_the_mean_and_drops_one_minus_keep_prob(identity_net, keep_prob, dtype):
    net = identity_net(200, {"type": "dropout", "keep_prob": keep_prob}, {"type": "linear"},
                       dtype=dtype)
    X = np.ones((200, 500))
    A = net.forward(X, training=True)
    dropped = np.mean(A == 0)
    # 100 000 units: the dropped fraction is within 0.01 of 1 − keep_prob (≥ 6 std errors).
    assert dropped == pytest.approx(1 - keep_prob, abs=0.01)
    assert A.mean() == pytest.approx(1.0, abs=0.03)
    assert set(np.unique(A)) == {0.0, np.float32(1 / keep_prob)}
    np.testing.assert_array_equal(net.dropout_layers[0].mask, A != 0)


def test_evaluation_is_the_identity(identity_net):
    net = identity_net(50, DROPOUT, {"type": "linear"})
    X = np.random.default_rng(0).standard_normal((50, 40))
    np.testing.assert_array_equal(net.forward(X, training=False), X)
    np.testing.assert_array_equal(net.predict(X), X)


def test_last_mask_is_readable_and_changes_every_step(identity_net):
    net = identity_net(30, DROPOUT, {"type": "linear"})
    layer = net.dropout_layers[0]
    assert layer.mask is None
    X = np.ones((30, 20))
    first = net.forward(X, training=True)
    mask1 = layer.mask.copy()
    assert mask1.shape == (30, 20) and mask1.dtype == np.bool_
    net.forward(X, training=False)  # evaluation leaves the last training mask alone
    np.testing.assert_array_equal(layer.mask, mask1)
    second = net.forward(X, training=True)
    assert not np.array_equal(layer.mask, mask1)
    np.testing.assert_array_equal(first != 0, mask1)
    np.testing.assert_array_equal(second != 0, layer.mask)


def test_changing_keep_prob_takes_effect_at_the_next_step(identity_net):
    net = identity_net(100, DROPOUT, {"type": "linear"})
    X = np.ones((100, 200))
    assert np.mean(net.forward(X, training=True) == 0) == pytest.approx(0.2, abs=0.02)
    net.dropout_layers[0].keep_prob = 0.5
    A = net.forward(X, training=True)
    assert np.mean(A == 0) == pytest.approx(0.5, abs=0.02)
    assert A.max() == 2.0
    net.dropout_layers[0].keep_prob = 1.0
    np.testing.assert_array_equal(net.forward(X, training=True), X)
    assert net.spec["layers"][1] == {"type": "dropout", "keep_prob": 1.0}


def test_backward_passes_gradient_only_through_kept_units(identity_net):
    # Linear output with squared error: dA = 2(Ŷ − Y)/m. Back through dropout:
    # dZ[1] = dA ⊙ d / keep_prob, so db1 = Σ_columns dZ[1].
    net = identity_net(4, {"type": "dropout", "keep_prob": 0.5}, {"type": "linear"})
    # rand fills row by row: rows 1 and 3 are kept, rows 2 and 4 dropped
    net.dropout_layers[0].rng = FixedRandom([0.1, 0.1, 0.9, 0.9])
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
    A = net.forward(X, training=True)
    np.testing.assert_array_equal(A, [[2, 4], [0, 0], [10, 12], [0, 0]])
    grads = net.backward(np.zeros((4, 2)))
    # row 1: dA = 2·[2, 4]/2 = [2, 4], times 1/0.5 → Σ = 12; row 3: 2·[10, 12]/2·2 → 44
    np.testing.assert_allclose(grads["b1"][:, 0], [12, 0, 44, 0])


def test_dropout_disabled_passes_activations_through_while_training(identity_net):
    net = identity_net(10, DROPOUT, {"type": "linear"})
    X = np.ones((10, 10))
    with net.dropout_disabled():
        np.testing.assert_array_equal(net.forward(X, training=True), X)
    assert net.dropout_layers[0].enabled
    assert np.any(net.forward(X, training=True) == 0)
