"""Data-panel editors built on the schema field editors: split fractions, normalization."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from visualnet.app.data_panel import split_rule
from visualnet.app.forms.fields import BoolEditor, NumberEditor
from visualnet.core.data.config import DataConfig


class FractionEditor(NumberEditor):
    """``train`` or ``dev`` of ``owner.split``. An accepted value replaces ``owner.split`` with
    test = 1 − train − dev (a SplitConfig is checked whole, so one fraction cannot change
    alone); a value out of the field's range, or leaving test below 0, is refused and said."""

    def __init__(self, owner: DataConfig, name: str, parent: QWidget | None = None):
        self.owner = owner
        super().__init__(owner.split, name, parent)

    def bind_owner(self, owner: DataConfig) -> None:
        self.owner = owner
        self.bind(owner.split)

    def commit(self, value: float) -> bool:
        if value == self.value():
            self._show(value)
            return True
        split, problem = None, self._problem(value)
        if problem is None:
            split, problem = split_rule.with_fraction(self.model, self.name, value)
        if split is None:
            self._set_error(problem)
            self._show(self.value())
            return False
        self.owner.split = split
        self.model = self.owner.split
        self._set_error("")
        self._show(self.value())
        self.committed.emit(self.value())
        return True


class NormalizeEditor(BoolEditor):
    """Normalization on/off; its tooltip adds where μ and σ² come from."""

    def _rule(self) -> str:
        return ("μ and σ² come from the training split only and are applied unchanged to dev, "
                "test and new data")
