"""A slider for α on a log scale: equal steps multiply α by the same factor."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from visualnet.app.forms import numbers


class LogSlider(QWidget):
    """A horizontal slider from 10^low to 10^high, one tick per factor of 10."""

    moved = Signal(float)

    def __init__(self, low: int, high: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(low * numbers.PER_DECADE, high * numbers.PER_DECADE)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(numbers.PER_DECADE)
        self.slider.setPageStep(numbers.PER_DECADE)
        self.slider.valueChanged.connect(lambda p: self.moved.emit(numbers.log_value(p)))
        step = numbers.show(numbers.log_value(1))
        self.setToolTip(f"α on a log scale: each step multiplies α by {step}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(numbers.power_of_ten(low)))
        layout.addWidget(self.slider, 1)
        layout.addWidget(QLabel(numbers.power_of_ten(high)))

    def value(self) -> float:
        return numbers.log_value(self.slider.value())

    def set_value(self, value: float) -> None:
        """Move to the position nearest ``value`` (the ends if outside), without ``moved``."""
        with QSignalBlocker(self.slider):
            self.slider.setValue(numbers.log_position(value))
