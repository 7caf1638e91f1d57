"""File ▸ New / Open / Save / Save As / Open Recent, driven with the keyboard and the menus."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from visualnet.core.experiment import Experiment


def edit(window, epochs=7):
    window.session.experiment.training.epochs = epochs
    window.session.edited("training")


def answer_save_dialog(monkeypatch, path):
    asked = []

    def dialog(parent, title, start, filters):
        asked.append((title, start))
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_ctrl_s_on_a_new_experiment_asks_where_and_adds_the_suffix(qtbot, main_window,
                                                                   monkeypatch, tmp_path):
    edit(main_window)
    asked = answer_save_dialog(monkeypatch, tmp_path / "my-run")
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0][0] == "Save experiment as"
    saved = tmp_path / "my-run.vnet.json"
    assert Experiment.load(saved).training.epochs == 7
    assert main_window.windowTitle() == "my-run.vnet.json — VisualNet"
    assert main_window.files.recent()[0] == str(saved)
    assert main_window.recent_menu.actions()[0].text() == str(saved)
    edit(main_window, epochs=9)
    qtbot.keyClick(main_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1  # the file has a path now: Ctrl+S saves without asking
    assert Experiment.load(saved).training.epochs == 9


def test_a_save_that_fails_says_why_and_keeps_the_edits_unsaved(qtbot, main_window,
                                                                 monkeypatch, tmp_path,
                                                                 no_modal_dialogs):
    edit(main_window)
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where a folder would have to be")
    target = blocker / "x.vnet.json"
    answer_save_dialog(monkeypatch, target)
    assert not main_window.files.save_as()
    kind, title, text = no_modal_dialogs[-1]
    assert (kind, title) == ("warning", "Cannot save the experiment") and str(target) in text
    assert main_window.session.dirty and main_window.windowTitle().startswith("tiny *")


def test_new_with_unsaved_edits_asks_and_cancel_keeps_them(qtbot, main_window, monkeypatch):
    edit(main_window)
    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard])
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Save the changes to tiny?"]
    assert main_window.session.experiment.training.epochs == 7  # cancelled: nothing lost
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert main_window.session.experiment == Experiment()  # discarded: a fresh experiment
    assert not main_window.session.dirty


def test_open_recent_reopens_a_file_and_forgets_one_that_went_bad(qtbot, main_window,
                                                                   tmp_path, no_modal_dialogs):
    first, second = tmp_path / "first.vnet.json", tmp_path / "second.vnet.json"
    for path, epochs in ((first, 4), (second, 5)):
        experiment = Experiment()
        experiment.training.epochs = epochs
        experiment.save(path)
        assert main_window.files.open(path)
    entries = {a.text(): a for a in main_window.recent_menu.actions()}
    assert list(entries) == [str(second), str(first)]
    entries[str(first)].trigger()
    assert main_window.session.experiment.training.epochs == 4
    second.write_text("{ not json")
    [action] = [a for a in main_window.recent_menu.actions() if a.text() == str(second)]
    action.trigger()
    assert no_modal_dialogs[-1][:2] == ("warning", "Cannot open the experiment")
    assert str(second) not in [a.text() for a in main_window.recent_menu.actions()]
    assert main_window.session.experiment.training.epochs == 4  # the open one stays
