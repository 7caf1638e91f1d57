"""File ▸ Export: a live plot as PNG or SVG, and the run's per-epoch metrics as CSV.

``export_plot`` and ``export_metrics`` do the writing (atomically, raising ValueError or
OSError with a reason a user can act on). ``PlotExportMenu`` gives the main window the menu
actions; "the plot" is the one clicked or whose dock was raised last.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter, SVGExporter
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from visualnet.app.plots.base import LivePlot
from visualnet.core.fileio import atomic_write_bytes
from visualnet.core.training.metrics import write_metrics_csv

FORMATS = {"png": "PNG image (*.png)", "svg": "SVG drawing (*.svg)"}


def export_plot(plot: LivePlot, path: str | Path) -> None:
    """Write ``plot`` as PNG or SVG, chosen by the suffix of ``path``."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path.name}: a plot is exported as .png or .svg, not "
                         f"{path.suffix or 'a file without a suffix'}")
    item = plot.export_item()
    if item is None or plot.showing_note:
        reason = plot.note.text() if plot.showing_note else "it has no drawing"
        raise ValueError(f"the {plot.title} plot has nothing to export: {reason}")
    size = item.boundingRect()
    if size.width() < 2 or size.height() < 2:
        raise ValueError(f"the {plot.title} plot is not on screen: show its dock first")
    if fmt == "svg":
        data = _svg_bytes(item)
    else:
        data = _png_bytes(ImageExporter(item).export(toBytes=True))
    atomic_write_bytes(path, data)


def export_metrics(history, path: str | Path) -> None:
    """Write the per-epoch metrics (EpochEvents) as CSV: one row per epoch."""
    if not history:
        raise ValueError("no epoch has finished yet: train the network first")
    write_metrics_csv(path, history)


class PlotExportMenu(QObject):
    """File ▸ Export actions: 'Plot as PNG…', 'Plot as SVG…', 'Metrics as CSV…'.

    ``plots`` and ``docks`` are the window's {key: LivePlot} and {key: QDockWidget};
    ``controller`` is the RunController (its recorder holds the metrics).
    """

    def __init__(self, plots: dict, docks: dict, controller, parent: QWidget):
        super().__init__(parent)
        self.plots = plots
        self.controller = controller
        self.window = parent
        self.current = next(iter(plots), None)
        self.folder = Path.cwd()
        self.png_action = QAction("Plot as &PNG…", parent)
        self.png_action.triggered.connect(lambda: self.export_current("png"))
        self.svg_action = QAction("Plot as &SVG…", parent)
        self.svg_action.triggered.connect(lambda: self.export_current("svg"))
        self.csv_action = QAction("&Metrics as CSV…", parent)
        self.csv_action.setToolTip("One row per epoch: cost and error of train, dev and test")
        self.csv_action.triggered.connect(self.export_metrics)
        for key in plots:
            dock = docks[key]
            # a click in the plot's drawing (a signal of the scene: watching every event of
            # every widget in the docks cost the GUI thread a Python call per paint)
            for view in dock.findChildren(pg.GraphicsView):
                view.scene().sigMouseClicked.connect(lambda _event, key=key: self.set_current(key))
            dock.visibilityChanged.connect(
                lambda visible, key=key: visible and self.set_current(key))
        self._retitle()

    @property
    def actions(self) -> list[QAction]:
        return [self.png_action, self.svg_action, self.csv_action]

    def add_to(self, menu: QMenu) -> None:
        """Append the three actions to ``menu`` (the window's File ▸ Export)."""
        menu.addActions(self.actions)

    def set_current(self, key: str) -> None:
        """Make ``key`` the plot that 'Plot as PNG/SVG' exports."""
        if key in self.plots and key != self.current:
            self.current = key
            self._retitle()

    def export_current(self, fmt: str) -> Path | None:
        """Ask where to save the current plot, then write it; returns the path written."""
        plot = self.plots.get(self.current)
        if plot is None:
            return None
        path = self._ask(f"Export “{plot.title}” as {fmt.upper()}", f"{plot.key}.{fmt}",
                         FORMATS[fmt], fmt)
        if path is None:
            return None
        try:
            export_plot(plot, path)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self.window, "Export plot", f"Could not write {path}:\n{error}")
            return None
        return path

    def export_metrics(self) -> Path | None:
        """Ask where to save the run's metrics, then write them as CSV."""
        recorder = self.controller.recorder
        if recorder is None or not recorder.history():
            QMessageBox.warning(self.window, "Export metrics",
                                "There are no metrics yet: train the network for at least one "
                                "epoch, then export them.")
            return None
        path = self._ask("Export metrics as CSV", "metrics.csv", "CSV file (*.csv)", "csv")
        if path is None:
            return None
        try:
            export_metrics(recorder.history(), path)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self.window, "Export metrics",
                                f"Could not write {path}:\n{error}")
            return None
        return path

    def _ask(self, caption: str, name: str, filter_: str, suffix: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.window, caption, str(self.folder / name),
                                                filter_)
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(f".{suffix}")
        self.folder = path.parent
        return path

    def _retitle(self) -> None:
        plot = self.plots.get(self.current)
        name = f"“{plot.title}”" if plot is not None else "Plot"
        self.png_action.setText(f"{name} as &PNG…")
        self.svg_action.setText(f"{name} as &SVG…")
        enabled = plot is not None
        self.png_action.setEnabled(enabled)
        self.svg_action.setEnabled(enabled)


def _svg_bytes(item) -> bytes:
    """pyqtgraph's SVG of ``item``, tolerating the closed paths ('… Z') newer Qt writes.

    pyqtgraph 0.14's exporter reads every token of a path as 'x,y' and fails on the
    close-path command Z (pyqtgraph issue #3495). For the length of this export its
    coordinate fixer is wrapped: Z tokens are set aside, the coordinates fixed, Z put back.
    """
    module = sys.modules[SVGExporter.__module__]
    fix = module.correctCoordinates

    def fix_around_closepaths(node, defs, item, options):
        closes = [(path, _take_closepaths(path)) for path in node.getElementsByTagName("path")]
        fix(node, defs, item, options)
        for path, where in closes:
            _put_closepaths(path, where)

    module.correctCoordinates = fix_around_closepaths
    try:
        return SVGExporter(item).export(toBytes=True)
    finally:
        module.correctCoordinates = fix


def _take_closepaths(path) -> list[int]:
    """Remove the Z tokens of an SVG path's d; returns where they stood among the others."""
    kept, where = [], []
    for token in path.getAttribute("d").split():
        if token in ("Z", "z"):
            where.append(len(kept))
        elif token[-1] in "Zz":
            kept.append(token[:-1])
            where.append(len(kept))
        else:
            kept.append(token)
    if where:
        path.setAttribute("d", " ".join(kept))
    return where


def _put_closepaths(path, where: list[int]) -> None:
    if not where:
        return
    tokens = path.getAttribute("d").split()
    for index in reversed(where):
        tokens.insert(index, "Z")
    path.setAttribute("d", " ".join(tokens))


def _png_bytes(image) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError("the image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())
