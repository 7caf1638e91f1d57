"""The Search tab's plots: dev error against each field, the two most important fields with a
grid of as many trials, parallel coordinates, and the cost curves of the best trials.

Every plot creates its items once per space and then only calls ``setData``; every number it
draws (axis coordinates, colour levels, the ranking, the grid) comes from the core.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from visualnet.app.search import names
from visualnet.core.search import SearchSpace, analysis, refine, scales

COLOURS = pg.colormap.get("viridis")
"""Dev error as colour: dark purple lowest, yellow highest."""
NO_ERROR = QColor("#b0b0b0")
DIVERGED = "#d62728"
GRID = "#7f7f7f"
TOP = 5
TOP_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")
ERROR_LABEL = "dev error"
TITLE_HEIGHT = 48
"""Room for the three lines above the two-field plot."""


def brushes(levels: np.ndarray) -> list:
    colours = COLOURS.map(np.nan_to_num(levels), mode="qcolor") if len(levels) else []
    return [pg.mkBrush(NO_ERROR if np.isnan(v) else c) for v, c in zip(levels, colours,
                                                                         strict=True)]


def set_axis(plot: pg.PlotItem, side: str, dimension, most: int = 4) -> None:
    """Label an axis with the field's symbol, ticks at round values of its scale (at most
    ``most`` labelled), and show the dimension's whole range."""
    plot.getAxis(side).setTicks(dimension.tick_levels(most))
    plot.setLabel(side, names.symbol(dimension.field))
    low, high = dimension.span()
    if side == "bottom":
        plot.setXRange(low, high, padding=0.06)
    else:
        plot.setYRange(low, high, padding=0.06)


def styled(plot: pg.PlotItem, title: str = "") -> pg.PlotItem:
    plot.showGrid(x=True, y=True, alpha=0.2)
    for side in ("left", "bottom"):
        plot.getAxis(side).enableAutoSIPrefix(False)  # errors stay fractions, not "×0.001"
    if title:
        plot.setTitle(title, size="9pt")
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    return plot


class FieldPlots(pg.GraphicsLayoutWidget):
    """Dev error against each field, one small plot per field, on the field's own scale."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setToolTip("Dev error of each trial against each field's value, on the field's "
                        "scale (a log axis for α). Colour: dev error, dark = lowest. Red ×: "
                        "the trial diverged.")
        self._key: tuple | None = None
        self._items: list[tuple] = []

    def show_records(self, space: SearchSpace, records: list) -> None:
        shown = analysis.axis_space(space, records)
        key = tuple((d.field, d.scale, d.ticks() and tuple(d.ticks())) for d in shown.dimensions)
        if key != self._key:
            self._build(shown)
            self._key = key
        for d, (_plot, finished, diverged) in zip(shown.dimensions, self._items, strict=True):
            x, y, failed = analysis.field_points(d, records)
            finished.setData(x[~failed], y[~failed], brush=brushes(analysis.levels(y[~failed])))
            diverged.setData(x[failed], y[failed])

    def _build(self, space: SearchSpace) -> None:
        self.clear()
        self._items = []
        per_row = math.ceil(math.sqrt(len(space.dimensions)))
        for i, d in enumerate(space.dimensions):
            plot = styled(self.addPlot(row=i // per_row, col=i % per_row))
            set_axis(plot, "bottom", d, most=3)
            plot.setLabel("left", ERROR_LABEL if i % per_row == 0 else "")
            finished = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#333333", width=0.5))
            diverged = pg.ScatterPlotItem(size=9, symbol="x", pen=None,
                                          brush=pg.mkBrush(DIVERGED))
            plot.addItem(finished)
            plot.addItem(diverged)
            self._items.append((plot, finished, diverged))


class ImportanceScatter(pg.PlotWidget):
    """The two most important fields against each other, each trial coloured by dev error,
    with grey + where a grid of as many trials would have sampled; the title says how many
    values of each field the grid and the random trials tried."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = styled(self.getPlotItem())
        self.grid = pg.ScatterPlotItem(size=10, symbol="+", pen=pg.mkPen(GRID, width=1.5))
        self.trials = pg.ScatterPlotItem(size=8, pen=pg.mkPen("#333333", width=0.5))
        self.diverged = pg.ScatterPlotItem(size=9, symbol="x", pen=None,
                                           brush=pg.mkBrush(DIVERGED))
        for item in (self.grid, self.trials, self.diverged):
            self.plot.addItem(item)
        self.setToolTip(
            "Random search tries a new value of every field in every trial; a grid (grey +) "
            "repeats a few values per field. When only one or two fields matter, random "
            "search has tried many more values of them (course, week 3).")
        self.caption = ""

    def show_records(self, space: SearchSpace, records: list, latest: list) -> None:
        """``latest``: the trials of the latest round, compared with a grid over ``space``."""
        if len(space.dimensions) < 2:
            for item in (self.grid, self.trials, self.diverged):
                item.setData([], [])
            self._caption("Search two fields or more to compare them here.")
            return
        ranking = analysis.importance(space, records)
        a, b = (space.dimension(path) for path, _ in ranking[:2])
        shown = analysis.axis_space(space, records)
        ax, ay = shown.dimension(a.field), shown.dimension(b.field)
        set_axis(self.plot, "bottom", ax)
        set_axis(self.plot, "left", ay)
        rows = [r for r in records if r.completed and r.verdict != "failed"
                and a.field in r.params and b.field in r.params]
        x = np.array([ax.coordinate(r.params[a.field]) for r in rows], dtype=float)
        y = np.array([ay.coordinate(r.params[b.field]) for r in rows], dtype=float)
        ok = np.array([r.ranked for r in rows], dtype=bool)
        levels = analysis.levels([r.dev_error for r in rows if r.ranked])
        self.trials.setData(x[ok], y[ok], brush=brushes(levels))
        self.diverged.setData(x[~ok], y[~ok])
        comparison = analysis.compare_with_grid(space, latest)
        self.grid.setData([ax.coordinate(p[a.field]) for p in comparison.grid_points],
                          [ay.coordinate(p[b.field]) for p in comparison.grid_points])
        scores = dict(ranking)
        label = {p: names.symbol(p) for p in space.paths()}
        grid, tried = comparison.lines([a.field, b.field], label)
        self._caption(f"{label[a.field]} and {label[b.field]} matter most (η² "
                      f"{scores[a.field]:.2f}, {scores[b.field]:.2f})<br>"
                      f"<span style='color:{GRID}'>+</span> {grid}<br>● {tried}")

    def _caption(self, html: str) -> None:
        self.caption = html
        self.plot.setTitle(html, size="8pt", color="#444444")
        self.plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
        self.plot.layout.setRowFixedHeight(0, TITLE_HEIGHT)


class ParallelPlot(pg.PlotWidget):
    """One line per trial through every field's axis (each on its own scale) to its dev error;
    colour: dev error, the best drawn on top."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = styled(self.getPlotItem())
        self.plot.hideAxis("left")
        self.setToolTip("Each line is a trial: where it sat in each field's range (bottom: "
                        "low, top: high, on the field's scale), and its dev error on the last "
                        "axis. Dark lines are the best trials.")
        self._lines: list[pg.PlotDataItem] = []
        self._labels: list[pg.TextItem] = []
        self._key: tuple | None = None

    def show_records(self, space: SearchSpace, records: list) -> None:
        shown = analysis.axis_space(space, records)
        rows, positions = analysis.parallel_coordinates(shown, records)
        self._axes(shown, rows)
        count = positions.shape[1]
        while len(self._lines) < len(rows):
            self._lines.append(self.plot.plot([], []))
        levels = positions[:, -1] if len(rows) else np.array([])
        colours = COLOURS.map(levels, mode="qcolor") if len(rows) else []
        for i, line in enumerate(self._lines):
            if i < len(rows):
                width = 2.5 if i >= len(rows) - 3 else 1.2
                line.setPen(pg.mkPen(colours[i], width=width))
                line.setData(np.arange(count), positions[i])
                line.setZValue(i)
            else:
                line.setData([], [])

    def _axes(self, space: SearchSpace, rows: list) -> None:
        errors = [r.dev_error for r in rows if r.ranked]
        key = (tuple(d.describe() for d in space.dimensions), min(errors, default=None),
               max(errors, default=None))
        if key == self._key:
            return
        self._key = key
        for item in self._labels:
            self.plot.removeItem(item)
        self._labels = []
        count = len(space.dimensions) + 1
        ticks = [(i, names.symbol(d.field).replace(" ", "\n", 1))
                 for i, d in enumerate(space.dimensions)]
        self.plot.getAxis("bottom").setTicks([[*ticks, (count - 1, "dev\nerror")]])
        self.plot.getAxis("bottom").setHeight(44)
        self.plot.setXRange(-0.45, count - 0.55, padding=0)
        self.plot.setYRange(-0.12, 1.12, padding=0)
        ends = [_ends(d) for d in space.dimensions]
        ends.append((f"{key[1]:.3g}", f"{key[2]:.3g}") if errors else ("", ""))
        for i, (low, high) in enumerate(ends):
            axis = pg.InfiniteLine(pos=i, angle=90, pen=pg.mkPen("#999999", width=1))
            self.plot.addItem(axis)
            self._labels.append(axis)
            for text, y, anchor in ((low, 0, (0.5, 0)), (high, 1, (0.5, 1))):
                label = pg.TextItem(text, color="#444444", anchor=anchor)
                label.setPos(i, y - 0.02 if y == 0 else y + 0.02)
                self.plot.addItem(label)
                self._labels.append(label)


class TopCurves(pg.PlotWidget):
    """The dev cost per epoch of the best trials (train cost dashed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = styled(self.getPlotItem())
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", "J")
        self.plot.getViewBox().setMouseEnabled(x=True, y=True)
        self.legend = self.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")
        self.setToolTip("Dev cost (solid) and train cost (dashed) after each epoch of the "
                        "trials with the lowest dev error.")
        self.dev = [self.plot.plot([], [], pen=pg.mkPen(c, width=2), name=" ")
                    for c in TOP_COLOURS]
        self.train = [self.plot.plot([], [], pen=pg.mkPen(c, width=1,
                                                          style=Qt.PenStyle.DashLine))
                      for c in TOP_COLOURS]

    def show_records(self, records: list) -> None:
        top = refine.best(records, TOP)
        for i, (dev, train) in enumerate(zip(self.dev, self.train, strict=True)):
            label = self.legend.getLabel(dev)
            if i < len(top):
                r = top[i]
                epochs = np.arange(1, len(r.dev_cost) + 1)
                dev.setData(epochs, _floats(r.dev_cost))
                train.setData(epochs, _floats(r.train_cost))
                label.setText(f"trial {r.name}")
                dev.show()
            else:
                dev.setData([], [])
                train.setData([], [])
                label.setText("")


def _floats(values: list) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _ends(dimension) -> tuple[str, str]:
    if dimension.scale == "choice":
        return str(dimension.values[0]), str(dimension.values[-1])
    return scales.format_value(dimension.low), scales.format_value(dimension.high)
