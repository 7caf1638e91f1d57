"""Choosing the loss surface: the built-in ones, their parameters (κ, θ), or a custom f(x, y).

The picker builds surfaces with the core's ``make`` and ``custom``; what they refuse (κ < 1, an
expression calling a function that is not allowed) is shown in place, in the core's words, and
the surface in use stays. ``check`` may refuse a surface the core built (the race cannot start
on it); ``picked`` carries each surface accepted.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.forms import numbers
from visualnet.app.forms.fields import REFUSED_TEXT
from visualnet.app.forms.number_box import NumberBox
from visualnet.core.race import SURFACES, Surface, custom, make
from visualnet.core.race.expression import CONSTANTS, FUNCTIONS

CUSTOM = "custom"
DEFAULT_SURFACE = "bowl"
DEFAULT_EXPRESSION = "0.5*x**2 + 2*y**2 + sin(2*x)*cos(2*y)"

PARAMETERS = {
    "condition": ("κ  condition number",
                  "κ = λ_max / λ_min of the Hessian: how many times steeper the narrow axis is "
                  "than the long one (κ ≥ 1)"),
    "angle": ("θ  angle (°)", "The angle of the valley to the x axis, in degrees"),
}
"""Label and tooltip of each surface parameter (a factory's keyword argument)."""


class SurfacePicker(QWidget):
    """A combo box of surfaces, their parameters, a custom expression, the formula and about."""

    picked = Signal(object)

    def __init__(self, check: Callable[[Surface], str | None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.check = check or (lambda surface: None)
        self.surface = make(DEFAULT_SURFACE)
        self.params: dict[str, float] = {}
        self.combo = QComboBox()
        for key, factory in SURFACES.items():
            self.combo.addItem(_name(factory()), key)
        self.combo.addItem("Custom…", CUSTOM)
        self.combo.setToolTip("The loss surface f(x, y) the optimizers race on")
        self.combo.currentIndexChanged.connect(self._key_changed)

        self.expression = QLineEdit(DEFAULT_EXPRESSION)
        self.expression.setPlaceholderText("f(x, y), e.g. x**2 + 3*sin(y)")
        self.expression.setToolTip(
            "A NumPy expression in x and y: numbers, + − * / **, "
            f"{', '.join(CONSTANTS)} and {', '.join(FUNCTIONS)}. Press Enter to use it.")
        self.expression.returnPressed.connect(self._apply_custom)
        self.boxes: dict[str, NumberBox] = {}
        self._params_form = QFormLayout()
        self._params_form.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel(wordWrap=True, visible=False)
        self.error.setStyleSheet(f"color: {REFUSED_TEXT};")
        self.formula = QLabel(wordWrap=True)
        self.formula.setStyleSheet("background: palette(alternate-base); border-radius: 3px; "
                                   "padding: 4px;")
        self.about = QLabel(wordWrap=True)
        self.about.setStyleSheet("color: #4b5563;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.expression)
        layout.addLayout(self._params_form)
        layout.addWidget(self.error)
        layout.addWidget(self.formula)
        layout.addWidget(self.about)
        self._show_parameters(DEFAULT_SURFACE, {})
        self._show(self.surface)

    @property
    def key(self) -> str:
        return self.combo.currentData()

    def choose(self, key: str, **params) -> bool:
        """Pick surface ``key`` with ``params`` as a user would; False if it was refused."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(key))
        self.combo.blockSignals(False)
        self._show_parameters(key, params)
        return self._apply()

    def set_expression(self, text: str) -> bool:
        """Type a custom expression and press Enter; False if it was refused."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(CUSTOM))
        self.combo.blockSignals(False)
        self._show_parameters(CUSTOM, {})
        self.expression.setText(text)
        return self._apply()

    def show_surface(self, surface: Surface, params: dict | None = None) -> None:
        """Show a surface made elsewhere (a race from the command line) without emitting."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(surface.key))
        self.combo.blockSignals(False)
        if surface.key == CUSTOM:
            self.expression.setText(surface.formula)
        self._show_parameters(surface.key, params or {})
        self.surface = surface
        self._show(surface)

    # --- reacting ------------------------------------------------------------------------------

    def _key_changed(self, _index: int) -> None:
        self._show_parameters(self.key, {})
        self._apply()

    def _apply_custom(self) -> None:
        self._apply()

    def _apply(self) -> bool:
        """Build the chosen surface; show the refusal or emit ``picked``."""
        try:
            surface = (custom(self.expression.text()) if self.key == CUSTOM
                       else make(self.key, **self.params))
        except ValueError as error:
            return self._refuse(str(error))
        problem = self.check(surface)
        if problem:
            return self._refuse(problem)
        self.surface = surface
        self._show(surface)
        self.picked.emit(surface)
        return True

    def _typed(self, name: str, box: NumberBox) -> None:
        value = numbers.parse(box.text(), integer=False)
        if value is None:
            self._refuse(f"{PARAMETERS.get(name, (name,))[0].split()[0]} must be a number, "
                         f"got {box.text().strip()!r}")
            box.set_value(self.params[name])
            return
        previous = self.params[name]
        if value == previous:
            box.set_value(value)
            return
        self.params[name] = value
        if not self._apply():
            self.params[name] = previous
        box.set_value(self.params[name])

    def _refuse(self, message: str) -> bool:
        self.error.setText(message)
        self.error.setVisible(True)
        return False

    # --- showing -------------------------------------------------------------------------------

    def _show(self, surface: Surface) -> None:
        self.error.setVisible(False)
        self.formula.setText(f"f(x, y) = {surface.formula}")
        self.about.setText(surface.about)

    def _show_parameters(self, key: str, params: dict) -> None:
        """Editors for the surface's parameters (none for most), at ``params`` or defaults."""
        self.expression.setVisible(key == CUSTOM)
        while self._params_form.rowCount():
            self._params_form.removeRow(0)
        self.boxes = {}
        self.params = {}
        if key == CUSTOM:
            return
        for name, parameter in inspect.signature(SURFACES[key]).parameters.items():
            value = float(params.get(name, parameter.default))
            self.params[name] = value
            label, tip = PARAMETERS.get(name, (name, ""))
            box = NumberBox(integer=False, accepts=lambda _value: True)
            box.set_value(value)
            box.setToolTip(tip)
            box.typed.connect(lambda _text, n=name, b=box: self._typed(n, b))
            box.stepped.connect(lambda new, n=name, b=box: self._stepped(n, b, new))
            self.boxes[name] = box
            self._params_form.addRow(label, box)

    def _stepped(self, name: str, box: NumberBox, value: float) -> None:
        box.lineEdit().setText(numbers.show(value))
        self._typed(name, box)


def _name(surface: Surface) -> str:
    """'Elongated bowl' from 'Elongated bowl (κ = 40)': the menu leaves parameters out."""
    return surface.title.split(" (")[0]
