"""The race view's Qt-free helpers: contours, heat map, arrows and scales, step parts, pace."""

import math

import numpy as np
import pytest
from pydantic import ValidationError

from visualnet.core.race import Entry, make, run
from visualnet.core.race.contours import contour_set, heat, isolines
from visualnet.core.race.geometry import (
    arrow,
    box,
    fit_scale,
    gap,
    grid_cells,
    grid_shape,
    trail_segments,
    uncrowded,
    visible_scale,
)
from visualnet.core.race.playback import Pace, speed_at, speed_text
from visualnet.core.race.settings import RaceSettings
from visualnet.core.race.steps import PHASES, phases, step_parts

# --- contours ----------------------------------------------------------------------------------


def _circle_grid(n=81):
    xs = ys = np.linspace(-2, 2, n)
    x, y = np.meshgrid(xs, ys)
    return xs, ys, x * x + y * y


def test_isolines_of_a_paraboloid_are_circles():
    xs, ys, z = _circle_grid()
    points = isolines(xs, ys, z, 1.0)
    assert points.shape[0] > 50 and points.shape[0] % 2 == 0
    # Linear interpolation of r² is exact along the axes; elsewhere within a cell's size.
    np.testing.assert_allclose(np.hypot(*points.T), 1.0, atol=2e-3)
    segments = points.reshape(-1, 2, 2)
    assert (np.hypot(*(segments[:, 1] - segments[:, 0]).T) < 0.1).all()


def test_isolines_outside_the_range_and_on_non_finite_cells_are_empty():
    xs, ys, z = _circle_grid(11)
    assert isolines(xs, ys, z, 100.0).shape == (0, 2)
    z[:] = np.nan
    assert isolines(xs, ys, z, 1.0).shape == (0, 2)


def test_isolines_split_a_saddle_cell_by_its_centre():
    xs = ys = np.array([0.0, 1.0])
    z = np.array([[1.0, -1.0], [-1.0, 1.0]])  # z[i, j] = f(xs[j], ys[i]): (0, 0), (1, 1) high
    # Centre above the level, like the high corners: the segments cut off the low ones.
    joined = isolines(xs, ys, z + 0.5, 0.0).reshape(-1, 2, 2)
    np.testing.assert_allclose(joined, [[[0.75, 0], [1, 0.25]], [[0.25, 1], [0, 0.75]]])
    # Centre below: the high corners (0, 0) and (1, 1) are cut off instead.
    cut = isolines(xs, ys, z - 0.5, 0.0).reshape(-1, 2, 2)
    np.testing.assert_allclose(cut, [[[0.25, 0], [0, 0.25]], [[1, 0.75], [0.75, 1]]])


def test_contour_set_levels_are_log_spaced_above_the_minimum():
    s = make("bowl")
    xs, ys, z = s.grid(60)
    levels = contour_set(xs, ys, z, s.min_value, n=8)
    values = np.array([level for level, _ in levels])
    ratios = np.diff(np.log(values - s.min_value))
    np.testing.assert_allclose(ratios, ratios[0])
    assert all(points.ndim == 2 and points.shape[1] == 2 for _, points in levels)


def test_heat_is_log_of_the_gap_with_the_lowest_levels_offset():
    z = np.array([[0.0, 9.0], [99.9, np.inf]])
    h = heat(z, 0.0)
    delta = 99.9 * 1e-3
    np.testing.assert_allclose(h[0], np.log10([delta, 9 + delta]))
    assert np.isnan(h[1, 1])
    assert heat(np.full((2, 2), 3.0), None).tolist() == [[0.0, 0.0], [0.0, 0.0]]


# --- geometry ----------------------------------------------------------------------------------


def test_arrow_head_is_sized_on_screen_and_heading_follows_the_screen():
    a = arrow((1.0, 2.0), (0.5, 0.0), pixel=(0.01, 0.001), head=10)
    np.testing.assert_allclose(a.tip, (1.5, 2.0))
    np.testing.assert_allclose(a.shaft, [[1.0, 2.0], [1.4, 2.0]])  # 50 px long, 10 px head
    assert a.heading == 0.0
    up = arrow((0, 0), (0.01, 0.01), pixel=(0.01, 0.001))  # 1 px right, 10 px up on screen
    assert up.heading == pytest.approx(math.degrees(math.atan2(10, 1)))
    short = arrow((0, 0), (0.02, 0), pixel=(0.01, 0.01), head=10)
    np.testing.assert_allclose(short.shaft, [[0, 0], [0, 0]])
    assert arrow((0, 0), (0, 0), (1, 1)) is None
    assert arrow((0, 0), (np.nan, 1), (1, 1)) is None


def test_fit_scale_shares_one_factor_and_visible_scale_clamps():
    k = fit_scale([(3.0, 0.0), None, (0.0, 4.0)], pixel=(1.0, 0.5), length=80)
    assert k == pytest.approx(80 / 8)  # (0, 4) is 8 px on screen, the longest
    assert fit_scale([None, (0.0, 0.0)], (1, 1), 80) is None
    assert visible_scale((30.0, 40.0), (1, 1), 20, 100) == 1.0
    assert visible_scale((3.0, 4.0), (1, 1), 20, 100) == pytest.approx(4.0)
    assert visible_scale((300.0, 400.0), (1, 1), 20, 100) == pytest.approx(0.2)
    assert visible_scale((3.0, 4.0), (1, 1), 20, 100, short=30) == pytest.approx(6.0)


def test_uncrowded_keeps_labels_apart_on_screen():
    points = [(0.0, 0.0), (0.05, 0.0), None, (0.0, 0.3), (0.5, 0.5), (np.nan, 0)]
    # pixel: x 0.01, y 0.1 per pixel; (0.05, 0) is 5 px from the first, (0, 0.3) is 3 px.
    assert uncrowded(points, (0.01, 0.1), radius=10) == [True, False, False, False, True, False]
    assert uncrowded(points, (0.01, 0.1), radius=2) == [True, True, False, True, True, False]


def test_trail_segments_drop_steps_inside_a_pixel_and_repeated_ones():
    path = np.array([[0.0, 0.0], [1.0, 0.0], [1.0001, 0.0], [0.0, 0.0], [1.0, 0.0],
                     [1.0, 1.0], [1.0, 1.0 + 1e-9], [-1e-9, 1e-9], [1e-9, -1e-9]])
    segments = trail_segments(path, pixel=(0.1, 0.1))
    # 0→1, then 1→1.0001 (same pixel), 1.0001→0 and 0→1 (the same two pixels again),
    # 1→(1, 1), a step inside that pixel, (1, 1)→0, and a sign flip around 0 (one pixel).
    np.testing.assert_array_equal(segments.reshape(-1, 2, 2), [
        [[0, 0], [1, 0]], [[1, 0], [1, 1]], [[1, 1 + 1e-9], [-1e-9, 1e-9]]])
    assert trail_segments(path[:1], (1, 1)).shape == (0, 2)


def test_box_grid_shape_and_gap():
    np.testing.assert_allclose(box((1, 2), (0.5, 0.25))[[0, 2, 4]],
                               [[0.5, 1.75], [1.5, 2.25], [0.5, 1.75]])
    assert [grid_shape(n) for n in (0, 1, 2, 3, 4, 5, 7, 9)] == [
        (0, 0), (1, 1), (1, 2), (2, 2), (2, 2), (2, 3), (3, 3), (3, 3)]
    assert grid_shape(2, wide=True) == (2, 1)
    assert grid_cells(3, (-1, 1, -1, 1)) == [(0, 0), (0, 1), (1, 0)]
    assert grid_cells(2, (-2, 2, -0.6, 0.6)) == [(0, 0), (1, 0)]
    np.testing.assert_allclose(gap(np.array([5.0, 1.0, 1.0 + 1e-20]), 1.0, 4.0),
                               [4.0, 4e-12, 4e-12])


# --- the parts of a step -----------------------------------------------------------------------


def test_step_parts_read_what_each_update_used():
    race = run(make("bowl"), ["gd", "momentum", Entry("momentum", {"bias_correction": True}),
                              "rmsprop", "adam"], 5)
    t = 3
    gd, momentum, corrected, rmsprop, adam = (step_parts(race.trajectory(i), t)
                                              for i in range(5))
    for parts, i in zip((gd, momentum, corrected, rmsprop, adam), range(5), strict=True):
        tr = race.trajectory(i)
        np.testing.assert_array_equal(parts.gradient, tr.gradient[t])
        np.testing.assert_array_equal(parts.update, tr.update[t])
        np.testing.assert_array_equal(parts.origin, tr.position[t - 1])
        np.testing.assert_array_equal(parts.end, tr.position[t])
    assert gd.velocity is None and gd.root is None
    assert [gd.has(phase) for phase in PHASES] == [True, False, False, True]
    assert all(adam.has(phase) for phase in PHASES)
    np.testing.assert_array_equal(momentum.velocity, race.trajectory(1).v[t])
    assert not momentum.corrected and corrected.corrected
    np.testing.assert_array_equal(corrected.velocity, race.trajectory(2).v_hat[t])
    np.testing.assert_allclose(rmsprop.root, np.sqrt(race.trajectory(3).s[t]))
    np.testing.assert_array_equal(adam.velocity, race.trajectory(4).v_hat[t])
    np.testing.assert_allclose(adam.root, np.sqrt(race.trajectory(4).s_hat[t]))
    assert adam.root_corrected and not rmsprop.root_corrected
    # Adam's update is −α·v̂/(√ŝ + ε), axis by axis.
    lr = race.entries[4].hyperparameters["lr"]
    np.testing.assert_allclose(adam.update, -lr * adam.velocity / (adam.root + 1e-8))


def test_step_parts_of_steps_not_taken_are_none():
    race = run(make("bowl"), [Entry("gd", {"lr": 0.06})], 30)  # y grows 1.4× a step
    tr = race.trajectory(0)
    assert tr.diverged_at is not None
    assert step_parts(tr, 0) is None
    assert step_parts(tr, tr.diverged_at) is None
    assert tr.settled > 1 and step_parts(tr, tr.settled) is not None


# --- playback and settings ---------------------------------------------------------------------


def test_speed_positions_and_pace():
    assert speed_at(-10) == pytest.approx(0.1) and speed_at(0) == 1 and speed_at(10) == 10
    assert speed_at(99) == 10
    assert [speed_text(s) for s in (0.1, 1.0, 2.5, 10.0)] == ["0.1×", "1×", "2.5×", "10×"]
    pace = Pace(per_second=6, fps=30)
    steps = [pace.tick(1.0) for _ in range(30)]
    assert steps[0] == 1 and sum(steps) == 6  # the first tick answers at once; 6 a second
    pace.reset()
    assert sum(pace.tick(10.0) for _ in range(30)) == 60
    pace.reset()
    assert pace.tick(1.0, seconds=0.2) == 2  # a late frame catches up
    assert pace.tick(1.0, seconds=5.0) == 1  # … at most a quarter of a second's worth


def test_race_settings_refuse_out_of_range_values():
    settings = RaceSettings()
    assert (settings.steps, settings.noise, settings.seed) == (1000, 0.0, 0)
    with pytest.raises(ValidationError):
        settings.noise = -1
    with pytest.raises(ValidationError):
        RaceSettings(steps=0)


def test_phases_are_the_parts_some_racer_has():
    assert phases(["gd"]) == ("gradient", "step")
    assert phases(["gd", "momentum"]) == ("gradient", "velocity", "step")
    assert phases(["rmsprop", "gd"]) == ("gradient", "scale", "step")
    assert phases(["adam"]) == PHASES
