"""The "Optimizer race" tab, driven like a student would: click a start, play, step, switch
panels, add racers, take a step apart, export; and ``visualnet race --png``."""

import argparse
import csv

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from visualnet.app.race import RaceTab
from visualnet.app.race.surface_picker import DEFAULT_EXPRESSION
from visualnet.cli import race as race_command
from visualnet.core.race import custom, ranked, results
from visualnet.core.race.geometry import trail_segments
from visualnet.core.race.steps import PHASES


@pytest.fixture
def tab(qtbot, qapp):
    from visualnet.app.main import configure

    configure(qapp)
    tab = RaceTab()
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def click_at(qtbot, tab, x, y, panel=None):
    """A left click on the surface at data point (x, y)."""
    panel = panel or tab.canvas.overlay
    view = tab.canvas.grid_view if tab.canvas.side_by_side else tab.canvas.overlay_view
    scene_point = panel.plot.vb.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.mapFromScene(scene_point))


def trail(panel, k=0):
    x, y = panel.trails[k].getData()
    return np.column_stack([x, y])


def _check_trail(panel, k, position):
    """The drawn trail is the racer's path (the steps a screen can tell apart); the head is
    its last point."""
    np.testing.assert_array_equal(trail(panel, k), trail_segments(position, panel.pixel))
    np.testing.assert_array_equal(trail(panel, k)[0], position[0])
    x, y = panel.heads[k].getData()
    np.testing.assert_array_equal((x[0], y[0]), position[-1])


def type_into(qtbot, editor, text):
    box = editor.input
    box.lineEdit().selectAll() if hasattr(box, "lineEdit") else box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


# --- start, play, step, reset --------------------------------------------------------------------


def test_starts_ready_on_the_bowl_with_four_racers(tab):
    race = tab.race
    assert race.surface.key == "bowl" and race.t == 0
    assert [e.optimizer for e in race.entries] == ["gd", "momentum", "rmsprop", "adam"]
    assert tab.racers.list.count() == 4
    assert "½(x² + 40·y²)" in tab.picker.formula.text()
    assert tab.picker.about.text().startswith("GD zigzags")
    assert len(set(tab.racers.colours())) == 4


def test_clicking_the_surface_sets_the_start_and_resets(qtbot, tab):
    tab.race.step(20)
    click_at(qtbot, tab, 0.8, -0.3)
    width, height = tab.canvas.overlay.pixel
    assert tab.race.start == pytest.approx((0.8, -0.3), abs=2 * max(width, height))
    assert tab.race.t == 0
    start = tab.canvas.overlay.start.getData()
    assert (start[0][0], start[1][0]) == pytest.approx(tab.race.start)


def test_play_until_n_steps_then_pause_step_and_reset(qtbot, tab):
    tab.set_speed(10)
    assert tab.speed_label.text() == "10×"
    tab.play()
    assert tab.playing and tab.play_action.text() == "Pause"
    qtbot.waitUntil(lambda: tab.race.t >= 60, timeout=10_000)
    tab.pause()
    t = tab.race.t
    assert not tab.playing and tab.play_action.text() == "Play"
    for k in range(4):
        _check_trail(tab.canvas.overlay, k, tab.race.trajectory(k).position)
    tab.step()
    assert tab.race.t == t + 1
    assert tab.counter.text().startswith(f"step {t + 1:,} of 1,000")
    tab.reset()
    assert tab.race.t == 0 and len(trail(tab.canvas.overlay)) == 0


def test_play_stops_at_the_race_length(qtbot, tab):
    type_into(qtbot, tab.setting_editors["steps"], "25")
    assert tab.settings.steps == 25
    tab.set_speed(10)
    tab.play()
    qtbot.waitUntil(lambda: not tab.playing, timeout=10_000)
    assert tab.race.t == 25
    tab.step()  # the race is over: no step beyond its length
    assert tab.race.t == 25


def test_keys_inside_the_tab_play_step_and_reset(qtbot, tab):
    view = tab.canvas.overlay_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert tab.race.t == 2
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert tab.race.t == 0
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert tab.playing
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not tab.playing
    # Typing into a field keeps its keys.
    tab.picker.combo.setCurrentIndex(tab.picker.combo.findData("custom"))
    tab.picker.expression.setFocus()
    qtbot.keyClick(tab.picker.expression, Qt.Key.Key_Space)
    assert not tab.playing


def test_space_in_the_race_tab_plays_and_does_not_train(qtbot, main_window):
    race_tab = RaceTab(main_window)
    main_window.tabs.addTab(race_tab, "Optimizer race")
    main_window.tabs.setCurrentWidget(race_tab)
    qtbot.waitExposed(race_tab)
    race_tab.canvas.overlay_view.setFocus()
    qtbot.keyClick(race_tab.canvas.overlay_view, Qt.Key.Key_Space)
    assert race_tab.playing
    assert main_window.controller.state not in ("running", "paused")
    race_tab.pause()


# --- views ---------------------------------------------------------------------------------------


def test_side_by_side_shows_one_panel_per_racer_and_overlay_all(qtbot, tab):
    tab.race.step(30)
    qtbot.mouseClick(tab.grid_button, Qt.MouseButton.LeftButton)
    canvas = tab.canvas
    assert canvas.side_by_side and tab.grid_button.isChecked()
    panels = canvas.visible_panels
    assert len(panels) == 4
    for k, panel in enumerate(panels):
        assert panel.indices == [k]
        assert panel.plot.titleLabel.text == tab.race.entries[k].label
        _check_trail(panel, 0, tab.race.trajectory(k).position)
    # A click on a small panel sets the start too.
    click_at(qtbot, tab, -1.0, 0.2, panel=panels[2])
    assert tab.race.start == pytest.approx((-1.0, 0.2), abs=0.05)
    # A racer added or removed gets or loses its panel.
    tab.racers.add("nesterov")
    assert len(canvas.visible_panels) == 5
    assert len(canvas.grid_view.ci.items) == 5
    assert canvas.panels[4].plot.titleLabel.text == "Nesterov momentum α=0.045"
    tab.racers.remove(1)
    assert len(canvas.visible_panels) == 4 and len(canvas.grid_view.ci.items) == 4
    assert [p.plot.titleLabel.text for p in canvas.visible_panels] == [
        e.label for e in tab.race.entries]
    qtbot.mouseClick(tab.overlay_button, Qt.MouseButton.LeftButton)
    assert not canvas.side_by_side and canvas.visible_panels == [canvas.overlay]
    assert canvas.overlay.indices == [0, 1, 2, 3]


def test_heat_map_and_contours_toggle(qtbot, tab):
    overlay = tab.canvas.overlay
    assert not overlay.image.isVisible()
    assert sum(len(c.getData()[0]) for c in overlay.contours) > 100
    qtbot.mouseClick(tab.heat_button, Qt.MouseButton.LeftButton)
    assert overlay.image.isVisible() and overlay.image.image.shape == (200, 200)
    qtbot.mouseClick(tab.contour_button, Qt.MouseButton.LeftButton)
    assert not overlay.image.isVisible()


# --- racers and surfaces -------------------------------------------------------------------------


def test_a_second_adam_with_another_alpha_races_in_its_own_colour(qtbot, tab):
    adam = next(a for a in tab.racers.add_button.menu().actions() if a.text() == "Adam")
    adam.trigger()
    assert tab.racers.list.currentRow() == 4
    type_into(qtbot, tab.racers.editors["lr"], "0.01")
    entries = tab.race.entries
    assert [e.optimizer for e in entries].count("adam") == 2
    assert entries[3].hyperparameters["lr"] == pytest.approx(0.045)
    assert entries[4].hyperparameters["lr"] == 0.01
    assert entries[4].label == "Adam α=0.01"
    assert tab.racers.list.item(4).text() == "Adam α=0.01"
    assert len(set(tab.racers.colours())) == 5
    assert tab.canvas.overlay.indices == [0, 1, 2, 3, 4]
    tab.race.step(5)
    assert not np.array_equal(tab.race.trajectory(3).position, tab.race.trajectory(4).position)
    # The form shows Adam's own fields only; a value out of range is refused in place.
    shown = {n for n, e in tab.racers.editors.items() if e.isVisibleTo(tab.racers)}
    assert shown == {"name", "lr", "beta1", "beta2", "eps"}
    type_into(qtbot, tab.racers.editors["beta1"], "1.5")
    assert "β₁ must be in [0, 1), got 1.5" in tab.racers.editors["beta1"].error
    assert tab.race.entries[4].hyperparameters["beta1"] == 0.9
    tab.racers.remove(4)
    assert len(tab.race.entries) == 4


def test_alpha_follows_the_surface_until_the_user_sets_it(qtbot, tab):
    type_into(qtbot, tab.racers.editors["lr"], "0.2")  # Adam, selected
    tab.picker.choose("rosenbrock")
    lrs = [e.hyperparameters["lr"] for e in tab.race.entries]
    assert lrs == [0.0015, 0.0015, 0.1, 0.2]
    assert tab.race.start == (-1.2, 1.0)


def test_a_bad_custom_expression_shows_the_core_error_and_keeps_the_surface(qtbot, tab):
    picker = tab.picker
    picker.combo.setCurrentIndex(picker.combo.findData("custom"))
    assert tab.race.surface.formula == DEFAULT_EXPRESSION
    assert picker.expression.isVisible()
    bad = "x**2 + np.sin(y)"
    picker.expression.setText(bad)
    qtbot.keyClick(picker.expression, Qt.Key.Key_Return)
    with pytest.raises(ValueError) as refused:
        custom(bad)
    assert picker.error.isVisible() and picker.error.text() == str(refused.value)
    assert tab.race.surface.formula == DEFAULT_EXPRESSION
    picker.expression.setText("(x - 1)**2 + y**2")
    qtbot.keyClick(picker.expression, Qt.Key.Key_Return)
    assert not picker.error.isVisible()
    assert tab.race.surface.formula == "(x - 1)**2 + y**2"
    assert not tab.loss.log  # no known minimum: f on a linear scale


def test_a_custom_surface_undefined_at_the_start_or_the_click_is_refused(qtbot, tab):
    assert not tab.picker.set_expression("log(x) + y**2")  # the start is (−2, 2)
    assert "not defined at the start (-2, 2)" in tab.picker.error.text()
    assert tab.race.surface.key == "bowl"
    assert tab.picker.set_expression("sqrt(x + 3) + y**2")
    click_at(qtbot, tab, -2.0, 1.0)
    assert tab.race.start == pytest.approx((-2.0, 1.0), abs=0.05)
    click_at(qtbot, tab, -2.0, 1.0)  # fine again; now where sqrt is undefined:
    tab.set_start(-3.5, 0.0)
    assert tab.problem.isVisible() and "not defined at the start" in tab.problem.text()
    assert tab.race.start == pytest.approx((-2.0, 1.0), abs=0.05)


def test_a_racer_that_diverges_stops_while_the_others_race_on(qtbot, tab):
    tab.racers.list.setCurrentRow(0)
    type_into(qtbot, tab.racers.editors["lr"], "0.06")  # GD: y grows 1.4× a step
    tab.finish()
    stopped = tab.race.diverged_at
    assert stopped[0] is not None and stopped[1] is None
    row = next(r for r in range(4) if tab.table.item(r, 1).text().startswith("Gradient"))
    assert tab.table.item(row, 6).text() == f"diverged at {stopped[0]}"
    assert row == 3  # the diverged come last
    assert tab.canvas.overlay.heads[0].opts["symbol"] == "x"
    assert tab.canvas.overlay.heads[1].opts["symbol"] == "o"
    assert tab.race.t == 1000


def test_a_surface_parameter_rebuilds_the_race_or_is_refused(qtbot, tab):
    box = tab.picker.boxes["condition"]
    box.lineEdit().setText("10")
    box.editingFinished.emit()
    assert tab.race.surface.title == "Elongated bowl (κ = 10)"
    box.lineEdit().setText("0.5")
    box.editingFinished.emit()
    assert tab.picker.error.text() == "the condition number κ must be ≥ 1, got 0.5"
    assert tab.race.surface.title == "Elongated bowl (κ = 10)"
    assert box.text() == "10"


def test_noise_and_seed_give_a_reproducible_race(qtbot, tab):
    type_into(qtbot, tab.setting_editors["noise"], "0.5")
    type_into(qtbot, tab.setting_editors["seed"], "7")
    assert (tab.race.noise, tab.race.seed) == (0.5, 7)
    tab.race.step(30)
    first = tab.race.trajectory(0).position.copy()
    tab.reset()
    tab.race.step(30)
    np.testing.assert_array_equal(tab.race.trajectory(0).position, first)


# --- step by step --------------------------------------------------------------------------------


def test_step_by_step_marks_equal_the_trajectory_at_the_head(qtbot, tab):
    tab.race.step(4)
    tab.reset()
    tab.set_step_mode(True)
    assert tab.caption.isVisible() and "press Step" in tab.caption.text()
    titles = ["1. gradient dW at the head",
              "2. decay the velocity by β₁ and add (1 − β₁)·dW",
              "3. divide each axis by √S + ε", "4. step by α"]
    overlay = tab.canvas.overlay
    for t in (1, 2, 3):
        for phase in range(1, 5):
            tab.step()
            assert (tab.race.t, tab.phase) == (t, phase)
            assert titles[phase - 1] in tab.caption.text()
            for k in range(4):
                tr = tab.race.trajectory(k)
                marks = overlay.marks[k]
                head = np.ravel(overlay.heads[k].getData())
                np.testing.assert_array_equal(head, tr.position[t if phase == 4 else t - 1])
                np.testing.assert_array_equal(marks.gradient.vector, -tr.gradient[t])
                _check_tip(marks.gradient, tr.position[t - 1])
                optimizer = tr.optimizer
                if phase >= 2 and optimizer in ("momentum", "adam"):
                    velocity = tr.v_hat[t] if optimizer == "adam" else tr.v[t]
                    np.testing.assert_array_equal(marks.velocity.vector, -velocity)
                    _check_tip(marks.velocity, tr.position[t - 1])
                else:
                    assert marks.velocity.vector is None
                if phase >= 3 and optimizer in ("rmsprop", "adam"):
                    np.testing.assert_allclose(marks.half, np.sqrt(tr.s_hat[t]))
                    assert marks.box.isVisible()
                else:
                    assert marks.half is None
                if phase == 4:
                    np.testing.assert_array_equal(marks.step.vector, tr.update[t])
                    _check_tip(marks.step, tr.position[t - 1])
                else:
                    assert marks.step.vector is None
    # The numbers in the caption are the racer's own.
    assert "update = (" in tab.caption.text()
    tab.set_step_mode(False)
    assert not tab.caption.isVisible()
    assert all(m.gradient.vector is None for m in overlay.marks[:4])


def _check_tip(mark, origin):
    """The drawn arrow ends at origin + scale·vector."""
    np.testing.assert_allclose(mark.tip, origin + mark.scale * mark.vector, rtol=1e-9,
                               atol=1e-12)


def test_step_by_step_skips_the_parts_no_racer_has(qtbot, tab):
    for row in (3, 2, 1):
        tab.racers.list.setCurrentRow(row)
        tab.racers.remove(row)
    assert [e.optimizer for e in tab.race.entries] == ["gd"]
    tab.set_step_mode(True)
    tab.step()
    assert "1. gradient dW at the head" in tab.caption.text()
    tab.step()
    assert (tab.race.t, tab.phase) == (1, 2) and "2. step by α" in tab.caption.text()
    tab.step()
    assert (tab.race.t, tab.phase) == (2, 1)
    assert set(PHASES) >= set(tab._phases)


def test_step_by_step_plays_parts_on_the_timer(qtbot, tab):
    tab.set_step_mode(True)
    tab.set_speed(10)
    tab.play()
    qtbot.waitUntil(lambda: tab.race.t >= 2, timeout=10_000)
    tab.pause()
    assert 1 <= tab.phase <= 4


# --- results and exports -------------------------------------------------------------------------


def test_results_table_is_sorted_as_the_core_ranks(tab):
    tab.finish()
    assert tab.race.t == 1000
    expected = ranked(results(tab.race))
    table = tab.table
    assert table.rowCount() == 4
    assert [table.item(r, 1).text() for r in range(4)] == [r.label for r in expected]
    assert [table.item(r, 0).text() for r in range(4)] == ["1", "2", "3", "4"]
    first = expected[0]
    assert table.item(0, 2).text() == str(first.steps_to_tolerance)
    assert table.item(0, 3).text() == f"{first.final_loss:.4g}"


def test_export_csv_and_png_through_the_dialogs(qtbot, tab, tmp_path, monkeypatch):
    tab.race.step(12)
    answers = iter([str(tmp_path / "race.csv"), str(tmp_path / "view.png")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (next(answers), ""))
    qtbot.mouseClick(_button_of(tab, tab.csv_action), Qt.MouseButton.LeftButton)
    with open(tmp_path / "race.csv") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 * 13
    assert rows[0]["label"] == tab.race.entries[0].label and rows[-1]["step"] == "12"
    qtbot.mouseClick(_button_of(tab, tab.png_action), Qt.MouseButton.LeftButton)
    data = (tmp_path / "view.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    image = QImage(str(tmp_path / "view.png"))
    assert (image.width(), image.height()) == (tab.figure.width(), tab.figure.height())


def test_an_export_that_fails_says_which_file(tab, tmp_path, no_modal_dialogs):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("")
    assert not tab.export_csv(blocker / "race.csv")
    kind, _title, text = no_modal_dialogs[-1]
    assert kind == "warning" and str(blocker / "race.csv") in text


def test_cancelled_dialog_writes_nothing(tab, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert not tab.export_png()
    assert list(tmp_path.iterdir()) == []


def _button_of(tab, action):
    from PySide6.QtWidgets import QToolButton

    return next(b for b in tab.findChildren(QToolButton) if b.defaultAction() is action)


# --- visualnet race --png ------------------------------------------------------------------------


def test_cli_png_draws_the_race(qapp, tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="visualnet")
    race_command.add_parser(parser.add_subparsers(dest="command"))
    path = tmp_path / "race.png"
    args = parser.parse_args(["race", "--surface", "rosenbrock", "--optimizers",
                              "gd,momentum,rmsprop,adam", "--steps", "300", "--png", str(path)])
    assert args.run(args) == 0
    assert f"wrote {path}" in capsys.readouterr().out
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 800 and image.height() > 500
