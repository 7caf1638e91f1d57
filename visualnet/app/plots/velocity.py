"""EWMA velocity vs raw gradient for one traced weight: the course's "momentum smooths dW"."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from visualnet.app.plots.base import (
    BOTTOM_SIZE,
    PALETTE,
    LivePlot,
    add_choice,
    add_line,
    course_name,
    make_plot,
)
from visualnet.app.plots.ranges import SteadyRange, finite_bounds, last_iteration
from visualnet.app.steady_label import SteadyLabel
from visualnet.core.training.recorder import RECENT_ITERATIONS, ProbeTrace

WINDOWS = (("last 200 iterations", 200), ("last 2,000 iterations", 2000), ("the whole run", 0))
"""How much of the run the plot shows: the smoothing is seen best close up."""

X_LABELS = ("iteration t", "iterations before the latest, t")
"""The x axis's label for the whole run, and for a window of recent iterations."""

SHOWN_BY = {
    ("gradient",): "Plain gradient descent keeps no average: only dW is drawn.",
    ("gradient", "sqrt_s"): "RMSprop and AdaGrad keep no velocity: dW and √S_dW are drawn.",
}


EDGE_ROOM = 24
"""Pixels a tick label may reach left of the x axis: half of "t−2,000" and some."""


class IterationAxis(pg.AxisItem):
    """Iteration numbers, or, when ``relative``, offsets from the latest iteration t: "t−150"."""

    relative = False

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)  # the labels are whole iterations, never "×1e3"

    def boundingRect(self):
        """pyqtgraph hides a tick label that reaches past this rect, and with the grid on it
        allows no overhang: the label of the window's first tick ("t−200"), centred on the
        left end, went missing on a narrow plot. The rect reaches EDGE_ROOM pixels further
        left, under the y axis, where no y label sits below the data area."""
        return super().boundingRect().adjusted(-EDGE_ROOM, 0, 0, 0)

    def tickStrings(self, values, scale, spacing):
        if not self.relative:
            return super().tickStrings(values, scale, spacing)
        return ["t" if v == 0 else f"t{v:+,.0f}".replace("-", "−") for v in values]


class VelocityPlot(LivePlot):
    key = "velocity"
    title = "Velocity vs gradient"
    preferred_size = BOTTOM_SIZE
    tooltip = (
        "For one traced weight W[l] (i, j), after each mini-batch t:\n"
        "dW: the raw gradient of J{t} (thin, light), noisy from batch to batch.\n"
        "V_dW = β·V_dW + (1 − β)·dW: its exponentially weighted average (bold), about the last "
        "1/(1 − β) gradients; momentum and Adam step along it.\n"
        "V_dW/(1 − βᵗ): the bias-corrected average (dashed), free of the zero start's pull "
        "towards 0.\n"
        "√S_dW with S_dW = β₂·S_dW + (1 − β₂)·dW²: the typical size of recent gradients, which "
        "RMSprop and Adam divide by (AdaGrad sums: S_dW = S_dW + dW²).\n"
        "An optimizer's missing averages are hidden: plain gradient descent keeps none.\n"
        "A window of recent iterations is drawn against t−1, t−2, … back from the latest "
        "iteration t (its number is shown above the plot), the whole run against t itself.\n"
        f"The last {RECENT_ITERATIONS:,} iterations are drawn exactly as they were; the whole "
        "run of a long training is thinned, each point the mean of neighbouring iterations."
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        controls = QWidget()
        QHBoxLayout(controls).setContentsMargins(4, 0, 4, 0)
        self.selector = add_choice(controls, "Weight:", "Which traced weight W[l] (i, j) to show")
        self.selector.currentIndexChanged.connect(self._redraw)
        self.window = add_choice(controls, "Show:", "How many recent iterations to show")
        self.window.addItems([text for text, _n in WINDOWS])
        self.window.currentIndexChanged.connect(self._window_chosen)
        self.latest = SteadyLabel()
        self.latest.setToolTip("The latest iteration drawn: the right end of a window of recent "
                               "iterations")
        controls.layout().addWidget(self.latest)
        self.status = SteadyLabel()
        self.status.label.setStyleSheet(f"color: {PALETTE['note']};")
        controls.layout().addWidget(self.status, 1)
        self.axis = IterationAxis("bottom")
        self.plot = make_plot("", X_LABELS[0], "dW", axis_items={"bottom": self.axis})
        item = self.plot.getPlotItem()
        dashed, dotted = Qt.PenStyle.DashLine, Qt.PenStyle.DotLine
        self.curves = {
            "gradient": (add_line(item, pen=pg.mkPen(PALETTE["gradient"], width=1)),
                         "dW (raw)"),
            "velocity": (add_line(item, pen=pg.mkPen(PALETTE["velocity"], width=3)), "V_dW"),
            "velocity_corrected": (
                add_line(item, pen=pg.mkPen(PALETTE["corrected"], width=1.5, style=dashed)),
                "V_dW/(1 − βᵗ)"),
            "sqrt_s": (add_line(item, pen=pg.mkPen(PALETTE["sqrt_s"], width=2, style=dotted)),
                       "√S_dW"),
        }
        self.gradient = self.curves["gradient"][0]
        self.velocity = self.curves["velocity"][0]
        self.velocity_corrected = self.curves["velocity_corrected"][0]
        self.sqrt_s = self.curves["sqrt_s"][0]
        self.range = SteadyRange(item)
        self._set_window(WINDOWS[0][1])
        column.addWidget(controls)
        column.addWidget(self.plot, 1)
        self.add_hint(self.plot, "Once training starts: for one weight, the raw gradient dW of "
                               "each mini-batch and the optimizer's smoothed velocity V_dW.")
        self._set_body(body)
        self._names: tuple[str, ...] = ()
        self._shown: tuple[str, ...] = ()
        self._show_only(tuple(self.curves))
        self._snap = None

    def draw(self, snap):
        self._snap = snap
        if snap.probe_names != self._names:
            self._set_names(snap.probe_names)
        if not self._names:
            self._show_note("No weight is traced: set the experiment's monitor coordinates "
                            "above 0 to follow dW and its averages.")
            return
        self._show_note(None)
        self._redraw()

    def clear(self):
        super().clear()
        for curve, _name in self.curves.values():
            curve.setData([], [])
        self.range.reset()
        self.latest.setText("")
        self._snap = None

    def export_item(self):
        return self.plot.getPlotItem()

    def _set_names(self, names: tuple[str, ...]) -> None:
        self._names = names
        self.selector.blockSignals(True)
        kept = self.selector.currentIndex()
        self.selector.clear()
        self.selector.addItems([course_name(n) for n in names])
        self.selector.setCurrentIndex(kept if 0 <= kept < len(names) else 0)
        self.selector.blockSignals(False)

    def _redraw(self, *_args) -> None:
        snap, k = self._snap, self.selector.currentIndex()
        if snap is None or not 0 <= k < len(snap.probe_names):
            return
        trace = self._trace(snap)
        if trace is None:
            return
        x = trace.x
        if not len(x):
            for curve, _name in self.curves.values():
                curve.setData([], [])
            return
        kept = tuple(key for key in self.curves if not math.isnan(getattr(trace, key)[-1, k]))
        if kept != self._shown:
            self._show_only(kept)
        recent = snap.probe_recent
        # t is the last iteration traced (the whole run's last point may be a mean of several)
        latest = recent.x[-1] if recent is not None and len(recent.x) else x[-1]
        self.latest.setText(f"t = {latest:,.0f}")
        if self.range.window:
            # once the run holds or ends, the axis says which t too: an exported plot is then
            # read without the label above it (while it trains, t changes every frame)
            self._label_axis(f"{X_LABELS[1]} = {latest:,.0f}" if snap.state != "running"
                             else X_LABELS[1])
            x = x - x[-1]
        limit, running = last_iteration(snap), snap.state == "running"
        start, _end = self.range.x_range(x[-1], x[0], limit, running)
        # the y range fits the points in view (SteadyRange changes it only in steps): a spike
        # in dW that has scrolled out of view no longer flattens the curves in it
        first = np.searchsorted(x, start)
        self.range.follow(x[-1], finite_bounds(*(getattr(trace, key)[first:, k] for key in kept)),
                          x_first=x[0], x_limit=limit, running=running)
        # while the view follows the run, the curves get the points in view and the one before
        # (their lines reach the left edge): a tenth of the 2,048 kept for the 200-iteration
        # window, less work for the GUI thread each frame; a view the user moved gets them all
        drawn = 0
        if self.range.following:
            drawn = max(int(np.searchsorted(x, self.range.view.viewRange()[0][0])) - 1, 0)
        for key, (curve, _name) in self.curves.items():
            curve.setData(x[drawn:], getattr(trace, key)[drawn:, k])

    def _trace(self, snap) -> ProbeTrace | None:
        """The traced values to draw: for a window of recent iterations, each iteration as it
        was (a run's long history is kept thinned, each point a mean, which would smooth the
        raw dW the plot is there to show); else the whole run."""
        if snap.probe_recent is not None and 0 < self.range.window <= RECENT_ITERATIONS:
            return snap.probe_recent
        return snap.probe

    def _window_chosen(self, index: int) -> None:
        self._set_window(WINDOWS[index][1])
        self._redraw()

    def _set_window(self, window: int) -> None:
        """Show the last ``window`` iterations against offsets from t (0: the whole run)."""
        self.range.set_window(window)
        self.axis.relative = bool(window)
        self._label_axis(X_LABELS[bool(window)])
        self.axis.setTicks(None)  # redraws its labels: the same ticks now read differently

    def _label_axis(self, text: str) -> None:
        if text != self.axis.labelText:
            self.axis.setLabel(text)

    def _show_only(self, keys: tuple[str, ...]) -> None:
        self._shown = keys
        legend = self.plot.getPlotItem().legend
        legend.clear()
        for key, (curve, name) in self.curves.items():
            curve.setVisible(key in keys)
            if key in keys:
                legend.addItem(curve, name)
        self.status.setText(SHOWN_BY.get(keys, ""))
