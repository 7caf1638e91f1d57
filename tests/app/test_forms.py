"""The hyperparameter form and its schema-driven field editors, driven like a student would."""

import pytest
from PySide6.QtCore import Qt

from visualnet.app.forms import HyperparameterForm, editor_for, numbers
from visualnet.app.forms.fields import BoolEditor, ChoiceEditor, NumberEditor
from visualnet.app.forms.hyperparameters import LOCKED_WHILE_TRAINING
from visualnet.core import schedules
from visualnet.core.experiment import (
    OPTIMIZER_FIELDS,
    SCHEDULE_FIELDS,
    Experiment,
    OptimizerConfig,
    TrainingConfig,
)

LR = "training.optimizer.lr"
BATCH = "training.mini_batch_size"


@pytest.fixture
def experiment():
    return Experiment()


@pytest.fixture
def form(qtbot, experiment):
    form = HyperparameterForm(experiment)
    qtbot.addWidget(form)
    form.set_m(400)
    form.show()
    return form


def type_into(qtbot, form, path, text):
    box = form.editors[path].input
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def choose(form, path, value):
    combo = form.editors[path].input
    combo.setCurrentIndex(combo.findData(value))


def shown(form, prefix):
    """Names of the visible fields under ``prefix`` (the choice itself left out)."""
    return {
        path.rpartition(".")[2]
        for path, editor in form.editors.items()
        if path.startswith(prefix + ".") and not path.endswith(".name") and editor.isVisibleTo(form)
    }


# --- refusing bad values ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["-1", "abc", "100", "0", "nan", ""])
def test_a_bad_alpha_is_refused_with_the_allowed_range(qtbot, form, experiment, text):
    with qtbot.assertNotEmitted(form.changed):
        type_into(qtbot, form, LR, text)
    editor = form.editors[LR]
    assert experiment.training.optimizer.lr == 0.01
    assert editor.error.startswith("α must be")
    assert "(0, 10]" in editor.error
    assert editor.input.text() == "0.01"
    assert editor._message.isVisibleTo(form)


def test_a_refusal_says_what_was_typed(qtbot, form):
    type_into(qtbot, form, LR, "100")
    assert form.editors[LR].error == "α must be in (0, 10], got 100"
    type_into(qtbot, form, LR, "abc")
    assert form.editors[LR].error == "α must be a number in (0, 10], got 'abc'"


def test_a_whole_number_field_refuses_fractions(qtbot, form, experiment):
    type_into(qtbot, form, "training.epochs", "2.5")
    assert experiment.training.epochs == 100
    assert form.editors["training.epochs"].error.startswith("Epochs must be a whole number")


def test_a_good_value_clears_the_refusal(qtbot, form):
    type_into(qtbot, form, LR, "-1")
    type_into(qtbot, form, LR, "0.1")
    assert form.editors[LR].error == ""
    assert not form.editors[LR]._message.isVisibleTo(form)


# --- α and its log slider -----------------------------------------------------------------------


def test_a_good_alpha_reaches_the_model_and_the_slider(qtbot, form, experiment):
    with qtbot.waitSignal(form.changed) as signal:
        type_into(qtbot, form, LR, "1e-3")
    assert signal.args == [LR, 0.001]
    assert experiment.training.optimizer.lr == 0.001
    assert form.lr_slider.slider.value() == numbers.log_position(0.001) == -30
    assert form.editors[LR].input.text() == "0.001"


def test_moving_the_slider_sets_alpha(qtbot, form, experiment):
    with qtbot.waitSignal(form.changed) as signal:
        form.lr_slider.slider.setValue(-10)
    assert signal.args == [LR, 0.1]
    assert experiment.training.optimizer.lr == 0.1
    assert form.editors[LR].input.text() == "0.1"


def test_the_slider_steps_are_a_tenth_of_a_decade(qtbot, form, experiment):
    form.lr_slider.slider.setValue(-21)
    assert experiment.training.optimizer.lr == 0.0079
    assert numbers.log_position(0.0079) == -21


def test_scientific_notation_is_accepted_and_shown_short(qtbot, form, experiment):
    type_into(qtbot, form, "training.optimizer.eps", "1e-7")
    assert experiment.training.optimizer.eps == 1e-7
    assert form.editors["training.optimizer.eps"].input.text() == "1e-7"


# --- the optimizer ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(OPTIMIZER_FIELDS))
def test_an_optimizer_shows_only_its_own_fields(qtbot, form, experiment, name):
    choose(form, "training.optimizer.name", name)
    assert experiment.training.optimizer.name == name
    assert shown(form, "training.optimizer") == set(OPTIMIZER_FIELDS[name])


def test_the_update_formula_follows_the_optimizer(qtbot, form):
    assert len(form.update_formula.text().splitlines()) == 4  # Adam
    choose(form, "training.optimizer.name", "gd")
    assert form.update_formula.text() == "W −= α·dW"
    choose(form, "training.optimizer.name", "momentum")
    form.editors["training.optimizer.bias_correction"].input.click()
    assert "(1 − βᵗ)" in form.update_formula.text()


# --- mini-batches -------------------------------------------------------------------------------


def test_presets_set_the_mini_batch_size(qtbot, form, experiment):
    qtbot.mouseClick(form.presets.buttons[128], Qt.MouseButton.LeftButton)
    assert experiment.training.mini_batch_size == 128
    assert form.presets.buttons[128].isChecked()
    qtbot.mouseClick(form.presets.full, Qt.MouseButton.LeftButton)
    assert experiment.training.mini_batch_size == 400
    assert form.presets.full.isChecked()
    assert not form.presets.buttons[128].isChecked()


def test_clicking_the_current_preset_keeps_it_pressed(qtbot, form):
    qtbot.mouseClick(form.presets.buttons[64], Qt.MouseButton.LeftButton)
    assert form.presets.buttons[64].isChecked()


def test_the_mini_batch_size_is_at_most_m(qtbot, form, experiment):
    assert not form.presets.buttons[512].isEnabled()
    type_into(qtbot, form, BATCH, "1000")
    assert experiment.training.mini_batch_size == 64
    assert form.editors[BATCH].error == "Mini-batch size must be in [1, 400], got 1000"
    assert "m = 400" in form.editors[BATCH].input.toolTip()


def test_without_m_only_the_schema_limits_the_mini_batch_size(qtbot, form, experiment):
    form.set_m(None)
    assert not form.presets.full.isEnabled()
    type_into(qtbot, form, BATCH, "1000")
    assert experiment.training.mini_batch_size == 1000


# --- learning-rate decay ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SCHEDULE_FIELDS))
def test_a_schedule_shows_only_its_own_fields_and_formula(qtbot, form, experiment, name):
    choose(form, "training.schedule.name", name)
    assert experiment.training.schedule.name == name
    assert shown(form, "training.schedule") == set(SCHEDULE_FIELDS[name])
    assert form.schedule_formula.text() == schedules.REGISTRY[name].formula


# --- live mode ----------------------------------------------------------------------------------


def test_live_mode_leaves_only_alpha_and_betas_editable(qtbot, form):
    form.set_live(True)
    editable = {path for path, editor in form.editors.items() if editor.isEnabled()}
    assert editable == {
        "training.optimizer.lr",
        "training.optimizer.beta",
        "training.optimizer.beta1",
        "training.optimizer.beta2",
    }
    assert form.editors["training.epochs"].input.toolTip() == LOCKED_WHILE_TRAINING
    assert form.lr_slider.isEnabled()
    assert not form.presets.full.isEnabled()
    form.set_live(False)
    assert all(editor.isEnabled() for editor in form.editors.values())
    assert "Passes through the training set" in form.editors["training.epochs"].input.toolTip()


def test_live_edits_are_sent_to_the_trainer(qtbot, form, experiment):
    form.set_live(True)
    with qtbot.waitSignal(form.liveChanged) as live, qtbot.waitSignal(form.changed):
        type_into(qtbot, form, LR, "0.02")
    assert live.args == ["lr", 0.02]
    with qtbot.waitSignal(form.liveChanged) as live:
        type_into(qtbot, form, "training.optimizer.beta2", "0.99")
    assert live.args == ["beta2", 0.99]
    with qtbot.waitSignal(form.liveChanged) as live:
        form.lr_slider.slider.setValue(-30)
    assert live.args == ["lr", 0.001]


def test_edits_outside_live_mode_are_not_sent_to_the_trainer(qtbot, form):
    with qtbot.assertNotEmitted(form.liveChanged):
        type_into(qtbot, form, LR, "0.02")


# --- refresh and bind ---------------------------------------------------------------------------


def test_refresh_shows_outside_changes_without_emitting(qtbot, form, experiment):
    type_into(qtbot, form, LR, "-1")
    experiment.seed = 7
    experiment.training = TrainingConfig(
        optimizer=OptimizerConfig(name="rmsprop", lr=0.5), epochs=3, mini_batch_size=128
    )
    with qtbot.assertNotEmitted(form.changed), qtbot.assertNotEmitted(form.liveChanged):
        form.refresh()
    assert form.editors[LR].input.text() == "0.5"
    assert form.editors[LR].error == ""
    assert form.editors["seed"].input.text() == "7"
    assert form.editors["training.epochs"].input.text() == "3"
    assert form.editors["training.optimizer.name"].input.currentData() == "rmsprop"
    assert shown(form, "training.optimizer") == set(OPTIMIZER_FIELDS["rmsprop"])
    assert form.lr_slider.slider.value() == numbers.log_position(0.5)
    assert form.presets.buttons[128].isChecked()


def test_bind_edits_the_new_experiment(qtbot, form, experiment):
    other = Experiment(seed=3)
    form.bind(other)
    assert form.editors["seed"].input.text() == "3"
    type_into(qtbot, form, "seed", "4294967295")
    assert other.seed == 2**32 - 1
    assert experiment.seed == 0


# --- the generic field editors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [("lr", NumberEditor), ("name", ChoiceEditor), ("bias_correction", BoolEditor)],
)
def test_the_editor_fits_the_field_type(qtbot, name, kind):
    editor = editor_for(OptimizerConfig(), name)
    qtbot.addWidget(editor)
    assert type(editor) is kind


def test_tooltips_give_the_formula_and_the_range(qtbot):
    editor = editor_for(OptimizerConfig(), "beta2")
    qtbot.addWidget(editor)
    assert editor.input.toolTip() == "β₂: s = β₂·s + (1 − β₂)·dW²\nβ₂ must be in [0, 1)"
    assert editor.label.toolTip() == editor.input.toolTip()


def test_choices_show_readable_labels(qtbot):
    editor = editor_for(OptimizerConfig(), "name")
    qtbot.addWidget(editor)
    combo = editor.input
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Gradient descent", "Momentum", "Nesterov momentum", "RMSprop", "Adam", "AdaGrad",
    ]


def test_arrows_stop_at_the_ends_of_the_range(qtbot):
    config = OptimizerConfig(beta=0.9)
    editor = editor_for(config, "beta")
    qtbot.addWidget(editor)
    box = editor.input
    assert not box.stepEnabled() & box.StepEnabledFlag.StepUpEnabled  # 1.0 is not < 1
    box.stepBy(-1)
    assert config.beta == 0.8
    editor.commit(0.0)
    assert not box.stepEnabled() & box.StepEnabledFlag.StepDownEnabled


def test_a_refused_commit_leaves_the_model_alone(qtbot):
    config = OptimizerConfig()
    editor = editor_for(config, "eps")
    qtbot.addWidget(editor)
    with qtbot.assertNotEmitted(editor.committed):
        assert not editor.commit(2.0)
    assert config.eps == 1e-8
    assert editor.error == "ε must be in (0, 1], got 2"


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "integer", "value"),
    [("1e-8", False, 1e-8), (" 64 ", True, 64), ("1e3", True, 1000), ("2.5", True, None),
     ("inf", False, None), ("abc", False, None), ("4294967295", True, 2**32 - 1)],
)
def test_parse(text, integer, value):
    assert numbers.parse(text, integer) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.01, "0.01"), (1e-8, "1e-8"), (0.999, "0.999"), (1 / 3, "0.333333"), (64, "64"),
     (1e6, "1e6"), (0.0, "0")],
)
def test_show(value, text):
    assert numbers.show(value) == text


@pytest.mark.parametrize(
    ("value", "steps", "after"),
    [(0.3, 1, 0.4), (0.1, -1, 0.09), (0.09, 1, 0.1), (1e-8, -1, 9e-9), (0.0, 1, 0.1),
     (0.01, 3, 0.04)],
)
def test_float_steps_move_the_leading_digit(value, steps, after):
    assert numbers.stepped(value, steps, integer=False) == after


def test_log_positions_round_trip():
    for position in range(-50, 11):
        assert numbers.log_position(numbers.log_value(position)) == position
