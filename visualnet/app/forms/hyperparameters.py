"""The hyperparameter form: a view of an experiment's training settings and seed.

Each row edits one schema field in place (see ``fields``); the form only arranges the rows,
shows each optimizer's and schedule's own fields, keeps the α slider in step with α, and
reports every accepted change as ``changed(path, value)``, e.g. ("training.optimizer.lr", 0.01).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from visualnet.app.forms import formulas
from visualnet.app.forms.fields import FieldEditor, editor_for
from visualnet.app.forms.log_slider import LogSlider
from visualnet.app.forms.presets import BatchPresets
from visualnet.core.experiment import (
    OPTIMIZER_FIELDS,
    SCHEDULE_FIELDS,
    Experiment,
    OptimizerConfig,
    ScheduleConfig,
)

OPTIMIZER = "training.optimizer"
SCHEDULE = "training.schedule"
LR = f"{OPTIMIZER}.lr"
BATCH = "training.mini_batch_size"

LIVE_FIELDS = ("lr", "beta", "beta1", "beta2")
"""Optimizer fields a running training applies at its next step."""

LOCKED_WHILE_TRAINING = "Stop training to change this"

LR_SLIDER = (-5, 1)
"""The α slider spans 10⁻⁵ … 10¹."""


class HyperparameterForm(QWidget):
    """Optimizer, mini-batches, regularization, α decay, early stopping and seed of an experiment.

    ``changed(path, value)`` follows every accepted edit, already written into the experiment.
    In live mode (``set_live(True)``) only α and the β's stay editable, and their edits also
    emit ``liveChanged(name, value)``, e.g. ("lr", 0.02), for the running trainer.
    """

    changed = Signal(str, object)
    liveChanged = Signal(str, object)

    def __init__(self, experiment: Experiment | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.experiment = experiment or Experiment()
        self.editors: dict[str, FieldEditor] = {}
        self._live = False
        self.update_formula = _formula_label()
        self.schedule_formula = _formula_label()
        self.lr_slider = LogSlider(*LR_SLIDER)
        self.lr_slider.moved.connect(lambda value: self.editors[LR].commit(value))
        self.presets = BatchPresets()
        self.presets.chosen.connect(self._preset_chosen)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for group in (
            self._optimizer_group(),
            self._group("Mini-batches && epochs", [BATCH, self.presets, "training.epochs"]),
            self._group("Regularization", ["training.l2", "training.l1"]),
            self._schedule_group(),
            self._group("Early stopping", [
                "training.early_stopping.enabled",
                "training.early_stopping.patience",
                "training.early_stopping.min_delta",
            ]),
            self._group("Reproducibility", ["seed", "training.dtype"]),
        ):
            layout.addWidget(group)
        layout.addStretch(1)
        _align_labels([editor.label for editor in self.editors.values()])
        self.refresh()

    def bind(self, experiment: Experiment) -> None:
        """Edit another experiment (a new or opened file)."""
        self.experiment = experiment
        self.refresh()

    def refresh(self) -> None:
        """Show the experiment's current values (after undo or an outside change), silently."""
        for path, editor in self.editors.items():
            editor.bind(_owner(self.experiment, path)[0])
        self._sync()

    def set_m(self, m: int | None) -> None:
        """The number of training examples: the largest mini-batch and the full-batch preset."""
        note = f"m = {m} training examples" if m else ""
        self.editors[BATCH].set_maximum(m, note)
        self.presets.set_m(m)
        self._sync()

    def set_live(self, live: bool) -> None:
        """While training runs, lock everything but α and the β's."""
        self._live = live
        lock = LOCKED_WHILE_TRAINING if live else ""
        for editor in self.editors.values():
            editor.set_locked("" if _is_live(editor) else lock)
        self.presets.set_locked(lock)

    def is_live(self) -> bool:
        return self._live

    # --- building ----------------------------------------------------------------------------

    def _optimizer_group(self) -> QGroupBox:
        rows = [f"{OPTIMIZER}.name", self.update_formula, LR, ("", self.lr_slider)]
        rows += [
            f"{OPTIMIZER}.{name}"
            for name in _used(OptimizerConfig, OPTIMIZER_FIELDS)
            if name != "lr"
        ]
        return self._group("Optimizer", rows)

    def _schedule_group(self) -> QGroupBox:
        rows = [f"{SCHEDULE}.name", self.schedule_formula]
        rows += [f"{SCHEDULE}.{name}" for name in _used(ScheduleConfig, SCHEDULE_FIELDS)]
        return self._group("Learning-rate decay", rows)

    def _group(self, title: str, rows: list) -> QGroupBox:
        """A titled group of rows: a field path, a full-width widget, or (label text, widget)."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for row in rows:
            if isinstance(row, str):
                editor = self._editor(row)
                form.addRow(editor.label, editor)
            elif isinstance(row, tuple):
                form.addRow(*row)
            else:
                form.addRow(row)
        return box

    def _editor(self, path: str) -> FieldEditor:
        editor = editor_for(*_owner(self.experiment, path))
        editor.committed.connect(lambda value: self._committed(path, editor, value))
        self.editors[path] = editor
        return editor

    # --- reacting ------------------------------------------------------------------------------

    def _committed(self, path: str, editor: FieldEditor, value: object) -> None:
        self._sync()
        self.changed.emit(path, value)
        if self._live and _is_live(editor):
            self.liveChanged.emit(editor.name, value)

    def _preset_chosen(self, size: int) -> None:
        self.editors[BATCH].commit(size)
        self.presets.set_current(self.experiment.training.mini_batch_size)

    def _sync(self) -> None:
        """Show only the chosen optimizer's and schedule's fields and formulas; move the α
        slider and the presets to the current values."""
        training = self.experiment.training
        self._show_only(OPTIMIZER, training.optimizer.fields())
        self._show_only(SCHEDULE, training.schedule.fields())
        self.update_formula.setText(formulas.update(training.optimizer))
        self.schedule_formula.setText(formulas.schedule(training.schedule.name))
        self.lr_slider.set_value(training.optimizer.lr)
        self.presets.set_current(training.mini_batch_size)

    def _show_only(self, prefix: str, fields: tuple[str, ...]) -> None:
        for path, editor in self.editors.items():
            owner, _, name = path.rpartition(".")
            if owner == prefix and name != "name":
                editor.parentWidget().layout().setRowVisible(editor, name in fields)


def _is_live(editor: FieldEditor) -> bool:
    return isinstance(editor.model, OptimizerConfig) and editor.name in LIVE_FIELDS


def _used(config: type, fields_of: dict[str, tuple[str, ...]]) -> list[str]:
    """The fields some choice uses, in the schema's order (β before β₁, β₂, ε)."""
    used = {name for names in fields_of.values() for name in names}
    return [name for name in config.model_fields if name in used]


def _owner(experiment: Experiment, path: str) -> tuple:
    """'training.optimizer.lr' → (experiment.training.optimizer, 'lr')."""
    *parents, name = path.split(".")
    model = experiment
    for part in parents:
        model = getattr(model, part)
    return model, name


def _formula_label() -> QLabel:
    label = QLabel(wordWrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("background: palette(alternate-base); border-radius: 3px; padding: 4px;")
    return label


def _align_labels(labels: list[QLabel]) -> None:
    """One label width for every group, so the fields line up down the whole form."""
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
