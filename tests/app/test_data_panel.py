"""The data panel driven like a student would: pick data, type values, import files, undo."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QScrollArea

from visualnet.app.data_panel import DataBinding, DataPanel
from visualnet.app.data_panel.panel import LOCKED_WHILE_TRAINING
from visualnet.app.session import Session
from visualnet.app.training.controller import RunController
from visualnet.core.data.config import DataConfig
from visualnet.core.data.preprocess import FEATURES


@pytest.fixture
def session(tiny_experiment):
    return Session(tiny_experiment)


@pytest.fixture
def controller(session):
    controller = RunController(session)
    yield controller
    controller.shutdown()


@pytest.fixture
def panel(qtbot, session, controller):
    panel = DataPanel()
    panel.binding = DataBinding(panel, session, controller)
    qtbot.addWidget(panel)
    panel.resize(360, 900)
    panel.show()
    return panel


def choose_source(panel, name):
    index = panel.picker.combo.findData(name)
    panel.picker.combo.setCurrentIndex(index)
    panel.picker.combo.activated.emit(index)


def type_into(qtbot, panel, path, text):
    box = panel.editors[path].input
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def click(qtbot, panel, path):
    box = panel.editors[path].input
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def open_file(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(path), "")))


def shown(widget, panel):
    return widget.isVisibleTo(panel)


# --- choosing data ------------------------------------------------------------------------------


def test_the_panel_shows_the_experiment_data(panel, session):
    assert panel.picker.combo.currentData() == "moons"
    assert panel.picker.description.text().startswith("Two interleaved half-moons")
    # 120 moons split 60/20/20 → 72 / 24 / 24
    assert panel.summary.text() == "train 72 · dev 24 · test 24 · n_x = 2 · 2 classes"
    assert panel.preview.kind == "scatter"
    x, _y = panel.preview.scatter["train"].getData()
    np.testing.assert_array_equal(x, session.data.train.X_raw[0])
    assert panel.preview.plot.getPlotItem().getViewBox().state["aspectLocked"]  # x₁, x₂ alike
    assert panel.message == "" and not panel.undo_stack.canUndo()


def test_switching_to_circles_updates_the_preview_sizes_and_experiment(panel, session):
    choose_source(panel, "circles")
    assert session.experiment.data.source == "circles" and session.data.source == "circles"
    assert session.dirty
    assert panel.picker.description.text().startswith("A ring around a smaller ring")
    assert panel.summary.text() == "train 72 · dev 24 · test 24 · n_x = 2 · 2 classes"
    x, y = panel.preview.scatter["dev"].getData()
    np.testing.assert_array_equal(x, session.data.dev.X_raw[0])
    np.testing.assert_array_equal(y, session.data.dev.X_raw[1])
    assert panel.undo_stack.undoText() == "Use Circles"


def test_only_the_settings_a_source_uses_are_shown(panel):
    rows = {name: panel.editors[name] for name in ("n", "noise", "classes", "seed")}
    assert [shown(rows[n], panel) for n in rows] == [True, True, False, True]
    choose_source(panel, "spiral")
    assert shown(rows["classes"], panel)
    choose_source(panel, "iris")
    assert [shown(rows[n], panel) for n in rows] == [False, False, False, True]
    assert panel.generation_box.title() == "Shuffle"


def test_spiral_arms_follow_classes(qtbot, panel, session):
    choose_source(panel, "spiral")
    type_into(qtbot, panel, "classes", "4")
    assert session.experiment.data.classes == 4
    assert panel.summary.text().endswith("n_x = 2 · 4 classes")


def test_iris_previews_its_first_two_measurements_by_species(panel, session):
    choose_source(panel, "iris")
    assert panel.preview.kind == "scatter"
    item = panel.preview.plot.getPlotItem()
    assert item.getAxis("bottom").labelText == "sepal length (cm)"
    assert item.getAxis("left").labelText == "sepal width (cm)"
    assert "setosa" in panel.preview.legend.text()
    assert panel.summary.text() == "train 90 · dev 30 · test 30 · n_x = 4 · 3 classes"


def test_sine_previews_x_against_y(panel, session):
    choose_source(panel, "sine")
    _x, y = panel.preview.scatter["train"].getData()
    np.testing.assert_array_equal(y, session.data.train.Y[0])
    assert panel.preview.plot.getPlotItem().getAxis("left").labelText == "y"
    assert panel.summary.text().endswith("n_x = 1 · regression, n_y = 1")


def test_digits_shows_a_grid_of_labelled_sample_images(panel, session):
    choose_source(panel, "digits")
    preview = panel.preview
    assert preview.kind == "images" and shown(preview.images, panel)
    assert preview.image.image.shape[1] == 8 * (8 + 1)  # 8 images of 8 pixels, 1 apart
    captions = [c.toPlainText() for c in preview.captions if c.isVisible()]
    names = session.data.class_names
    assert captions == [names[c] for c in session.data.train.labels[:32]]
    assert panel.summary.text().endswith("n_x = 64 · 10 classes")


# --- refusing bad values ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["5", "1e9"])
def test_a_bad_n_is_refused_with_the_range(qtbot, panel, session, text):
    type_into(qtbot, panel, "n", text)
    editor = panel.editors["n"]
    got = "5" if text == "5" else "1000000000"
    assert editor.error == f"Examples must be in [10, 100000], got {got}"
    assert session.experiment.data.n == 120 and editor.input.text() == "120"
    assert not panel.undo_stack.canUndo()


def test_split_presets_set_all_three_fractions(qtbot, panel, session):
    qtbot.mouseClick(panel.presets["80/10/10"], Qt.MouseButton.LeftButton)
    split = session.experiment.data.split
    assert (split.train, split.dev, split.test) == (0.8, 0.1, 0.1)
    assert panel.summary.text().startswith("train 96 · dev 12 · test 12")
    assert panel.presets["80/10/10"].isChecked() and not panel.presets["60/20/20"].isChecked()
    qtbot.mouseClick(panel.presets["98/1/1"], Qt.MouseButton.LeftButton)
    assert session.experiment.data.split.train == 0.98
    assert panel.summary.text().startswith("train 118 · dev 1 · test 1")
    assert panel.editors["split.train"].input.text() == "0.98"


def test_test_takes_the_rest_and_a_split_over_1_is_refused(qtbot, panel, session):
    type_into(qtbot, panel, "split.train", "0.7")
    split = session.experiment.data.split
    assert (split.train, split.dev, split.test) == (0.7, 0.2, 0.1)
    assert panel.test_fraction.text().startswith("0.1")
    type_into(qtbot, panel, "split.dev", "0.5")
    assert panel.editors["split.dev"].error == (
        "train + dev must be at most 1 (test = 1 − train − dev), got 0.7 + 0.5 = 1.2")
    assert session.experiment.data.split.dev == 0.2
    type_into(qtbot, panel, "split.train", "0")
    assert panel.editors["split.train"].error == "Train must be in (0, 1], got 0"


def test_an_impossible_split_is_shown_in_place_and_the_old_preview_stays(qtbot, panel, session):
    type_into(qtbot, panel, "n", "10")
    good = panel.summary.text()
    type_into(qtbot, panel, "split.train", "0.02")
    assert session.data is None
    assert "moons: 10 examples are too few for a 0.02/0.2/0.78" in panel.message
    assert panel.summary.text() == good and not panel.summary.isEnabled()
    panel.undo_stack.undo()
    assert session.data is not None and panel.message == ""


# --- inputs and augmentation --------------------------------------------------------------------


def test_a_feature_toggle_adds_an_input(qtbot, panel, session):
    click(qtbot, panel, "features.x1_squared")
    assert session.experiment.data.features.x1_squared
    assert session.data.n_x == 3
    assert "n_x = 3" in panel.summary.text() and "x₁²" in panel.summary.toolTip()
    click(qtbot, panel, "features.sin_x2")
    assert session.data.feature_names[2:] == [FEATURES["x1_squared"][0], "sin x₂"]


def test_features_and_jitter_only_for_2d_points_image_options_only_for_images(panel, session):
    features = [panel.editors[f"features.{name}"] for name in FEATURES]
    assert all(shown(e, panel) and e.isEnabled() for e in features)
    assert shown(panel.editors["augment.jitter"], panel)
    assert not shown(panel.editors["augment.flip"], panel)
    choose_source(panel, "digits")
    assert not shown(panel.feature_grid, panel) and shown(panel.no_features, panel)
    assert not any(e.isEnabled() for e in features)
    assert "2-D points" in features[0].input.toolTip()
    assert shown(panel.editors["augment.flip"], panel)
    assert not shown(panel.editors["augment.jitter"], panel)
    choose_source(panel, "wine")
    assert shown(panel.no_augment, panel)
    assert not any(shown(panel.editors[f"augment.{n}"], panel) for n in ("flip", "jitter"))


def test_augmentation_is_off_by_default_and_edits_reach_the_experiment(qtbot, panel, session):
    assert not session.experiment.data.augment.any()
    type_into(qtbot, panel, "augment.jitter", "0.1")
    assert session.experiment.data.augment.jitter == 0.1
    type_into(qtbot, panel, "augment.jitter", "2")
    assert panel.editors["augment.jitter"].error == "Jitter σ must be in [0, 1], got 2"


def test_switching_source_drops_options_that_no_longer_apply(qtbot, panel, session):
    click(qtbot, panel, "features.x1_x2")
    type_into(qtbot, panel, "augment.jitter", "0.1")
    choose_source(panel, "digits")
    data = session.experiment.data
    assert not data.features.enabled() and not data.augment.any()
    assert session.data_error is None
    panel.undo_stack.undo()
    assert session.experiment.data.features.x1_x2 and session.experiment.data.augment.jitter


def test_normalize_tooltip_gives_the_formula(panel):
    tip = panel.editors["normalize"].input.toolTip()
    assert "x = (x − μ)/σ" in tip and "training split only" in tip


def test_added_points_can_be_cleared_and_restored(qtbot, session, panel):
    assert not shown(panel.clear_points, panel)
    session.experiment.data.extra_points = [(0.5, 0.5, 1), (1.0, -1.0, 0)]
    session.replace(session.experiment)
    assert shown(panel.clear_points, panel)
    assert panel.clear_points.text() == "Clear added points (2)"
    assert len(panel.preview.added.getData()[0]) == 2
    qtbot.mouseClick(panel.clear_points, Qt.MouseButton.LeftButton)
    assert session.experiment.data.extra_points == []
    assert not shown(panel.clear_points, panel) and len(panel.preview.added.getData()[0]) == 0
    panel.undo_stack.undo()
    assert len(session.experiment.data.extra_points) == 2


def test_points_added_elsewhere_show_up_and_the_next_step_keeps_them(qtbot, session, panel):
    session.experiment.data.extra_points.append((0.5, 0.5, 1))
    session.edited("data")
    assert panel.clear_points.text() == "Clear added points (1)"
    type_into(qtbot, panel, "noise", "0.3")
    panel.undo_stack.undo()
    assert session.experiment.data.extra_points == [(0.5, 0.5, 1)]
    assert session.experiment.data.noise == 0.2


# --- files --------------------------------------------------------------------------------------


def write_csv(path, rows=20, bad_line=None):
    lines = ["height,weight,kind,score"]
    for i in range(rows):
        lines.append(f"{i},{i * 2.5},{'ab'[i % 2]},{i % 3}")
    if bad_line is not None:
        lines[bad_line] = "1,heavy,a,0"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_csv_file_is_imported_and_its_label_column_picked(qtbot, panel, session, monkeypatch,
                                                           tmp_path):
    open_file(monkeypatch, write_csv(tmp_path / "people.csv"))
    choose_source(panel, "csv")
    data = session.experiment.data
    assert (data.source, data.path, data.label_column) == ("csv", str(tmp_path / "people.csv"),
                                                           "score")
    assert shown(panel.picker.file_row, panel) and panel.picker.file_name.text() == "people.csv"
    combo = panel.picker.label_column
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "height", "weight", "kind", "score"]
    # "kind" holds text: as inputs it cannot load; as the label it gives 2 classes.
    assert "column 'kind' has a non-numeric value 'a'" in panel.message
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert session.experiment.data.label_column == "kind"
    assert panel.message == ""
    assert panel.summary.text() == "train 12 · dev 4 · test 4 · n_x = 3 · 2 classes"
    assert not panel.preview.plot.getPlotItem().getViewBox().state["aspectLocked"]
    assert panel.undo_stack.undoText() == "Label column kind"


def test_a_broken_csv_shows_the_error_naming_the_file(qtbot, panel, session, monkeypatch,
                                                     tmp_path):
    before = panel.summary.text()
    open_file(monkeypatch, write_csv(tmp_path / "broken.csv", bad_line=7))
    choose_source(panel, "csv")
    combo = panel.picker.label_column
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    assert panel.message.startswith(
        "⚠ broken.csv: column 'weight' has a non-numeric value 'heavy' on line 8")
    assert session.data is None and session.data_error in panel.message
    assert panel.summary.text() == before and panel.preview.kind == "scatter"


def test_a_file_whose_header_cannot_be_read_changes_nothing(panel, session, monkeypatch,
                                                           tmp_path):
    bad = tmp_path / "image.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    open_file(monkeypatch, bad)
    choose_source(panel, "csv")
    assert panel.message == "⚠ image.csv: not a text file (cannot decode it as UTF-8)"
    assert session.experiment.data.source == "moons" and panel.picker.combo.currentData() == "moons"
    assert not panel.undo_stack.canUndo()


def test_cancelling_the_file_dialog_keeps_the_source(panel, session, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: ("", "")))
    choose_source(panel, "npz")
    assert session.experiment.data.source == "moons" and panel.picker.combo.currentData() == "moons"


def test_an_npz_of_images_gets_the_image_grid(panel, session, monkeypatch, tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "shapes.npz"
    np.savez(path, X=rng.random((40, 5, 6)), y=np.arange(40) % 2)
    open_file(monkeypatch, path)
    choose_source(panel, "npz")
    assert session.data.image_shape == (5, 6)
    assert panel.preview.kind == "images"
    assert shown(panel.editors["augment.flip"], panel)


# --- training, undo, new experiments ------------------------------------------------------------


def test_the_panel_is_read_only_while_training(qtbot, panel, controller):
    choose_source(panel, "circles")
    controller.step()  # a paused run holds after one mini-batch
    qtbot.waitUntil(lambda: controller.busy, timeout=10_000)
    assert panel.is_read_only()
    assert not panel.picker.combo.isEnabled() and not panel.presets["98/1/1"].isEnabled()
    assert not panel.editors["n"].isEnabled()
    assert panel.editors["n"].input.toolTip() == LOCKED_WHILE_TRAINING
    assert not panel.undo_stack.canUndo()
    controller.stop()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10_000)
    assert not panel.is_read_only() and panel.editors["n"].isEnabled()
    assert panel.undo_stack.canUndo() and panel.undo_stack.undoText() == "Use Circles"


def test_undo_restores_the_previous_source(panel, session):
    choose_source(panel, "circles")
    choose_source(panel, "xor")
    panel.undo_stack.undo()
    assert session.experiment.data.source == "moons" and panel.picker.combo.currentData() == "moons"
    assert session.data.source == "moons"
    panel.undo_stack.redo()
    assert session.experiment.data.source == "xor" and session.data.source == "xor"


def test_edits_of_one_field_merge_and_other_fields_are_steps(qtbot, panel, session):
    type_into(qtbot, panel, "n", "200")
    type_into(qtbot, panel, "n", "300")
    type_into(qtbot, panel, "noise", "0.3")
    assert panel.undo_stack.count() == 2
    panel.undo_stack.undo()
    assert session.experiment.data.noise == 0.2 and session.experiment.data.n == 300
    panel.undo_stack.undo()
    assert session.experiment.data.n == 120 and panel.editors["n"].input.text() == "120"
    assert session.data.train.m == 72


def test_a_toggle_switched_back_leaves_no_undo_step(qtbot, panel):
    click(qtbot, panel, "normalize")
    click(qtbot, panel, "normalize")
    assert panel.undo_stack.count() == 0


def test_a_new_experiment_is_read_in_without_edits(qtbot, panel, session):
    choose_source(panel, "circles")
    edits = []
    panel.edited.connect(edits.append)
    experiment = session.experiment.model_copy(deep=True)
    experiment.data = DataConfig(source="digits", seed=3)
    session.replace(experiment)
    assert edits == [] and not session.dirty
    assert panel.picker.combo.currentData() == "digits"
    assert panel.editors["seed"].input.text() == "3"
    assert panel.preview.kind == "images" and panel.undo_stack.count() == 0
    type_into(qtbot, panel, "seed", "4")
    assert session.experiment.data is experiment.data and experiment.data.seed == 4


def test_the_panel_fits_a_narrow_dock_and_scrolls(panel):
    scroll = panel.findChild(QScrollArea)
    for source in ("moons", "digits", "iris"):
        choose_source(panel, source)
        assert scroll.widget().minimumSizeHint().width() <= 340 - scroll.verticalScrollBar().width()
    panel.resize(340, 500)
    assert scroll.verticalScrollBar().maximum() > 0
