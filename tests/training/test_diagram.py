"""The network diagram's numbers: columns, places, link strengths, maps, levels and texts."""

import numpy as np
import pytest

from visualnet.core import diagram
from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.diagram import Column
from visualnet.core.visualize import PlaneGrid

STACK = [
    {"type": "dense", "units": 3}, {"type": "batchnorm"}, {"type": "relu"},
    {"type": "dropout", "keep_prob": 0.5},
    {"type": "dense", "units": 20},
    {"type": "dense", "units": 2}, {"type": "tanh"}, {"type": "softmax"},
]


def test_columns_are_the_inputs_then_each_dense_layer_after_its_last_activation():
    cols = diagram.columns(STACK, ["x₁", "x₂"])
    assert [(c.number, c.kind, c.units, c.shown, c.map_index, c.is_output) for c in cols] == [
        (0, "input", 2, 2, None, False),
        (1, "relu", 3, 3, 0, False),
        (2, "linear", 20, 16, None, False),  # no activation follows: a = z, no map
        (3, "softmax", 2, 2, 2, True),  # tanh (map 1) then softmax (map 2): the last one
    ]
    assert cols[2].more == 4
    assert [c.weight_name for c in cols] == [None, "W1", "W2", "W3"]
    assert [c.title for c in cols] == ["Input", "Layer 1", "Layer 2", "Output"]
    assert [c.size_text for c in cols] == ["2 features", "3 units", "20 units", "2 units"]
    assert [c.label for c in cols] == ["input", "ReLU", "linear", "softmax"]


def test_unit_names_count_from_zero_like_the_rows_of_W():
    cols = diagram.columns(STACK, ["x₁", "x₂"])
    assert cols[0].unit_name(1) == "x₂"
    assert cols[1].unit_name(2) == "a[1]₂"
    assert cols[2].unit_name(13) == "a[2]₁₃"


def test_node_centres_put_unit_0_on_top_and_centre_each_column():
    cols = diagram.columns(STACK, ["x₁", "x₂"], max_units=4)
    centres = diagram.node_centres(cols)
    # inputs: 2 nodes ROW = 1.4 apart around 0; layer 1: 3 nodes; outputs are 1.6 wide, so
    # their centres are 1.4 + 0.6 = 2.0 apart.
    np.testing.assert_allclose(centres[0], [[0, 0.7], [0, -0.7]])
    np.testing.assert_allclose(centres[1], [[3.6, 1.4], [3.6, 0], [3.6, -1.4]])
    np.testing.assert_allclose(centres[2][:, 1], [2.1, 0.7, -0.7, -2.1])
    np.testing.assert_allclose(centres[3], [[10.8, 1.0], [10.8, -1.0]])
    assert diagram.node_bounds(cols) == pytest.approx((-0.5, -2.6, 10.8 + 0.8, 2.6))


def test_columns_spread_out_when_a_tall_column_would_leave_the_diagram_narrow():
    cols = diagram.columns(STACK, ["x₁", "x₂"])  # layer 2 shows 16 units
    tallest = 15 * 1.4 + 1.0  # 16 nodes 1.4 apart, plus half a node above and below
    step = diagram.ASPECT * tallest / 3  # 4 columns: 3 gaps
    assert diagram.pitch(cols) == pytest.approx(step)
    assert [c[0, 0] for c in diagram.node_centres(cols)] == pytest.approx([0, step, 2 * step,
                                                                           3 * step])
    assert diagram.pitch(cols[:1]) == diagram.PITCH


def test_view_rect_fits_the_nodes_at_one_scale_with_pixel_margins_for_text():
    cols = diagram.columns([{"type": "dense", "units": 1}, {"type": "sigmoid"}], ["x₁"])
    # nodes: input [−0.5, 0.5]², output 1.6 wide at x = 3.6: x in [−0.5, 4.4], y in [−0.8, 0.8]
    assert diagram.node_bounds(cols) == pytest.approx((-0.5, -0.8, 4.4, 0.8))
    # 600 × 300 px, margins left 50, top 40, right 10, bottom 20: room 540 × 240 px; the
    # height limits: s = 240 / 1.6 = 150 px per unit; the nodes (4.9 × 150 = 735 px) would not
    # fit the width, so the width limits instead: s = 540 / 4.9.
    s = 540 / 4.9
    x, y, w, h = diagram.view_rect(cols, 600, 300, (50, 40, 10, 20))
    assert (w, h) == pytest.approx((600 / s, 300 / s))
    assert x == pytest.approx(-0.5 - 50 / s)  # the left margin, then the nodes
    spare = (240 - 1.6 * s) / 2  # vertical room left over, split above and below
    assert y == pytest.approx(-0.8 - (20 + spare) / s)
    assert y + h == pytest.approx(0.8 + (40 + spare) / s)


def test_link_strengths_are_weights_over_the_largest_magnitude_of_any_layer():
    weights = {"W1": np.array([[0.5, -2.0], [1.0, 0.25]]), "W2": np.array([[-1.0, 0.5]])}
    scale = diagram.weight_scale(weights)
    assert scale == 2.0
    inputs = Column(0, "input", 2, 2)
    hidden = Column(1, "relu", 2, 2)
    np.testing.assert_allclose(diagram.link_strengths(weights["W1"], hidden, inputs, scale),
                               [[0.25, -1.0], [0.5, 0.125]])
    shown_one = Column(1, "relu", 2, 1)
    np.testing.assert_allclose(diagram.link_strengths(weights["W1"], shown_one, inputs, 0.5),
                               [[1.0, -1.0]])  # clipped to [−1, 1]
    assert diagram.weight_scale({}) == 1.0
    assert diagram.weight_scale({"W1": np.zeros((2, 2))}) == 1.0


def test_input_maps_are_the_normalized_features_over_the_plane():
    grid = PlaneGrid(-1.0, 1.0, -1.0, 1.0, 3)  # x and y in {−1, 0, 1}
    pre = Preprocessor(["x1_squared"], mean=np.array([[1.0], [0.0], [0.0]]),
                       var=np.array([[4.0], [1.0], [1.0]]))
    maps = diagram.input_maps(pre, grid)
    assert maps.shape == (3, 3, 3)
    np.testing.assert_allclose(maps[0], [[-1, -0.5, 0]] * 3)  # (x₁ − 1)/2, along columns
    np.testing.assert_allclose(maps[1], [[-1] * 3, [0] * 3, [1] * 3])  # x₂ grows with rows
    np.testing.assert_allclose(maps[2], [[1, 0, 1]] * 3)  # x₁²


def test_column_maps_pick_the_units_snapshot_maps_or_none():
    cols = diagram.columns(STACK, ["x₁", "x₂"], max_units=2)
    unit_maps = [np.full((3, 4, 4), 1.0), np.full((2, 4, 4), 2.0), np.full((2, 4, 4), 3.0)]
    inputs = np.zeros((2, 4, 4))
    assert np.shares_memory(diagram.column_maps(cols[0], unit_maps, inputs), inputs)
    assert diagram.column_maps(cols[1], unit_maps, inputs).shape == (2, 4, 4)  # capped to 2
    assert diagram.column_maps(cols[2], unit_maps, inputs) is None
    assert diagram.column_maps(cols[3], unit_maps, inputs)[0, 0, 0] == 3.0
    assert diagram.column_maps(cols[0], unit_maps, None) is None
    assert diagram.column_maps(cols[1], [], inputs) is None
    outputs = np.full((2, 8, 8), 4.0)  # the output column takes the finer output maps
    assert diagram.column_maps(cols[3], unit_maps, inputs, outputs)[0, 0, 0] == 4.0
    assert diagram.column_maps(cols[3], unit_maps, inputs, outputs[:1])[0, 0, 0] == 3.0


def test_output_maps_put_the_output_units_first():
    one = np.arange(4.0).reshape(2, 2)
    np.testing.assert_array_equal(diagram.output_maps(one), [one])
    softmax = np.stack([one, 10 + one, 20 + one], axis=-1)  # (res, res, C)
    maps = diagram.output_maps(softmax)
    assert maps.shape == (3, 2, 2)
    np.testing.assert_array_equal(maps[2], 20 + one)
    assert diagram.output_maps(None) is None


def test_levels_are_fixed_for_bounded_activations_and_shared_or_per_input_otherwise():
    maps = np.array([[[0.0, 3.0]], [[0.5, 1.0]]])  # two units, 1 × 2 maps
    np.testing.assert_array_equal(diagram.map_levels("tanh", maps), [[-1, 1], [-1, 1]])
    np.testing.assert_array_equal(diagram.map_levels("sigmoid", maps), [[0, 1], [0, 1]])
    np.testing.assert_array_equal(diagram.map_levels("softmax", maps), [[0, 1], [0, 1]])
    np.testing.assert_array_equal(diagram.map_levels("relu", maps), [[-3, 3], [-3, 3]])
    np.testing.assert_array_equal(diagram.map_levels("input", -maps), [[-3, 3], [-1, 1]])
    flat = np.zeros((1, 2, 2))
    np.testing.assert_array_equal(diagram.map_levels("linear", flat), [[-1, 1]])
    broken = np.array([[[np.nan, -2.0]]])
    np.testing.assert_array_equal(diagram.map_levels("leaky_relu", broken), [[-2, 2]])


def test_fits_checks_every_weight_shape_and_map_count():
    cols = diagram.columns([*STACK[:3], {"type": "dense", "units": 1}, {"type": "sigmoid"}],
                           ["x₁", "x₂"])
    weights = {"W1": np.zeros((3, 2)), "W2": np.zeros((1, 3))}
    maps = [np.zeros((3, 5, 5)), np.zeros((1, 5, 5))]
    assert diagram.fits(cols, weights, maps)
    assert diagram.fits(cols, weights, [])  # not 2-D data: no maps at all
    assert not diagram.fits(cols, {"W1": np.zeros((4, 2)), "W2": np.zeros((1, 4))}, maps)
    assert not diagram.fits(cols, {"W1": np.zeros((3, 2))}, maps)
    assert not diagram.fits(cols, weights, maps[:1])


def test_hover_texts_name_the_unit_and_the_weight_with_its_ends():
    cols = diagram.columns(STACK, ["x₁", "x₂"])
    assert diagram.node_text(cols[0], 0) == "x₁, input"
    assert diagram.node_text(cols[1], 2) == "a[1]₂, ReLU"
    assert diagram.node_text(cols[3], 1) == "ŷ₁ = a[3]₁, softmax"
    single = diagram.columns([{"type": "dense", "units": 1}, {"type": "sigmoid"}], ["x₁"])
    assert diagram.node_text(single[1], 0) == "ŷ = a[1]₀, sigmoid"
    W = np.zeros((2, 20))
    W[0, 3] = -0.4249
    assert diagram.link_text(cols[3], cols[2], 0, 3, W) == "W[3][0,3] = −0.42  (a[2]₃ → a[3]₀)"
    assert diagram.link_text(cols[1], cols[0], 1, 0, None) == (
        "W[1][1,0] = not yet initialized  (x₁ → a[1]₁)")
    assert diagram.signed(1.005, 1) == "1.0"
    assert diagram.signed(-3.0) == "−3.00"


def test_value_at_reads_the_grid_point_under_a_pixel():
    grid = PlaneGrid(0.0, 2.0, 0.0, 4.0, 80)  # the recorder's plane, at its own resolution
    image = np.arange(9.0).reshape(3, 3)  # 3 × 3: x in {0, 1, 2}, y in {0, 2, 4}
    assert diagram.value_at(grid, image, 2.7, 1.2) == (2.0, 2.0, 5.0)
    assert diagram.value_at(grid, image, -5.0, 9.0) == (0.0, 4.0, 6.0)  # clamped to the edge
