"""The main window end to end: train, pause, step, stop, close mid-run, files, layout."""

import numpy as np
from PySide6.QtCore import Qt

from visualnet.core.experiment import Experiment


def wait_state(qtbot, window, *states, timeout=20_000):
    qtbot.waitUntil(lambda: window.controller.state in states, timeout=timeout)


def test_space_trains_and_the_cost_plot_receives_every_iteration(qtbot, main_window):
    qtbot.keyClick(main_window, Qt.Key.Key_Space)
    wait_state(qtbot, main_window, "finished")
    cost = main_window.plots["cost"]
    x, y = cost.raw.getData()
    # 120 moons → 72 training examples; batches of 16 → 5 per epoch; 3 epochs.
    assert list(x) == list(range(1, 16))
    assert np.all(np.isfinite(y))
    assert len(cost.train.getData()[0]) == 3
    assert "Epoch 3/3" in main_window.run_bar.progress.format()


def test_pause_step_and_stop(qtbot, main_window):
    main_window.session.experiment.training.epochs = 100_000
    bar = main_window.run_bar
    bar.step_action.trigger()
    qtbot.waitUntil(lambda: main_window.controller.trainer.iteration == 1, timeout=10_000)
    wait_state(qtbot, main_window, "paused")
    assert bar.train_action.text() == "Resume"
    bar.step_action.trigger()
    qtbot.waitUntil(lambda: main_window.controller.trainer.iteration == 2, timeout=10_000)
    bar.train_action.trigger()
    wait_state(qtbot, main_window, "running")
    qtbot.waitUntil(lambda: main_window.controller.trainer.iteration > 10, timeout=10_000)
    bar.pause_action.trigger()
    wait_state(qtbot, main_window, "paused")
    held = main_window.controller.trainer.iteration
    qtbot.wait(200)
    assert main_window.controller.trainer.iteration == held
    bar.stop_action.trigger()
    wait_state(qtbot, main_window, "stopped")
    assert not bar.stop_action.isEnabled()


def test_closing_while_training_stops_the_worker_cleanly(qtbot, main_window):
    main_window.session.experiment.training.epochs = 1_000_000
    main_window.controller.train()
    wait_state(qtbot, main_window, "running")
    thread = main_window.controller._thread
    main_window.session.dirty = False
    assert main_window.close()
    assert thread.isFinished()


def test_an_invalid_stack_disables_train_with_the_reason(qtbot, main_window):
    layers = [layer.model_dump() for layer in main_window.session.experiment.network.layers]
    main_window.builder.set_layers(layers[:-1], undoable=True)
    action = main_window.run_bar.train_action
    assert not action.isEnabled()
    assert "last layer must be an output activation" in action.toolTip()
    qtbot.keyClick(main_window.builder, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert action.isEnabled()


def test_save_then_reopen_gives_the_same_experiment(qtbot, main_window, tmp_path):
    main_window.session.experiment.training.optimizer.lr = 0.05
    main_window.session.edited("training")
    assert main_window.windowTitle().startswith("tiny *")
    path = tmp_path / "saved.vnet.json"
    main_window.session.save(path)
    assert "*" not in main_window.windowTitle()
    saved = main_window.session.experiment.to_dict()
    main_window.files.new()
    assert main_window.session.experiment.training.optimizer.lr != 0.05
    assert main_window.files.open(path)
    assert Experiment.load(path).to_dict() == saved
    assert main_window.session.experiment.to_dict() == saved
    assert [la.get("units") for la in main_window.builder.layers()] == [6, None, None, 1, None]


def test_closing_with_unsaved_changes_asks_first(qtbot, main_window, no_modal_dialogs):
    main_window.session.experiment.training.epochs = 7
    main_window.session.edited("training")
    assert main_window.close()
    assert no_modal_dialogs[-1][:2] == ("question", "Unsaved changes")


def test_opening_a_bad_file_shows_a_dialog_naming_the_file(qtbot, main_window, tmp_path,
                                                            no_modal_dialogs):
    bad = tmp_path / "broken.vnet.json"
    bad.write_text('{"format": "visualnet-experiment", "version": 1, "seed": -1}')
    assert not main_window.files.open(bad)
    kind, _title, text = no_modal_dialogs[-1]
    assert kind == "warning" and str(bad) in text and "seed must be in [0, 4294967295]" in text
    assert main_window.session.experiment.name == "tiny"


def test_edit_undo_follows_the_panel_in_focus(qtbot, main_window):
    window = main_window
    lr = window.form.editors["training.optimizer.lr"]
    lr.input.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.form_undo)
    assert lr.commit(0.02) and lr.commit(0.03)  # one field twice: one undo step
    assert window.form_undo.count() == 1
    undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Undo"))
    undo.trigger()
    assert window.session.experiment.training.optimizer.lr == 0.01
    assert lr.value() == 0.01
    window.builder.stack.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.builder.undo_stack)
    window.data_panel.editors["n"].input.setFocus()
    qtbot.waitUntil(lambda: window.undo_group.activeStack() is window.data_panel.undo_stack)


def test_export_weights_after_training_in_every_format(qtbot, main_window, tmp_path):
    from visualnet.core import load_model

    exports = main_window.weights_export
    assert not exports.actions["npz"].isEnabled()
    main_window.controller.train()
    wait_state(qtbot, main_window, "finished")
    assert all(action.isEnabled() for action in exports.actions.values())
    trainer = main_window.controller.trainer
    X = trainer.data.dev.X_raw
    expected = trainer.net.predict(trainer.data.preprocessor.apply(X).astype(np.float32))
    for key, name in [("npz", "w.npz"), ("safetensors", "w.safetensors"), ("onnx", "w.onnx"),
                      ("torch", "model.py")]:
        written = exports.export(key, str(tmp_path / name))
        assert all(path.exists() for path in written) and written
    for name in ("w.npz", "w.safetensors"):
        np.testing.assert_allclose(load_model(tmp_path / name).predict(X), expected, rtol=1e-6)


def test_data_without_a_plane_brings_the_network_diagram_in_front(qtbot, main_window):
    combo = main_window.data_panel.picker.combo
    docks = main_window.docks

    def choose(name):
        combo.setCurrentIndex(combo.findData(name))
        combo.activated.emit(combo.currentIndex())

    def in_front(key):
        return not docks[key].visibleRegion().isEmpty()

    assert in_front("boundary") and not in_front("diagram")
    choose("digits")  # 64 inputs: no decision boundary to draw
    qtbot.waitUntil(lambda: in_front("diagram"))
    assert not in_front("boundary")
    choose("moons")
    qtbot.waitUntil(lambda: in_front("boundary"))
    docks["diagram"].raise_()  # the user prefers the diagram…
    choose("circles")  # …and keeps it while the data stays 2-D
    qtbot.wait(50)
    assert in_front("diagram")


def test_a_window_bigger_than_its_screen_shrinks_into_it(qtbot, main_window):
    room = main_window.screen().availableGeometry()
    main_window.resize(room.width() + 900, room.height() + 700)
    main_window.fit_to_screen()
    smallest = main_window.minimumSizeHint()
    assert main_window.width() <= max(room.width(), smallest.width())
    assert main_window.height() <= max(room.height(), smallest.height())
    before = main_window.size()
    main_window.fit_to_screen()  # already inside: left as it is
    assert main_window.size() == before


def click_tab(qtbot, window, title):
    bar = window.tabs.tabBar()
    index = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentIndex() == index


def test_the_training_panels_step_aside_for_the_race_and_come_back_as_they_were(
        qtbot, main_window, settings):
    window = main_window
    docks = window.docks

    def in_front(key):
        return not docks[key].visibleRegion().isEmpty()

    docks["data"].toggleViewAction().trigger()  # the user closed Data
    docks["hyperparameters"].raise_()
    qtbot.waitUntil(lambda: in_front("hyperparameters") and not in_front("network"))
    race_width = window.race_tab.width()
    click_tab(qtbot, window, "Optimizer race")
    qtbot.waitUntil(lambda: not docks["hyperparameters"].isVisible())
    assert not docks["network"].isVisible()
    qtbot.waitUntil(lambda: window.race_tab.width() > race_width + 200)  # the race gets the room
    click_tab(qtbot, window, "Search")  # a search varies the experiment these panels edit
    qtbot.waitUntil(lambda: in_front("hyperparameters"))
    assert not in_front("network") and docks["network"].toggleViewAction().isChecked()
    assert not docks["data"].toggleViewAction().isChecked()  # closed by the user: stays closed

    click_tab(qtbot, window, "Optimizer race")
    window.close()  # the saved layout has the panels, not the race's view of them
    from visualnet.app.session import Session
    from visualnet.app.window import MainWindow

    fresh = MainWindow(Session(), settings)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    assert fresh.docks["hyperparameters"].isVisible()
    assert fresh.docks["network"].toggleViewAction().isChecked()


def test_the_view_menu_lists_every_panel_and_plot_before_reset_layout(main_window):
    texts = [action.text() for action in main_window.view_menu.actions()]
    reset = texts.index("Reset &layout")
    for dock in main_window.docks.values():
        assert texts.index(dock.toggleViewAction().text()) < reset, dock.windowTitle()


def test_the_default_layout_gives_the_top_row_the_larger_share_and_keeps_the_users_split(
        qtbot, main_window, settings):
    from visualnet.app.session import Session
    from visualnet.app.window import TOP_ROW_SHARE, MainWindow

    def top_share(window):
        top, bottom = window.docks["boundary"].height(), window.docks["velocity"].height()
        return top / (top + bottom)

    qtbot.waitUntil(lambda: abs(top_share(main_window) - TOP_ROW_SHARE) < 0.04)
    area = main_window.training_area
    area.resizeDocks([main_window.docks["boundary"], main_window.docks["velocity"]], [700, 200],
                     Qt.Orientation.Vertical)  # what dragging the splitter between the rows does
    qtbot.waitUntil(lambda: top_share(main_window) > 0.7)
    bottom = main_window.docks["velocity"].height()
    main_window.close()
    fresh = MainWindow(Session(), settings)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitExposed(fresh)
    qtbot.wait(50)  # a default split would come in the event loop's next pass
    assert fresh.docks["velocity"].height() == bottom  # the user's own split, as they left it
    fresh.resize(1600, 1000)  # where Qt alone would halve the height
    reset = next(a for a in fresh.view_menu.actions() if a.text() == "Reset &layout")
    reset.trigger()
    qtbot.waitUntil(lambda: abs(top_share(fresh) - TOP_ROW_SHARE) < 0.04)
    fresh.session.dirty = False


def test_the_default_split_holds_when_teaching_mode_hides_the_boundary_and_the_velocity(
        qtbot, tiny_experiment, settings):
    from visualnet.app.session import Session
    from visualnet.app.window import TOP_ROW_SHARE, MainWindow

    tiny_experiment.view.hidden = ["boundary", "diagram", "velocity"]
    window = MainWindow(Session(tiny_experiment), settings)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    docks, area = window.docks, window.training_area
    assert not docks["boundary"].isVisible() and not docks["velocity"].isVisible()

    def top_share():  # cost and error stacked on the left are the top row now
        return (docks["cost"].height() + docks["error"].height()) / area.height()

    qtbot.waitUntil(lambda: abs(top_share() - TOP_ROW_SHARE) < 0.05)
    window.session.dirty = False
