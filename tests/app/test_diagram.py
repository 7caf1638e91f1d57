"""The network diagram dock and click-to-add points, driven through the real main window."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt

from visualnet.app.diagram import NetworkDiagram, PointAdder
from visualnet.app.diagram.items import NEGATIVE, NEUTRAL, POSITIVE
from visualnet.core import diagram as core
from visualnet.core.experiment import Experiment


def wait_state(qtbot, window, *states, timeout=20_000):
    qtbot.waitUntil(lambda: window.controller.state in states, timeout=timeout)


@pytest.fixture
def net(qtbot, main_window) -> NetworkDiagram:
    """The diagram, in front, showing the tiny experiment's initial weights."""
    main_window.docks["diagram"].raise_()
    plot = main_window.plots["diagram"]
    qtbot.waitUntil(lambda: plot._drawn is not None, timeout=5_000)
    return plot


def trained(qtbot, window):
    window.controller.train()
    wait_state(qtbot, window, "finished")
    return window.controller.recorder.snapshot()


def colour(link) -> str:
    return link.pen().color().name()


# --- the diagram ---------------------------------------------------------------------------


def test_a_node_per_unit_in_a_column_per_layer_and_a_link_per_weight(net):
    # tiny: 2 inputs → dense 6 (ReLU, dropout) → dense 1 (sigmoid)
    assert [len(column) for column in net.nodes] == [2, 6, 1]
    assert [len(links) for links in net.links] == [0, 2 * 6, 6 * 1]
    assert [c.kind for c in net.columns] == ["input", "relu", "sigmoid"]


def test_before_training_the_links_show_the_initial_weights(net, main_window):
    session = main_window.session
    W1 = session.experiment.build_network(session.data.n_x).params["W1"]
    for link in net.links[1]:
        assert colour(link) == (POSITIVE if W1[link.j, link.k] >= 0 else NEGATIVE)


def test_after_training_links_are_coloured_by_sign_and_thickened_by_size(qtbot, net,
                                                                         main_window):
    before = [link for links in net.links for link in links]
    snap = trained(qtbot, main_window)
    qtbot.waitUntil(lambda: net._drawn is not None and net._drawn.weights is snap.weights)
    assert [link for links in net.links for link in links] == before  # updated, not rebuilt
    scale = core.weight_scale(snap.weights)
    for i, name in ((1, "W1"), (2, "W2")):
        W = snap.weights[name]
        links = sorted(net.links[i], key=lambda link: abs(W[link.j, link.k]))
        widths = [link.pen().widthF() for link in links]
        assert widths == sorted(widths)
        for link in links:
            assert colour(link) == (POSITIVE if W[link.j, link.k] >= 0 else NEGATIVE)
    widest = max((link for links in net.links for link in links), key=lambda x: x.pen().widthF())
    W = snap.weights[f"W{widest.column}"]
    assert abs(W[widest.j, widest.k]) == pytest.approx(scale)
    assert widest.pen().widthF() == pytest.approx(widest.widest)  # the width of |w| = max


def test_unit_heat_maps_are_the_snapshot_unit_maps_on_fixed_levels(qtbot, net, main_window):
    snap = trained(qtbot, main_window)
    qtbot.waitUntil(lambda: net._drawn is snap or net._drawn.weights is snap.weights)
    relu = snap.unit_maps[0]
    for j, node in enumerate(net.nodes[1]):
        np.testing.assert_array_equal(node.image.image, relu[j])
        top = np.abs(relu).max()
        assert node.image.getLevels() == pytest.approx([-top, top])
    # The output node shows ŷ on the recorder's finer decision map grid.
    np.testing.assert_array_equal(net.nodes[2][0].image.image, snap.boundary)
    assert net.nodes[2][0].image.getLevels() == pytest.approx([0, 1])
    inputs = core.input_maps(main_window.session.data.preprocessor, snap.grid)
    for j, node in enumerate(net.nodes[0]):
        np.testing.assert_allclose(node.image.image, inputs[j])


def test_hovering_names_a_node_and_gives_a_link_its_weight(qtbot, net, main_window):
    snap = trained(qtbot, main_window)
    qtbot.waitUntil(lambda: net._drawn.weights is snap.weights)
    assert net.text_at(net.node_scene_pos(1, 3)).startswith("a[1]₃, ReLU: ")
    assert net.text_at(net.node_scene_pos(2, 0)).startswith("ŷ = a[2]₀, sigmoid: ")
    W2 = snap.weights["W2"]
    assert net.text_at(net.link_scene_pos(2, 0, 3)) == (
        f"W[2][0,3] = {core.signed(W2[0, 3])}  (a[1]₃ → a[2]₀)")
    # The real mouse: over the first input's node, the status line names it.
    centre = net.canvas.mapFromScene(net.node_scene_pos(0, 0))
    qtbot.mouseMove(net.canvas.viewport(), centre)
    qtbot.waitUntil(lambda: net.info.text().startswith("x₁, input: "))
    assert net.highlight.isVisible()
    assert net.highlight.path().boundingRect() == net.nodes[0][0].rect()
    qtbot.wait(20)  # pyqtgraph passes on at most 100 mouse moves a second
    qtbot.mouseMove(net.canvas.viewport(), net.canvas.mapFromScene(QPointF(2, 2)))
    qtbot.waitUntil(lambda: "hover to read a value" in net.info.text())
    assert not net.highlight.isVisible()


def test_a_node_s_hover_reads_its_map_under_the_mouse(qtbot, net):
    node = net.nodes[1][2]
    r = node.rect()  # y grows upwards: the top right corner is (right, bottom)
    corner = node.mapToScene(QPointF(r.right() - 0.01, r.bottom() - 0.01))
    x1, x2, value = core.value_at(net._drawn.grid, node.image.image, 1e9, 1e9)
    assert net.text_at(corner) == (f"a[1]₂, ReLU: {core.signed(value)} at (x₁, x₂) = "
                                   f"({core.signed(x1)}, {core.signed(x2)})")


def test_a_large_layer_draws_16_units_and_says_how_many_more(qtbot, net, main_window):
    layers = [la.model_dump() for la in main_window.session.experiment.network.layers]
    layers[0]["units"] = 40
    main_window.builder.set_layers(layers, undoable=True)
    qtbot.waitUntil(lambda: net.columns and net.columns[1].units == 40)
    assert len(net.nodes[1]) == core.MAX_UNITS
    assert len(net.links[1]) == 2 * core.MAX_UNITS
    assert any("+24 more" in text.textItem.toPlainText() for text in net.texts)
    qtbot.waitUntil(lambda: net._drawn is not None)  # the new stack's initial weights
    assert net._drawn.weights["W1"].shape == (40, 2)


def test_an_untrainable_stack_is_drawn_with_neutral_links(qtbot, net, main_window):
    layers = [la.model_dump() for la in main_window.session.experiment.network.layers]
    main_window.builder.set_layers(layers[:-1], undoable=True)  # no output activation
    qtbot.waitUntil(lambda: net._drawn is None)
    assert [len(column) for column in net.nodes] == [2, 6, 1]
    assert all(colour(link) == pg.mkColor(NEUTRAL).name() for links in net.links for link in links)
    assert all(not node.image.isVisible() for column in net.nodes for node in column)


def test_without_data_the_diagram_says_why(qtbot, net, main_window):
    data = main_window.session.experiment.data
    data.path = "missing.npz"
    data.source = "npz"
    main_window.session.edited("data")
    assert main_window.session.data is None
    assert net.showing_note and "data settings have a problem" in net.note.text()
    data.source = "moons"
    main_window.session.edited("data")
    assert not net.showing_note and [len(column) for column in net.nodes] == [2, 6, 1]


# --- click-to-add points -------------------------------------------------------------------


@pytest.fixture
def plane(qtbot, main_window):
    """A plot of the input plane with a PointAdder, as the decision boundary gets one."""
    widget = pg.PlotWidget()
    widget.resize(400, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
    adder = PointAdder(widget.getPlotItem(), main_window.session, main_window.controller)
    return widget, adder


def click(qtbot, widget, x1, x2, modifier=Qt.KeyboardModifier.NoModifier):
    """Click at plane point (x1, x2); return the point the click's pixel stands for."""
    view = widget.getPlotItem().getViewBox()
    pixel = widget.mapFromScene(view.mapViewToScene(QPointF(x1, x2)))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, modifier, pixel)
    at = view.mapSceneToView(widget.mapToScene(pixel))
    return pytest.approx(at.x()), pytest.approx(at.y())


def test_click_adds_class_0_shift_click_class_1_and_undo_removes(qtbot, plane, main_window):
    widget, adder = plane
    session = main_window.session
    m = session.data.train.m
    x1, x2 = click(qtbot, widget, 0.5, -0.25)
    assert session.experiment.data.extra_points == [(x1, x2, 0)]
    assert x1 == pytest.approx(0.5, abs=0.05) and x2 == pytest.approx(-0.25, abs=0.05)
    y1, y2 = click(qtbot, widget, -1.0, 1.5, Qt.KeyboardModifier.ShiftModifier)
    assert session.experiment.data.extra_points == [(x1, x2, 0), (y1, y2, 1)]
    assert session.data.train.m == m + 2  # re-prepared: the points joined the training split
    assert list(session.data.train.labels[-2:]) == [0, 1]
    assert len(adder.rings.data) == 2
    adder.undo_action.trigger()
    assert session.experiment.data.extra_points == [(x1, x2, 0)]
    assert session.data.train.m == m + 1
    adder.redo_action.trigger()
    assert len(session.experiment.data.extra_points) == 2
    adder.clear_action.trigger()
    assert session.experiment.data.extra_points == []
    adder.undo_action.trigger()
    assert len(session.experiment.data.extra_points) == 2
    assert session.dirty


def test_points_can_be_stacked_on_an_added_point(qtbot, plane, main_window):
    widget, _adder = plane
    first = click(qtbot, widget, 1.0, 1.0)
    second = click(qtbot, widget, 1.0, 1.0, Qt.KeyboardModifier.ShiftModifier)  # on its ring
    assert main_window.session.experiment.data.extra_points == [(*first, 0), (*second, 1)]


def test_adding_is_off_while_training_and_says_why(qtbot, plane, main_window):
    widget, adder = plane
    main_window.session.experiment.training.epochs = 1_000_000
    main_window.controller.train()
    wait_state(qtbot, main_window, "running")
    click(qtbot, widget, 0.0, 0.0)
    assert main_window.session.experiment.data.extra_points == []
    assert not adder.enabled
    assert "Stop training" in widget.getPlotItem().getViewBox().toolTip()
    assert not adder.clear_action.isEnabled()
    main_window.controller.stop()
    wait_state(qtbot, main_window, "stopped")
    assert adder.enabled
    click(qtbot, widget, 0.0, 0.0)
    assert len(main_window.session.experiment.data.extra_points) == 1


def test_adding_is_off_for_data_that_is_not_2d_points_with_classes(qtbot, plane, main_window):
    widget, adder = plane
    main_window.session.experiment.data.source = "iris"
    main_window.session.edited("data")
    assert not adder.enabled
    assert "only to 2-D data" in widget.getPlotItem().getViewBox().toolTip()
    assert not adder.add(0.0, 0.0, 0)
    assert main_window.session.experiment.data.extra_points == []


def test_ctrl_click_adds_the_class_picked_by_number_key(qtbot, plane, main_window):
    widget, adder = plane
    main_window.session.experiment.data.source = "spiral"
    main_window.session.edited("data")
    assert [adder.class_box.itemText(i) for i in range(3)] == ["class 0", "class 1", "class 2"]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_2)
    assert adder.class_box.currentIndex() == 2
    x1, x2 = click(qtbot, widget, 1.0, 1.0, Qt.KeyboardModifier.ControlModifier)
    assert main_window.session.experiment.data.extra_points == [(x1, x2, 2)]


def test_opening_another_experiment_forgets_the_undo_history(qtbot, plane, main_window):
    widget, adder = plane
    click(qtbot, widget, 0.0, 0.0)
    assert adder.undo_stack.canUndo()
    main_window.session.replace(Experiment())
    assert not adder.undo_stack.canUndo()
    assert main_window.session.experiment.data.extra_points == []


def test_a_link_keeps_its_pen_until_its_strength_moves_a_step(qtbot):
    from visualnet.app.diagram.items import PEN_STEPS, LinkItem

    link = LinkItem(1, 0, 0, QPointF(0, 0), QPointF(1, 1))
    link.set_strength(0.5)
    pen = link.pen()
    link.set_strength(0.5 + 0.2 / PEN_STEPS)  # a change no one could see: nothing to repaint
    assert link.pen() == pen
    link.set_strength(0.5 + 1.0 / PEN_STEPS)
    assert link.pen().widthF() > pen.widthF()
    link.set_strength(-0.5)
    assert colour(link) == NEGATIVE and link.pen().widthF() == pen.widthF()
    link.set_strength(None)
    assert colour(link) == NEUTRAL
