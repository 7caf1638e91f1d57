"""Marching squares: the ŷ = 0.5 line of the decision boundary."""

import numpy as np
import pyqtgraph as pg

from visualnet.core.contour import level_segments


def test_the_decision_line_is_pyqtgraphs_isocurve_computed_with_numpy():
    rng = np.random.default_rng(0)
    for shape in [(2, 2), (5, 9), (30, 17)]:
        values = rng.random(shape)
        values[0, 0] = 0.5  # a corner exactly on the level
        x, y = level_segments(values, 0.5)
        ours = sorted(np.round([x[::2], y[::2], x[1::2], y[1::2]], 9).T.tolist())
        theirs = pg.functions.isocurve(values.T, 0.5, connected=False, extendToEdge=True)
        assert ours == sorted(np.round(np.ravel(segment), 9).tolist() for segment in theirs)


def test_a_plane_that_never_crosses_the_level_has_no_line():
    assert len(level_segments(np.zeros((4, 4)), 0.5)[0]) == 0


def test_a_vertical_step_gives_a_vertical_line_halfway_between_the_columns():
    values = np.array([[0.0, 1.0]] * 3)  # rows are y: columns x = 0 (ŷ = 0) and x = 1 (ŷ = 1)
    x, y = level_segments(values, 0.5)
    # pixel centres at x + 0.5: the crossing halfway between them, at x = 1, running from
    # the image's bottom edge (y = 0) to its top (y = 3 rows)
    np.testing.assert_allclose(x, 1.0)
    assert y.min() == 0.0 and y.max() == 3.0
