"""The layer builder, driven through its real widgets with qtbot (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMainWindow

from visualnet.app.builder import LayerBuilder, mime, palette, stack_view
from visualnet.app.builder.list_model import FLAGGED, SHAPES
from visualnet.core.network import Network

SAMPLE = [
    {"type": "dense", "units": 16, "init": "he"},
    {"type": "relu"},
    {"type": "dropout", "keep_prob": 0.8},
    {"type": "dense", "units": 3, "init": "xavier"},
    {"type": "softmax"},
]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def builder(qtbot):
    widget = LayerBuilder(SAMPLE, input_dim=2)
    qtbot.addWidget(widget)
    widget.resize(340, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def drags(monkeypatch):
    """The drags started, each with its mime data. Offscreen, QDrag.exec() returns at once
    without a drop, so a stand-in records the drag and the test delivers the drop events."""
    started = []

    class RecordedDrag:
        def __init__(self, source):
            self.source = source

        def setMimeData(self, data):
            self.data = data

        def setPixmap(self, pixmap):
            self.pixmap = pixmap

        def exec(self, action):
            self.action = action
            started.append(self)
            return action

    monkeypatch.setattr(stack_view, "QDrag", RecordedDrag)
    monkeypatch.setattr(palette, "QDrag", RecordedDrag)
    return started


def drag_from(view, rect, drags):
    """Press the left button on ``rect`` of ``view`` and move away: the view starts a drag."""
    start = rect.center()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    count = len(drags)
    for kind, point, button in [
        (QEvent.Type.MouseButtonPress, start, left),
        (QEvent.Type.MouseMove, start + QPoint(0, 5), Qt.MouseButton.NoButton),
        (QEvent.Type.MouseMove, start + QPoint(0, 40), Qt.MouseButton.NoButton),
    ]:
        global_point = QPointF(view.viewport().mapToGlobal(point))
        event = QMouseEvent(kind, QPointF(point), global_point, button, left, none)
        QApplication.sendEvent(view.viewport(), event)
    assert len(drags) == count + 1, "no drag started"
    return drags[-1].data


def kinds(builder) -> list[str]:
    return [layer["type"] for layer in builder.layers()]


def shapes(builder, row: int) -> str:
    return builder.stack.model().index(row).data(SHAPES)


def drop(view, data, row: int | None, below: bool = False) -> None:
    """Drag ``data`` over ``view`` and drop it just above (or below) ``row``; None: past the end."""
    if row is None:
        last = view.visualRect(view.model().index(view.model().rowCount() - 1))
        point = QPoint(last.center().x(), last.bottom() + 20)
    else:
        rect = view.visualRect(view.model().index(row))
        point = QPoint(rect.center().x(), rect.bottom() - 2 if below else rect.top() + 2)
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    buttons, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    target = view.viewport()
    enter = QDragEnterEvent(point, actions, data, buttons, none)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point, actions, data, buttons, none)
    QApplication.sendEvent(target, move)
    assert move.isAccepted()
    QApplication.sendEvent(target, QDropEvent(QPointF(point), actions, data, buttons, none))


def palette_data(builder, kind: str):
    chips = builder.palette
    row = next(i for i in range(chips.count()) if chips.kind(i) == kind)
    return chips.mimeData([chips.item(row)])


def row_data(builder, row: int):
    model = builder.stack.model()
    return model.mimeData([model.index(row)])


def type_into(qtbot, box, text: str) -> None:
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


# --- adding, moving, removing ---------------------------------------------------------------------


def test_dragging_a_palette_item_inserts_it_where_dropped(builder, qtbot, drags):
    chips = builder.palette
    chip = next(chips.item(i) for i in range(chips.count()) if chips.kind(i) == "batchnorm")
    data = drag_from(chips, chips.visualItemRect(chip), drags)
    assert drags[-1].action == Qt.DropAction.CopyAction
    with qtbot.waitSignal(builder.layersChanged):
        drop(builder.stack, data, 1)
    assert kinds(builder) == ["dense", "batchnorm", "relu", "dropout", "dense", "softmax"]
    assert builder.current_row() == 1
    assert builder.undo_stack.undoText() == "Add BatchNorm"


def test_dropping_below_the_last_row_appends(builder):
    drop(builder.stack, palette_data(builder, "tanh"), None)
    assert kinds(builder)[-1] == "tanh"


def test_unknown_layers_and_drops_while_training_are_refused(builder):
    def accepted(data) -> bool:
        point = builder.stack.visualRect(builder.stack.model().index(0)).center()
        actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
        args = (point, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(builder.stack.viewport(), QDragEnterEvent(*args))
        move = QDragMoveEvent(*args)  # where Qt asks the model whether it takes the drop
        QApplication.sendEvent(builder.stack.viewport(), move)
        return move.isAccepted()

    assert accepted(palette_data(builder, "tanh"))
    assert not accepted(mime.encode({"type": "conv"}))
    builder.set_read_only(True)
    assert not accepted(palette_data(builder, "tanh"))


def test_double_click_and_enter_on_the_palette_append(builder, qtbot):
    palette = builder.palette
    item = palette.item(0)  # Dense
    center = palette.visualItemRect(item).center()
    # A real double-click starts with a click; QTest's double-click event alone does not.
    qtbot.mouseClick(palette.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(palette.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert kinds(builder)[-1] == "dense"
    palette.setFocus()
    palette.setCurrentRow(next(i for i in range(palette.count()) if palette.kind(i) == "dropout"))
    qtbot.keyClick(palette, Qt.Key.Key_Return)
    assert kinds(builder)[-2:] == ["dense", "dropout"]
    assert builder.layers()[-1]["keep_prob"] == 0.8


def test_dragging_a_row_reorders_the_stack(builder, drags):
    view = builder.stack
    data = drag_from(view, view.visualRect(view.model().index(2)), drags)
    assert drags[-1].action == Qt.DropAction.MoveAction
    drop(view, data, 1)  # dropout above relu
    assert kinds(builder) == ["dense", "dropout", "relu", "dense", "softmax"]
    assert builder.current_row() == 1
    assert builder.undo_stack.undoText() == "Move Dropout"
    drop(view, row_data(builder, 0), 2, below=True)  # dense below relu
    assert kinds(builder) == ["dropout", "relu", "dense", "dense", "softmax"]
    assert builder.current_row() == 2


def test_dropping_a_row_next_to_itself_changes_nothing(builder):
    drop(builder.stack, row_data(builder, 2), 2)
    drop(builder.stack, row_data(builder, 2), 2, below=True)
    assert builder.layers() == SAMPLE
    assert builder.undo_stack.count() == 0


def test_delete_and_backspace_remove_the_selected_layer(builder, qtbot):
    builder.stack.setFocus()
    builder.select_row(2)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)
    assert kinds(builder) == ["dense", "relu", "dense", "softmax"]
    qtbot.keyClick(builder.stack, Qt.Key.Key_Backspace)
    assert len(builder.layers()) == 3


def test_ctrl_d_duplicates_the_selected_layer(builder, qtbot):
    builder.stack.setFocus()
    builder.select_row(0)
    qtbot.keyClick(builder.stack, Qt.Key.Key_D, CTRL)
    assert builder.layers()[:2] == [SAMPLE[0], SAMPLE[0]]
    assert builder.current_row() == 1
    assert builder.undo_stack.undoText() == "Duplicate Dense"


# --- undo and redo --------------------------------------------------------------------------------


def _insert(builder, qtbot):
    drop(builder.stack, palette_data(builder, "tanh"), 0)


def _remove(builder, qtbot):
    builder.select_row(1)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)


def _move(builder, qtbot):
    drop(builder.stack, row_data(builder, 3), 0)


def _duplicate(builder, qtbot):
    builder.select_row(2)
    qtbot.keyClick(builder.stack, Qt.Key.Key_D, CTRL)


def _edit_field(builder, qtbot):
    builder.select_row(2)
    type_into(qtbot, builder.inspector.editor("keep_prob"), "0.5")


def _replace(builder, qtbot):
    builder.set_layers([{"type": "dense", "units": 1}, {"type": "sigmoid"}], undoable=True)


@pytest.mark.parametrize("edit", [_insert, _remove, _move, _duplicate, _edit_field, _replace])
def test_ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redoes_every_edit(builder, qtbot, edit):
    before = builder.layers()
    builder.stack.setFocus()
    edit(builder, qtbot)
    after = builder.layers()
    assert after != before
    assert builder.undo_stack.count() == 1
    builder.stack.setFocus()
    qtbot.keyClick(builder.stack, Qt.Key.Key_Z, CTRL)
    assert builder.layers() == before
    qtbot.keyClick(builder.stack, Qt.Key.Key_Z, CTRL_SHIFT)
    assert builder.layers() == after
    qtbot.keyClick(builder.stack, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Y, CTRL)
    assert builder.layers() == after


def test_undo_keys_work_beside_a_window_undo_action_with_the_same_keys(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    builder = LayerBuilder(SAMPLE)
    window.setCentralWidget(builder)
    action = builder.undo_stack.createUndoAction(window)
    action.setShortcut("Ctrl+Z")
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    builder.stack.setFocus()
    builder.select_row(0)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Z, CTRL)
    assert len(builder.layers()) == len(SAMPLE) - 1  # undone once, not twice nor never


def test_set_layers_without_undo_starts_a_new_history(builder):
    drop(builder.stack, palette_data(builder, "tanh"), 0)
    builder.set_layers(SAMPLE[:2], undoable=False)
    assert builder.layers() == SAMPLE[:2]
    assert not builder.undo_stack.canUndo()


def test_set_layers_refuses_an_unknown_layer_type_and_changes_nothing(builder):
    for undoable in (True, False):
        with pytest.raises(ValueError, match="unknown layer type 'conv'"):
            builder.set_layers([{"type": "conv"}], undoable=undoable)
        assert builder.layers() == SAMPLE
    assert builder.undo_stack.count() == 0


# --- inspector ------------------------------------------------------------------------------------


def test_editing_units_updates_the_row_shapes_and_the_parameter_count(builder, qtbot):
    builder.select_row(0)
    assert shapes(builder, 0) == "Z[1]: (16, m)   W[1]: (16, 2)   b[1]: (16, 1)"
    type_into(qtbot, builder.inspector.editor("units"), "8")
    assert builder.layers()[0]["units"] == 8
    assert shapes(builder, 0) == "Z[1]: (8, m)   W[1]: (8, 2)   b[1]: (8, 1)"
    assert shapes(builder, 3) == "Z[2]: (3, m)   W[2]: (3, 8)   b[2]: (3, 1)"
    expected = Network.from_spec({"input_dim": 2, "layers": builder.layers()}).param_count
    assert expected == 8 * 2 + 8 + 3 * 8 + 3
    assert f"Total: {expected} trainable parameters" == builder._total.text()


def test_typing_an_out_of_range_keep_prob_shows_the_range_and_keeps_the_value(builder, qtbot):
    builder.select_row(2)
    box = builder.inspector.editor("keep_prob")
    type_into(qtbot, box, "1.5")
    message = builder.inspector.message()
    assert message == "keep_prob must be in (0, 1], got 1.5 — kept 0.8"
    assert builder.inspector._message.isVisible()
    assert builder.layers()[2]["keep_prob"] == 0.8
    assert box.text() == "0.8"
    assert builder.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "units must be in [1, 4096], got 0 — kept 16"),
        ("2.5", "units must be in [1, 4096], got 2.5 — kept 16"),
        ("many", "units must be in [1, 4096], got 'many' — kept 16"),
    ],
)
def test_units_that_are_no_whole_number_in_range_are_refused(builder, qtbot, typed, message):
    builder.select_row(0)
    type_into(qtbot, builder.inspector.editor("units"), typed)
    assert builder.inspector.message() == message
    assert builder.layers()[0]["units"] == 16


def test_a_whole_number_typed_into_a_float_field_is_stored_as_a_float(builder, qtbot):
    builder.select_row(2)
    type_into(qtbot, builder.inspector.editor("keep_prob"), "1")
    assert builder.layers()[2]["keep_prob"] == 1.0
    assert isinstance(builder.layers()[2]["keep_prob"], float)


def test_arrows_step_within_the_range(builder, qtbot):
    builder.select_row(2)
    box = builder.inspector.editor("keep_prob")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert builder.layers()[2]["keep_prob"] == 0.9
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert builder.layers()[2]["keep_prob"] == 1.0
    assert not box.stepEnabled() & box.StepEnabledFlag.StepUpEnabled
    assert builder.undo_stack.count() == 2


def test_dense_shows_only_the_setting_its_initializer_reads(builder, qtbot):
    builder.select_row(0)
    inspector = builder.inspector
    assert inspector.fields() == ["units", "init"]
    combo = inspector.editor("init")
    for init, option in [("random", "scale"), ("custom", "c"), ("identity", "gain")]:
        combo.setCurrentIndex(combo.findData(init))
        combo.activated.emit(combo.currentIndex())
        assert inspector.fields() == ["units", "init", option]
        assert inspector.editor(option).toolTip().endswith(
            {"scale": "(0, 100]", "c": "(0, 100]", "gain": "[-100, 100]"}[option]
        )
    assert builder.layers()[0]["init"] == "identity"
    assert builder.undo_stack.undoText() == "Change init"


def test_tooltips_give_the_description_and_the_allowed_range(builder):
    builder.select_row(2)
    assert builder.inspector.editor("keep_prob").toolTip() == (
        "Probability of keeping a unit\nAllowed: in (0, 1]"
    )
    dense = builder.palette.item(0).toolTip()
    assert "Z[l] = W[l] A[l-1] + b[l]" in dense


# --- shapes and problems --------------------------------------------------------------------------


def test_set_input_dim_updates_the_shapes(builder):
    builder.set_input_dim(784)
    assert shapes(builder, 0) == "Z[1]: (16, m)   W[1]: (16, 784)   b[1]: (16, 1)"
    assert builder._input.text() == "Input  X = A[0]: (784, m)"


def test_batch_norm_replaces_the_bias_and_counts_gamma_and_beta(builder):
    drop(builder.stack, palette_data(builder, "batchnorm"), 1)
    assert shapes(builder, 0) == "Z[1]: (16, m)   W[1]: (16, 2)"
    assert shapes(builder, 1) == "Z̃[1]: (16, m)   γ[1], β[1]: (16, 1)"
    network = Network.from_spec({"input_dim": 2, "layers": builder.layers()})
    assert builder._total.text() == f"Total: {network.param_count} trainable parameters"


def test_an_invalid_stack_is_flagged_in_place_and_reported(builder, qtbot):
    view = builder.stack
    with qtbot.waitSignal(builder.problemChanged) as signal:
        drop(view, row_data(builder, 4), 1)  # softmax up to row 2
    reason = "Layer 2 (softmax): softmax must be the last layer"
    assert signal.args == [reason]
    assert builder.problem() == reason
    assert view.model().index(1).data(FLAGGED)
    assert not view.model().index(0).data(FLAGGED)
    assert builder._problem_label.isVisible()
    assert reason in builder._problem_label.text()
    with qtbot.waitSignal(builder.problemChanged) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert signal.args == [""]
    assert not builder._problem_label.isVisible()


@pytest.mark.parametrize(
    ("layers", "reason", "row"),
    [
        ([], "The network has no layers: add a dense layer and an output activation", None),
        (SAMPLE[:4], "Layer 4 (dense): the last layer must be an output activation", 3),
        ([{"type": "relu"}, {"type": "sigmoid"}], "The network needs at least one dense layer",
         None),
        (
            [{"type": "dense", "units": 0}, {"type": "sigmoid"}],
            "Layer 1 (dense): units must be in [1, 4096], got 0",
            0,
        ),
    ],
)
def test_problems_name_the_reason_and_the_row(qtbot, layers, reason, row):
    builder = LayerBuilder(layers)
    qtbot.addWidget(builder)
    assert builder.problem().startswith(reason)
    model = builder.stack.model()
    flagged = [r for r in range(model.rowCount()) if model.index(r).data(FLAGGED)]
    assert flagged == ([] if row is None else [row])


# --- while training -------------------------------------------------------------------------------


def test_read_only_allows_only_live_keep_prob_edits(builder, qtbot):
    builder.select_row(0)
    builder.stack.setFocus()
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)  # one edit before training
    builder.set_read_only(True)
    assert not builder.palette.isEnabled()
    assert builder._locked.isVisible()
    assert not builder.undo_stack.canUndo()
    builder.select_row(0)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Delete)
    qtbot.keyClick(builder.stack, Qt.Key.Key_D, CTRL)
    qtbot.keyClick(builder.stack, Qt.Key.Key_Z, CTRL)
    assert len(builder.layers()) == len(SAMPLE) - 1
    builder.select_row(1)
    box = builder.inspector.editor("keep_prob")
    assert box.isEnabled()
    with qtbot.waitSignal(builder.keepProbEdited) as signal:
        type_into(qtbot, box, "0.5")
    assert signal.args == [1, 0.5]
    builder.select_row(2)
    assert not builder.inspector.editor("units").isEnabled()
    builder.set_read_only(False)
    assert builder.undo_stack.undoText() == "Change keep_prob while training"
    with qtbot.waitSignal(builder.keepProbEdited) as signal:
        builder.undo_stack.undo()
    assert signal.args == [1, 0.8]
    assert builder.undo_stack.undoText() == "Remove Dense"


def test_leaving_read_only_without_edits_adds_no_undo_step(builder):
    builder.set_read_only(True)
    builder.set_read_only(False)
    assert builder.undo_stack.count() == 0
