"""The search space as a table: one row per field — which field, its scale, low and high (or,
for a choice, which values) — with a button to add a field and one per row to remove it.

The table edits a core SearchSpace; every edit is checked by the space's own validation, so
a refused value is explained in the schema's words ("high must be in (0, 10], got 100") and
the space stays as it was.
"""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms import numbers
from visualnet.app.forms.fields import REFUSED_TEXT
from visualnet.app.forms.number_box import NumberBox
from visualnet.app.search import names
from visualnet.core.experiment import Experiment
from visualnet.core.search import Dimension, SearchSpace, fields, scales
from visualnet.core.search.fields import Searchable

FIELD, SCALE, LOW, HIGH, REMOVE = range(5)
HEADERS = ("Field", "Scale", "Low", "High", "")


class SpaceTable(QWidget):
    """Edits the dimensions of a SearchSpace in place; ``changed`` follows each accepted edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.space: SearchSpace | None = None
        self.experiment = Experiment()
        self._searchable: dict[str, Searchable] = {}
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SCALE, 108), (LOW, 60), (HIGH, 60), (REMOVE, 22)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
        self.add_button = QPushButton("Add field")
        self.add_button.setToolTip("Vary one more field (pick which in its row)")
        self.add_button.clicked.connect(self.add_field)
        self.message = QLabel(wordWrap=True, visible=False)
        self.message.setStyleSheet(f"color: {REFUSED_TEXT};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    # --- public --------------------------------------------------------------------------------

    def bind(self, space: SearchSpace, experiment: Experiment) -> None:
        """Show and edit ``space`` (fields offered are those of ``experiment``)."""
        self.space = space
        self.experiment = experiment
        self._searchable = fields.searchable(experiment)
        self._rebuild()

    def set_read_only(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        self.add_button.setEnabled(not read_only)

    def add_field(self) -> None:
        """Add the first field not yet searched, with its usual range."""
        taken = set(self.space.paths())
        free = [p for p in self._searchable if p not in taken]
        if free:
            self._commit([*self.space.dimensions, Dimension.default(free[0], self.experiment)])

    def remove_field(self, row: int) -> None:
        dims = list(self.space.dimensions)
        if len(dims) > 1:
            del dims[row]
            self._commit(dims)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- rows ----------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        self.table.setRowCount(0)
        self.table.clearSpans()
        for row, dimension in enumerate(self.space.dimensions):
            self.table.insertRow(row)
            self._fill(row, dimension)
        self.table.resizeRowsToContents()
        single = len(self.space.dimensions) == 1
        for row in range(self.table.rowCount()):
            button = self.table.cellWidget(row, REMOVE)
            button.setEnabled(not single)
            button.setToolTip("A search varies at least one field" if single else
                              "Stop varying this field")
        self.add_button.setEnabled(len(self._searchable) > len(self.space.dimensions))
        rows = self.table.rowCount()
        height = self.table.horizontalHeader().height() + sum(
            self.table.rowHeight(r) for r in range(rows)) + 2 * self.table.frameWidth()
        self.table.setFixedHeight(max(height, self.table.horizontalHeader().height() + 32))

    def _fill(self, row: int, d: Dimension) -> None:
        info = self._searchable.get(d.field) or fields.lookup(d.field)
        taken = set(self.space.paths()) - {d.field}
        options = dict(self._searchable)
        options.setdefault(d.field, info)
        field = _field_combo({p: o for p, o in options.items() if p not in taken})
        field.setCurrentIndex(field.findData(d.field))
        field.setToolTip(names.tooltip(info))
        field.activated.connect(lambda _i, r=row, box=field: self._field_chosen(r, box))
        self.table.setCellWidget(row, FIELD, field)

        scale = QComboBox()
        for name in scales.for_kind(info.kind):
            scale.addItem(scales.LABELS[name], name)
            scale.setItemData(scale.count() - 1, names.scale_tooltip(name),
                              Qt.ItemDataRole.ToolTipRole)
        scale.setCurrentIndex(scale.findData(d.scale))
        scale.setToolTip(names.scale_tooltip(d.scale))
        scale.activated.connect(lambda _i, r=row, box=scale: self._scale_chosen(r, box))
        self.table.setCellWidget(row, SCALE, scale)

        if d.scale == "choice":
            self.table.setSpan(row, LOW, 1, 2)
            self.table.setCellWidget(row, LOW, self._values_button(row, d, info))
        else:
            for column, name in ((LOW, "low"), (HIGH, "high")):
                self.table.setCellWidget(row, column, self._number_box(row, d, info, name))

        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda _=False, r=row: self.remove_field(r))
        self.table.setCellWidget(row, REMOVE, remove)

    def _number_box(self, row: int, d: Dimension, info: Searchable, name: str) -> NumberBox:
        integer = info.kind == "int"
        box = NumberBox(integer, info.accepts)
        box.setMinimumWidth(0)
        box.setButtonSymbols(NumberBox.ButtonSymbols.NoButtons)  # ↑ ↓ keys still step
        box.set_value(getattr(d, name))
        box.setToolTip(f"{name.capitalize()} of {names.label(d.field)}: "
                       f"{info.allowed()}\n{scales.FORMULAS[d.scale]}")
        box.typed.connect(lambda text, r=row, n=name, i=integer: self._typed(r, n, text, i))
        box.stepped.connect(lambda value, r=row, n=name: self._set(r, **{n: value}))
        return box

    def _values_button(self, row: int, d: Dimension, info: Searchable) -> QToolButton:
        button = QToolButton()
        button.setText(", ".join(str(v) for v in d.values))
        button.setToolTip("The values a trial chooses from, each equally likely")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        menu = QMenu(button)
        for value in info.choices:
            action = QAction(str(value), menu, checkable=True)
            action.setChecked(scales.index_of(d.values, value) >= 0)
            action.toggled.connect(lambda _on, r=row, m=menu: self._values_chosen(r, m, info))
            menu.addAction(action)
        button.setMenu(menu)
        return button

    # --- edits ---------------------------------------------------------------------------------

    def _field_chosen(self, row: int, box: QComboBox) -> None:
        path = box.currentData()
        if path != self.space.dimensions[row].field:
            self._replace(row, Dimension.default(path, self.experiment))

    def _scale_chosen(self, row: int, box: QComboBox) -> None:
        d = self.space.dimensions[row]
        scale = box.currentData()
        if scale == d.scale:
            return
        kept = d.model_copy(update={"scale": scale})
        self._replace(row, kept if kept.problem() is None
                      else Dimension.default(d.field, self.experiment, scale))

    def _typed(self, row: int, name: str, text: str, integer: bool) -> None:
        value = numbers.parse(text, integer)
        if value is None:
            kind = "a whole number" if integer else "a number"
            label = names.label(self.space.dimensions[row].field)
            self.show_problem(f"{label}: {name} must be {kind}, got {text.strip()!r}")
            self._show_values()
            return
        self._set(row, **{name: value})

    def _values_chosen(self, row: int, menu: QMenu, info: Searchable) -> None:
        chosen = [c for c, a in zip(info.choices, menu.actions(), strict=True) if a.isChecked()]
        self._set(row, values=chosen)

    def _set(self, row: int, **changes) -> None:
        d = self.space.dimensions[row]
        if all(getattr(d, k) == v for k, v in changes.items()):
            return
        self._replace(row, d.model_copy(update=changes))

    def _replace(self, row: int, dimension: Dimension) -> None:
        dims = list(self.space.dimensions)
        dims[row] = dimension
        self._commit(dims)

    def _commit(self, dims: list[Dimension]) -> None:
        for d in dims:
            problem = d.problem()
            if problem is not None:
                self.show_problem(f"{names.label(d.field)}: {problem}")
                self._show_values()
                return
        same_rows = _shape(dims) == _shape(self.space.dimensions)
        try:
            self.space.dimensions = dims
        except ValidationError as error:
            self.show_problem(error.errors()[0]["msg"].removeprefix("Value error, "))
            same_rows = False
        else:
            self.show_problem("")
            self.changed.emit()
        if same_rows:  # only values changed: keep the widgets (and the keyboard focus)
            self._show_values()
        else:
            self._rebuild()

    def _show_values(self) -> None:
        for row, d in enumerate(self.space.dimensions):
            if d.scale == "choice":
                self.table.cellWidget(row, LOW).setText(", ".join(str(v) for v in d.values))
            else:
                self.table.cellWidget(row, LOW).set_value(d.low)
                self.table.cellWidget(row, HIGH).set_value(d.high)


def _field_combo(options: dict[str, Searchable]) -> QComboBox:
    """A combo of fields: closed, the field's name; open, each name beside its schema range."""
    combo = QComboBox()
    model = QStandardItemModel(0, 2, combo)
    for path, info in options.items():
        name = QStandardItem(names.label(path))
        name.setData(path, Qt.ItemDataRole.UserRole)
        name.setToolTip(names.tooltip(info))
        allowed = QStandardItem(names.allowed(info))
        allowed.setForeground(QColor("#666666"))
        allowed.setToolTip(names.tooltip(info))
        model.appendRow([name, allowed])
    combo.setModel(model)
    view = QTableView()
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    combo.setView(view)
    view.resizeColumnsToContents()
    view.horizontalHeader().setStretchLastSection(True)
    view.setMinimumWidth(view.columnWidth(0) + view.columnWidth(1) + 24)
    return combo


def _shape(dims: list[Dimension]) -> list[tuple[str, str]]:
    """What the rows' widgets depend on: each row's field and scale."""
    return [(d.field, d.scale) for d in dims]
