"""The EWMA lesson's demo: a year of daily temperatures and their average for a chosen β.

Dots are θ_t; the line is v_t = β·v_{t−1} + (1 − β)·θ_t with v_0 = 0; the dashed line is the
bias-corrected v_t / (1 − βᵗ). Every number comes from ``visualnet.core`` (the series, the
averages and the window ≈ 1/(1 − β)); the widget only draws them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from visualnet.app.lessons import beta_scale
from visualnet.app.plots.base import PALETTE, make_plot
from visualnet.core.ewma import effective_window, ewma
from visualnet.core.lessons import temperature_series

START_BETA = 0.9

FORMULA = "v_t = β·v_{t−1} + (1 − β)·θ_t,  v_0 = 0"


class EwmaDemo(QWidget):
    """β slider, bias-correction box and the plot of θ_t, v_t and v_t / (1 − βᵗ)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ewma")
        self.theta = temperature_series()
        self.days = np.arange(1, len(self.theta) + 1)
        self.beta = START_BETA
        self.v = np.empty(0)
        self.v_corrected = np.empty(0)
        self._build()
        self.set_beta(START_BETA)

    # --- commands ----------------------------------------------------------------------------

    def set_beta(self, beta: float) -> None:
        """Average with ``beta`` and move the slider there."""
        with QSignalBlocker(self.slider):
            self.slider.setValue(beta_scale.position_of(beta))
        self._average(beta)

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(*beta_scale.positions())
        self.slider.setPageStep(beta_scale.PER_DECADE // 10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(beta_scale.PER_DECADE)
        self.slider.setToolTip(
            f"β from {beta_scale.LOWEST} to {beta_scale.HIGHEST}. {FORMULA}: the weight of "
            "older days falls by β per day, so the average spans about 1/(1 − β) days.\n"
            "Equal steps divide 1 − β by the same factor: the right half is β > 0.97.")
        self.slider.valueChanged.connect(
            lambda position: self._average(beta_scale.beta_at(position)))
        self.beta_label = QLabel()
        self.beta_label.setMinimumWidth(80)
        self.window_label = QLabel()
        self.window_label.setMinimumWidth(150)
        self.window_label.setToolTip("1/(1 − β): how many recent days the average mostly "
                                     "reflects (0.9¹⁰ ≈ 1/e)")
        self.correction = QCheckBox("Bias correction")
        self.correction.setChecked(True)
        self.correction.setToolTip(
            "Show v_t / (1 − βᵗ) (dashed). v_0 = 0 makes the first days too cold: "
            "v₁ = (1 − β)·θ₁. Dividing by 1 − βᵗ fixes that, and stops mattering once βᵗ ≈ 0.")
        self.correction.toggled.connect(self._show_correction)
        slider_row = QHBoxLayout()
        slider_row.setContentsMargins(4, 2, 4, 0)
        slider_row.addWidget(QLabel("β"))
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.beta_label)
        slider_row.addWidget(self.window_label)
        options = QHBoxLayout()
        options.setContentsMargins(4, 0, 4, 0)
        options.setSpacing(4)
        options.addWidget(QLabel("The course's β:"))
        for value in beta_scale.COURSE_VALUES:
            button = QPushButton(f"{value:g}")
            button.setToolTip(f"β = {value:g}: averages ≈ {effective_window(value):.0f} days")
            button.setFixedWidth(48)
            button.clicked.connect(lambda _checked=False, v=value: self.set_beta(v))
            options.addWidget(button)
        options.addStretch(1)
        options.addWidget(self.correction)
        self.plot = make_plot("Daily temperature θ_t and its average v_t", "day t", "°F")
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        self.points = item.plot(self.days, self.theta, pen=None, symbol="o", symbolSize=4,
                                symbolBrush=PALETTE["raw"], symbolPen=None,
                                name="θ_t (one day)")
        self.average = item.plot(pen=pg.mkPen(PALETTE["velocity"], width=2.5), name="v_t")
        self.corrected = item.plot(
            pen=pg.mkPen(PALETTE["smooth"], width=1.5, style=Qt.PenStyle.DashLine),
            name="v_t / (1 − βᵗ)")
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 0, 6, 2)
        self.caption.setToolTip(FORMULA)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(slider_row)
        layout.addLayout(options)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)

    # --- reacting ----------------------------------------------------------------------------

    def _average(self, beta: float) -> None:
        self.beta = beta
        self.v = ewma(self.theta, beta)
        self.v_corrected = ewma(self.theta, beta, bias_correction=True)
        self.average.setData(self.days, self.v)
        self.corrected.setData(self.days, self.v_corrected)
        self.beta_label.setText(f"β = {beta:g}")
        self.window_label.setText(f"averages ≈ {effective_window(beta):.0f} days")
        self._caption()

    def _show_correction(self, shown: bool) -> None:
        self.corrected.setVisible(shown)
        self._caption()

    def _caption(self) -> None:
        first = (f"Day 1: θ₁ = {self.theta[0]:.1f} °F but v₁ = (1 − β)·θ₁ = {self.v[0]:.1f} °F")
        if self.correction.isChecked():
            first += f"; corrected, v₁ / (1 − β) = {self.v_corrected[0]:.1f} °F"
        self.caption.setText(
            f"{first}. A larger β is smoother and lags further behind the seasons.")
