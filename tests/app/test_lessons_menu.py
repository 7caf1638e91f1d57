"""Lessons menu: one entry per topic; a lesson opens its experiment, plots and explanation."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from visualnet.app import lessons as lessons_app
from visualnet.app import runs
from visualnet.app.lessons import beta_scale
from visualnet.app.lessons.text import blocks, file_label, formula_lines, to_html
from visualnet.core import lessons
from visualnet.core.ewma import ewma
from visualnet.core.lessons import temperature_series


@pytest.fixture
def window(main_window):
    runs.install(main_window)
    lessons_app.install(main_window)
    return main_window


def menu_entries(menu):
    return [a for a in menu.actions() if not a.isSeparator()]


def test_one_menu_entry_per_topic_in_the_course_order(window):
    topics = list(dict.fromkeys(item.topic for item in lessons.lessons()))
    entries = menu_entries(window.lessons_menu)
    assert [a.text() for a in entries] == topics
    vanishing = next(a for a in entries if a.text() == "Vanishing and exploding gradients")
    assert [a.text() for a in vanishing.menu().actions()] == [
        lessons.lesson("exploding_vanishing").title, lessons.lesson("deep_sigmoid").title]
    assert lessons_app.install(window) is window.lessons  # installing twice adds nothing
    assert len(menu_entries(window.lessons_menu)) == len(topics)


def test_initialization_opens_its_experiment_plots_and_explanation(qtbot, window):
    window.docks["histograms"].hide()
    action = next(a for a in menu_entries(window.lessons_menu) if a.text() == "Initialization")
    action.trigger()
    lesson = lessons.lesson("initialization")
    experiment = window.session.experiment
    assert experiment.view.lesson == "initialization"
    assert experiment.to_dict() == lessons.load("initialization").to_dict()
    assert not window.session.dirty and window.session.path is None
    for key in (*lesson.plots, "lesson"):
        qtbot.waitUntil(window.docks[key].isVisible)
    assert not window.docks["ewma"].isVisible()
    panel = window.lessons.panel
    assert panel.title.text() == lesson.title
    text = panel.explanation.toPlainText()
    assert "W[l] = N(0, 1)·√(2 / n[l-1])" in text
    assert "He initialization scales each layer's weights" in text
    assert "monospace" in panel.explanation.toHtml()
    assert [b.text() for b in panel.files.buttons()] == ["zeros", "large random (×10)", "He"]
    assert panel.current_file() == "initialization-zeros.vnet.json"
    assert panel.description.text() == experiment.description


def test_switching_file_in_the_panel_loads_it(qtbot, window):
    window.lessons.choose("initialization")
    panel = window.lessons.panel
    he_button = panel.file_button("initialization-he.vnet.json")
    qtbot.waitUntil(he_button.isVisible)
    qtbot.mouseClick(he_button, Qt.MouseButton.LeftButton,
                     pos=QPoint(10, he_button.height() // 2))  # on the round indicator
    he = lessons.load("initialization", "initialization-he.vnet.json")
    assert window.session.experiment.to_dict() == he.to_dict()
    assert window.session.experiment.name == "Initialization: He"
    assert panel.current_file() == "initialization-he.vnet.json"
    assert panel.description.text() == he.description


def test_unsaved_changes_are_asked_about_first(window, no_modal_dialogs, monkeypatch):
    window.session.edited("training")
    assert window.lessons.choose("softmax")  # the fixture answers "Discard"
    assert no_modal_dialogs[-1][:2] == ("question", "Unsaved changes")
    assert window.session.experiment.view.lesson == "softmax"
    window.session.edited("training")
    monkeypatch.setattr(window.files, "maybe_save", lambda: False)  # the user cancels
    assert not window.lessons.choose("initialization")
    assert window.session.experiment.view.lesson == "softmax"


def test_a_lesson_without_a_lesson_experiment_hides_the_panel(qtbot, window):
    window.lessons.choose("gradient_checking")
    qtbot.waitUntil(window.docks["lesson"].isVisible)
    window.files.new()
    assert not window.docks["lesson"].isVisible()
    assert window.lessons.panel.lesson is None


def test_ewma_demo_follows_the_slider(qtbot, window):
    window.lessons.choose("ewma")
    qtbot.waitUntil(window.docks["ewma"].isVisible)
    demo = window.lessons.demo
    theta = temperature_series()
    demo.slider.setValue(beta_scale.position_of(0.98))
    assert demo.beta == 0.98
    _, v = demo.average.getData()
    _, corrected = demo.corrected.getData()
    np.testing.assert_array_equal(v, ewma(theta, 0.98))
    np.testing.assert_array_equal(corrected, ewma(theta, 0.98, bias_correction=True))
    assert demo.beta_label.text() == "β = 0.98"
    assert demo.window_label.text() == "averages ≈ 50 days"
    demo.slider.setFocus()
    qtbot.keyClick(demo.slider, Qt.Key.Key_PageDown)
    assert demo.beta == beta_scale.beta_at(demo.slider.value()) < 0.98
    np.testing.assert_array_equal(demo.average.getData()[1], ewma(theta, demo.beta))
    demo.correction.setChecked(False)
    assert not demo.corrected.isVisible()


def test_run_all_trains_each_experiment_for_the_runs_dock(qtbot, window):
    window.lessons.choose("lr_decay")
    assert window.lessons.run_all()
    model = window.runs_panel.model
    qtbot.waitUntil(lambda: model.rowCount() == 2 and not window.lessons.running_all,
                    timeout=60_000)
    names = [run.experiment["name"] for run in model.runs]
    assert names == ["Learning-rate decay: constant α",
                     "Learning-rate decay: α = α₀/(1 + decay_rate·epoch)"]
    assert [model.is_ticked(row) for row in range(2)] == [True, True]
    assert model.data(model.index(0, 0)).startswith("#1 constant α · ")
    qtbot.waitUntil(window.docks["runs"].isVisible)


def test_explanations_split_into_text_and_formulas():
    text = "One\ntwo,\n    x = 1,\n        y = 2\nthree.\n\nNext `code`."
    assert blocks(text) == [("text", "One two,"), ("formula", "x = 1,\n    y = 2"),
                            ("text", "three."), ("break", ""), ("text", "Next `code`.")]
    assert '<span style="font-family:' in to_html(text)
    for lesson in lessons.lessons():
        assert any(kind == "formula" for kind, _ in blocks(lesson.explanation)), lesson.id


def test_formulas_one_per_line_and_indented_under_their_name():
    table = ("gradient descent   W −= α·dW\n"
             "Adam               v = β₁·v + (1 − β₁)·dW;   s = β₂·s + (1 − β₂)·dW²;\n"
             "                   W −= α·v̂ / (√ŝ + ε)")
    assert formula_lines(table) == [
        (0, "gradient descent"), (1, "W −= α·dW"), (0, "Adam"), (1, "v = β₁·v + (1 − β₁)·dW;"),
        (1, "s = β₂·s + (1 − β₂)·dW²;"), (1, "W −= α·v̂ / (√ŝ + ε)")]
    assert formula_lines("v₀ = 0,    v_t = β·v_{t-1} + (1 − β)·θ_t.") == [
        (0, "v₀ = 0,"), (0, "v_t = β·v_{t-1} + (1 − β)·θ_t.")]
    assert formula_lines("for t = 1 … T:  J{t} = 0;  backprop;") == [
        (0, "for t = 1 … T:"), (1, "J{t} = 0;"), (1, "backprop;")]


def test_file_labels_and_the_beta_scale():
    assert file_label("Initialization: large random (×10)") == "large random (×10)"
    assert file_label("Gradient checking") == "Gradient checking"
    low, high = beta_scale.positions()
    assert beta_scale.beta_at(low) == 0.5 and beta_scale.beta_at(high) == 0.999
    for beta in (0.5, 0.9, 0.98, 0.99, 0.999):
        assert beta_scale.beta_at(beta_scale.position_of(beta)) == beta
    betas = [beta_scale.beta_at(p) for p in range(low, high + 1)]
    assert betas == sorted(betas)
