"""The racers: a list (each racer in its colour) and the hyperparameter form of the one selected.

Each racer is a model, an ``OptimizerConfig`` of the experiment schema, so its form is the
schema's own field editors (ranges, refusals, tooltips) and shows only the optimizer's fields.
α starts at the surface's default for that optimizer and follows the surface until the user
sets it. Several racers may use one optimizer (Adam α = 0.01 against Adam α = 0.1).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms import formulas
from visualnet.app.forms.fields import FieldEditor, editor_for
from visualnet.app.forms.hyperparameters import LR_SLIDER
from visualnet.app.forms.log_slider import LogSlider
from visualnet.app.race import icons, style
from visualnet.core import optimizers
from visualnet.core.experiment import OPTIMIZER_FIELDS, OptimizerConfig
from visualnet.core.race import Entry
from visualnet.core.race.surface import Surface

FIELDS = ("name", "lr", "beta", "beta1", "beta2", "eps", "bias_correction")
"""The form's rows, in order (each optimizer shows its own)."""

DEFAULT_RACERS = ("gd", "momentum", "rmsprop", "adam")
MAX_RACERS = len(style.RACER_COLOURS)


@dataclass
class Racer:
    """One racer: its optimizer settings, its colour, and whether the user set α."""

    config: OptimizerConfig
    colour: str
    lr_set: bool = False


class RacerList(QWidget):
    """Add, remove and edit racers; ``changed`` follows every accepted edit."""

    changed = Signal()

    def __init__(self, surface: Surface, parent: QWidget | None = None):
        super().__init__(parent)
        self.surface = surface
        self.racers: list[Racer] = []
        self._labels: list[str] = []
        self.list = QListWidget()
        self.list.setIconSize(QSize(12, 12))
        self.list.setMaximumHeight(120)
        self.list.setToolTip("The racers, in their colours; select one to edit it")
        self.list.currentRowChanged.connect(self._selected)
        self.add_button = QToolButton(text="Add racer ▾")
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolTip("Add a racer; several of one optimizer may race "
                                   "(Adam α = 0.01 against Adam α = 0.1)")
        menu = QMenu(self.add_button)
        for name in OPTIMIZER_FIELDS:
            action = QAction(optimizers.REGISTRY[name].label, menu)
            action.triggered.connect(lambda _=False, n=name: self.add(n))
            menu.addAction(action)
        self.add_button.setMenu(menu)
        self.remove_button = QToolButton(text="Remove")
        self.remove_button.setToolTip("Remove the selected racer")
        self.remove_button.clicked.connect(lambda: self.remove(self.list.currentRow()))

        self.formula = QLabel(wordWrap=True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet("background: palette(alternate-base); border-radius: 3px; "
                                   "padding: 4px;")
        self.lr_slider = LogSlider(*LR_SLIDER)
        self.lr_slider.moved.connect(lambda value: self.editors["lr"].commit(value))
        self.editors: dict[str, FieldEditor] = {}
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        placeholder = OptimizerConfig()
        for name in FIELDS:
            editor = editor_for(placeholder, name)
            editor.committed.connect(lambda value, n=name: self._committed(n, value))
            self.editors[name] = editor
            self._form.addRow(editor.label, editor)
            if name == "name":
                self._form.addRow(self.formula)
            if name == "lr":
                self._form.addRow("", self.lr_slider)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(self._form)
        for name in DEFAULT_RACERS:
            self.add(name, emit=False)
        self.list.setCurrentRow(len(self.racers) - 1)

    # --- the racers ------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """The racers as the core's entries (every field the optimizer uses)."""
        return [Entry(r.config.name, {f: getattr(r.config, f) for f in r.config.fields()})
                for r in self.racers]

    def colours(self) -> list[str]:
        return [r.colour for r in self.racers]

    def add(self, name: str, hyperparameters: dict | None = None, emit: bool = True) -> Racer:
        """A new racer of optimizer ``name`` in the first free colour, selected."""
        if len(self.racers) >= MAX_RACERS:
            raise ValueError(f"at most {MAX_RACERS} racers")
        given = dict(hyperparameters or {})
        lr_set = "lr" in given
        given.setdefault("lr", self.surface.default_lr(name))
        used = {r.colour for r in self.racers}
        colour = next(c for c in style.RACER_COLOURS if c not in used)
        racer = Racer(OptimizerConfig(name=name, **given), colour, lr_set)
        self.racers.append(racer)
        self.list.addItem(QListWidgetItem(icons.dot(colour), ""))
        self._update_items()
        self.list.setCurrentRow(len(self.racers) - 1)
        self._update_buttons()
        if emit:
            self.changed.emit()
        return racer

    def remove(self, row: int) -> None:
        """Remove racer ``row`` (the last racer stays: a race needs one)."""
        if not 0 <= row < len(self.racers) or len(self.racers) == 1:
            return
        del self.racers[row]
        self.list.takeItem(row)
        self.list.setCurrentRow(min(row, len(self.racers) - 1))
        self._update_buttons()
        self.changed.emit()

    def replace(self, entries: list[Entry]) -> None:
        """Race exactly these (resolved) entries, in fresh colours, with α as given."""
        self.racers = []
        self.list.clear()
        for entry in entries:
            self.add(entry.optimizer, dict(entry.hyperparameters), emit=False)
        self.changed.emit()

    def set_surface(self, surface: Surface) -> None:
        """A new surface: α takes its default there, for every racer whose α the user left."""
        self.surface = surface
        for racer in self.racers:
            if not racer.lr_set:
                racer.config.lr = surface.default_lr(racer.config.name)
        self._selected(self.list.currentRow())

    def set_labels(self, labels: list[str]) -> None:
        """Show the race's labels (unique, made from the hyperparameters by the core)."""
        self._labels = list(labels)
        self._update_items()

    # --- the form --------------------------------------------------------------------------------

    def _selected(self, row: int) -> None:
        if not 0 <= row < len(self.racers):
            return
        config = self.racers[row].config
        for editor in self.editors.values():
            editor.bind(config)
        self._sync(config)

    def _committed(self, name: str, value: object) -> None:
        row = self.list.currentRow()
        racer = self.racers[row]
        if name == "lr":
            racer.lr_set = True
        if name == "name" and not racer.lr_set:
            racer.config.lr = self.surface.default_lr(racer.config.name)
            self.editors["lr"].refresh()
        self._sync(racer.config)
        self.changed.emit()

    def _sync(self, config: OptimizerConfig) -> None:
        fields = config.fields()
        for name, editor in self.editors.items():
            self._form.setRowVisible(editor, name == "name" or name in fields)
        self.formula.setText(formulas.update(config))
        self.lr_slider.set_value(config.lr)

    def _update_items(self) -> None:
        for row, racer in enumerate(self.racers):
            text = (self._labels[row] if row < len(self._labels)
                    else optimizers.REGISTRY[racer.config.name].label)
            self.list.item(row).setText(text)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.racers) < MAX_RACERS)
        self.remove_button.setEnabled(len(self.racers) > 1)
