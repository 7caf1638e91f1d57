"""The built-in sets: shapes, classes, ranges, determinism, and what noise does."""

import numpy as np
import pytest

from visualnet.core.data import synthetic

PLANAR = ["flower", "moons", "circles", "xor"]
WITH_CLASSES = ["spiral", "blobs"]


def make(name, n=200, noise=0.2, seed=0, classes=3):
    if name in WITH_CLASSES:
        return getattr(synthetic, name)(n, noise, classes, seed)
    return getattr(synthetic, name)(n, noise, seed)


@pytest.mark.parametrize("name", PLANAR + WITH_CLASSES)
def test_planar_sets_have_shapes_classes_and_a_plot_friendly_range(name):
    data = make(name, n=301)
    classes = 3 if name in WITH_CLASSES else 2
    assert data.X.shape == (2, 301) and data.X.dtype == np.float64
    assert data.labels.shape == (301,)
    assert data.class_names == [f"class {c}" for c in range(classes)]
    counts = np.bincount(data.labels)
    assert len(counts) == classes and counts.max() - counts.min() <= 1
    assert np.abs(data.X).max() < 6 and np.percentile(np.abs(data.X), 99) < 4.5
    assert data.is_planar and data.task == ("binary" if classes == 2 else "multiclass")


@pytest.mark.parametrize("name", PLANAR + WITH_CLASSES + ["sine"])
def test_same_seed_same_data_other_seed_other_data(name):
    a, b, c = make(name, seed=5), make(name, seed=5), make(name, seed=6)
    np.testing.assert_array_equal(a.X, b.X)
    assert not np.array_equal(a.X, c.X)


@pytest.mark.parametrize("name", PLANAR + WITH_CLASSES + ["sine"])
def test_noise_moves_the_points_more_as_it_grows(name):
    def moved(noise):
        def values(d):
            return d.X if d.targets is None else d.targets  # sine's noise is on y

        return np.abs(values(make(name, noise=noise)) - values(make(name, noise=0.0))).mean()

    assert 0 < moved(0.05) < moved(0.3)


def test_flower_without_noise_lies_on_the_rose_and_classes_alternate_by_petal():
    data = synthetic.flower(400, 0.0, 0)
    x1, x2 = data.X
    r, theta = np.hypot(x1, x2), np.arctan2(x1, x2)  # x = (r sin θ, r cos θ)
    np.testing.assert_allclose(r, np.abs(4 * np.sin(4 * theta)), atol=1e-9)
    # the petal pointing along θ = π/8 is class 0, its neighbour at θ = 3π/8 class 1
    petal = lambda t: np.abs(np.angle(np.exp(1j * (theta - t)))) < 0.1  # noqa: E731
    assert set(data.labels[petal(np.pi / 8) & (r > 1)]) == {0}
    assert set(data.labels[petal(3 * np.pi / 8) & (r > 1)]) == {1}


def test_circles_without_noise_are_two_rings():
    data = synthetic.circles(100, 0.0, 0)
    radius = np.hypot(*data.X)
    np.testing.assert_allclose(radius[data.labels == 0], 3.0)
    np.testing.assert_allclose(radius[data.labels == 1], 1.5)


def test_moons_without_noise_are_two_half_circles():
    data = synthetic.moons(100, 0.0, 0)
    P = data.X / 2 + np.array([[0.5], [0.25]])
    upper, lower = P[:, data.labels == 0], P[:, data.labels == 1]
    np.testing.assert_allclose(np.hypot(*upper), 1.0)
    np.testing.assert_allclose(np.hypot(1 - lower[0], 0.5 - lower[1]), 1.0)
    assert (upper[1] >= 0).all() and (lower[1] <= 0.5).all()


def test_xor_without_noise_labels_by_the_signs():
    data = synthetic.xor(200, 0.0, 0)
    same_sign = np.sign(data.X[0]) == np.sign(data.X[1])
    np.testing.assert_array_equal(data.labels, same_sign.astype(int))


@pytest.mark.parametrize("arms", [2, 5])
def test_spiral_has_one_arm_per_class(arms):
    data = synthetic.spiral(100, 0.0, arms, 0)
    assert data.task == ("binary" if arms == 2 else "multiclass")
    assert len(data.class_names) == arms
    # at the outer end of each arm (r = 1): θ = 2πk/K + 4
    for k in range(arms):
        end = data.X[:, data.labels == k][:, -1]
        angle = 2 * np.pi * k / arms + 4
        np.testing.assert_allclose(end, 3 * np.array([np.cos(angle), np.sin(angle)]), atol=1e-12)


def test_blobs_without_noise_sit_on_their_centres():
    data = synthetic.blobs(40, 0.0, 4, 0)
    centres = 3 * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]], float).T
    np.testing.assert_allclose(data.X, centres[:, data.labels], atol=1e-12)


def test_sine_is_a_one_input_regression():
    data = synthetic.sine(150, 0.0, 0)
    assert data.X.shape == (1, 150) and data.targets.shape == (1, 150)
    assert data.labels is None and data.task == "regression" and not data.is_planar
    np.testing.assert_allclose(data.targets, np.sin(data.X))
    assert np.abs(data.X).max() <= np.pi
