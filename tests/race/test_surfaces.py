"""The built-in surfaces: gradients against central differences, minima, defaults."""

import numpy as np
import pytest

from visualnet.core.race import SURFACES, make
from visualnet.core.race.surface import log_levels
from visualnet.core.race.surfaces import bowl, rotated_bowl

ALL = [factory() for factory in SURFACES.values()] + [bowl(3.0), rotated_bowl(7.0, 65.0)]


def _points(surface, n=12):
    """n seeded points spread over the surface's view box, plus its start."""
    x_min, x_max, y_min, y_max = surface.view
    rng = np.random.default_rng(0)
    xy = rng.uniform((x_min, y_min), (x_max, y_max), size=(n, 2))
    return np.vstack([xy, surface.start])


def _central(surface, x, y, h=1e-6):
    fx = (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h)
    fy = (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h)
    return fx, fy


@pytest.mark.parametrize("surface", ALL, ids=lambda s: s.title)
def test_gradient_matches_central_differences(surface):
    xy = _points(surface)
    x, y = xy[:, 0], xy[:, 1]
    gx, gy = surface.gradient(x, y)
    fx, fy = _central(surface, x, y)
    scale = 1 + np.abs(gx) + np.abs(gy)
    np.testing.assert_allclose(gx / scale, fx / scale, atol=1e-6)
    np.testing.assert_allclose(gy / scale, fy / scale, atol=1e-6)


def test_plateau_gradient_is_right_on_both_sides_of_the_cliff():
    surface = make("plateau")
    x = np.array([-0.2, 0.05, 0.25, 0.45, 0.7, 2.0])
    y = np.full_like(x, 0.3)
    gx, _ = surface.gradient(x, y)
    fx, _ = _central(surface, x, y)
    np.testing.assert_allclose(gx, fx, atol=1e-6)
    assert gx[2] > 1 and abs(gx[-1]) < 0.1  # steep cliff, nearly flat plateau


@pytest.mark.parametrize("surface", [s for s in ALL if s.minima], ids=lambda s: s.title)
def test_known_minima_have_zero_gradient_and_the_stated_value(surface):
    for x, y in surface.minima:
        gx, gy = surface.gradient(np.float64(x), np.float64(y))
        assert abs(gx) < 1e-9 and abs(gy) < 1e-9
        assert surface.value(np.float64(x), np.float64(y)) == pytest.approx(surface.min_value,
                                                                            abs=1e-12)
        # A minimum, not a saddle: every nearby point is higher.
        angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
        ring = surface.value(x + 1e-3 * np.cos(angles), y + 1e-3 * np.sin(angles))
        assert (ring > surface.min_value).all()


def test_stated_minimum_values():
    assert make("rosenbrock").min_value == 0
    assert make("beale").min_value == 0
    assert make("rastrigin").min_value == pytest.approx(0, abs=1e-12)
    assert make("plateau").min_value == pytest.approx(-1)
    himmelblau = make("himmelblau")
    assert len(himmelblau.minima) == 4
    assert max(himmelblau.value(*np.array(himmelblau.minima).T)) < 1e-25


def test_saddles_have_no_minimum():
    for key in ("saddle", "monkey_saddle"):
        surface = make(key)
        assert surface.minima == () and surface.min_value is None
        with pytest.raises(ValueError, match="no known minimum"):
            surface.nearest_minimum(0, 0)


@pytest.mark.parametrize("surface", ALL, ids=lambda s: s.title)
def test_defaults_are_sensible(surface):
    x_min, x_max, y_min, y_max = surface.view
    assert x_min < surface.start[0] < x_max and y_min < surface.start[1] < y_max
    for x, y in surface.minima[:1]:
        assert x_min < x < x_max and y_min < y < y_max
    assert surface.lr > 0 and surface.lr_adaptive > 0
    assert surface.default_lr("gd") == surface.lr == surface.default_lr("momentum")
    assert surface.default_lr("adam") == surface.lr_adaptive == surface.default_lr("rmsprop")


def test_bowl_condition_number_sets_the_shape_and_the_default_lr():
    surface = bowl(10.0)
    gx, gy = surface.gradient(np.float64(1), np.float64(1))
    assert (gx, gy) == (1, 10)
    assert surface.lr == pytest.approx(0.18)  # 1 − α·κ = −0.8: GD zigzags across the valley
    with pytest.raises(ValueError, match=r"condition number κ must be ≥ 1, got 0\.5"):
        bowl(0.5)


def test_grid_is_vectorized_and_indexed_row_y_column_x():
    surface = make("rosenbrock")
    xs, ys, z = surface.grid(50)
    assert z.shape == (50, 50)
    assert z[7, 31] == surface.value(xs[31], ys[7])


def test_nearest_minimum_on_himmelblau():
    surface = make("himmelblau")
    index, distance = surface.nearest_minimum(3.1, 2.0)
    assert index == 0 and distance == pytest.approx(0.1)
    assert surface.nearest_minimum(-3.7, -3.3)[0] == 2


def test_log_levels_are_dense_near_the_minimum():
    levels = log_levels(np.array([[0.0, 1.0], [10.0, np.inf]]), floor=0.0, n=4)
    np.testing.assert_allclose(levels, [0.01, 0.1, 1, 10])


def test_make_rejects_unknown_surfaces_and_parameters():
    with pytest.raises(ValueError, match="unknown surface 'bowel'; allowed: bowl"):
        make("bowel")
    with pytest.raises(ValueError, match="'rosenbrock' takes no parameters; got 'condition'"):
        make("rosenbrock", condition=3)
    assert make("bowl", condition=4).gradient(np.float64(0), np.float64(1))[1] == 4
