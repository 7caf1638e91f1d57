"""The main window: menus, the run toolbar, the side panels and the live-plot docks.

It assembles views and wires them to the session (the experiment being edited) and to the run
controller (training in its worker thread). It holds no math and no experiment state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from visualnet import __version__
from visualnet.app import lessons, runs, teaching
from visualnet.app.bindings import NetworkBinding, TrainGate, TrainingBinding
from visualnet.app.builder import LayerBuilder
from visualnet.app.data_panel import DataBinding, DataPanel
from visualnet.app.diagram import PointAdder
from visualnet.app.docks import PagePanels, add_view_toggle, make_dock
from visualnet.app.export_weights import WeightsExport
from visualnet.app.files import FileController
from visualnet.app.forms import HyperparameterForm
from visualnet.app.plots.base import drawing as plots_drawing
from visualnet.app.plots.export import PlotExportMenu
from visualnet.app.plots.registry import PLOTS, default_area
from visualnet.app.race import RaceTab
from visualnet.app.run_bar import RunBar
from visualnet.app.search import SearchTab
from visualnet.app.session import Session
from visualnet.app.training.controller import RunController
from visualnet.app.undo import FocusUndoGroup, FormHistory

LAYOUT_VERSION = 2
SIDE_WIDTH = 360
"""Default width of the left panels (data, network, hyperparameters), in pixels."""
TOP_ROW_SHARE = 0.6
"""In the default layout, the share of the Training tab's height that goes to its top row
(cost and error, the decision boundary); the plots tabbed along the bottom get the rest. Left
to itself Qt halved it, and at 1600×1000 the cost curve had ~60 px of height."""
PREVIEW_DELAY_MS = 150
"""Edits within this many milliseconds share one preview of the untrained network."""


class MainWindow(QMainWindow):
    """VisualNet's main window."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None):
        super().__init__()
        self.setObjectName("main_window")
        self.session = session or Session()
        self.settings = settings or QSettings()
        self.controller = RunController(self.session, self)
        self.files = FileController(self.session, self.settings, self)
        self.docks: dict[str, QDockWidget] = {}
        self.plots = {}
        self._boundary_drawable = True
        self.run_bar = RunBar(self.controller, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.run_bar)
        self._build_tabs()
        self._build_plot_docks()
        self._build_menus()
        self._build_side_docks()
        self._connect()
        runs.install(self)
        lessons.install(self)
        teaching.install(self)
        self.docks["network"].raise_()  # the panel a new user starts in
        self.resize(1600, 1000)
        self._restore_layout()
        self._session_replaced()

    # --- building ----------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.training_area = QMainWindow(self)
        self.training_area.setObjectName("training_area")
        self.training_area.setDockNestingEnabled(True)
        self.training_area.setWindowFlags(Qt.WindowType.Widget)
        self.tabs.addTab(self.training_area, "Training")
        self.race_tab = RaceTab(self)
        self.tabs.addTab(self.race_tab, "Optimizer race")
        self.search_tab = SearchTab(self.session, self)
        self.tabs.addTab(self.search_tab, "Search")
        self.setCentralWidget(self.tabs)

    def _build_plot_docks(self) -> None:
        for cls in PLOTS:
            plot = cls()
            self.plots[cls.key] = plot
            dock = make_dock(plot, cls.title, cls.key, self.training_area)
            area, tab_with = default_area(cls.key)
            if tab_with and tab_with in self.docks:
                self.training_area.tabifyDockWidget(self.docks[tab_with], dock)
            else:
                self.training_area.addDockWidget(area, dock)
            self.docks[cls.key] = dock

    def _build_side_docks(self) -> None:
        self.data_panel = DataPanel()
        self.builder = LayerBuilder()
        self.form = HyperparameterForm()
        form_scroll = QScrollArea()
        form_scroll.setWidget(self.form)
        form_scroll.setWidgetResizable(True)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_side_dock(self.data_panel, "Data", "data")
        self.add_side_dock(self.builder, "Network", "network")
        self.add_side_dock(form_scroll, "Hyperparameters", "hyperparameters")
        self.plots["diagram"].bind(self.session)
        self.point_adder = PointAdder(self.plots["boundary"].plot, self.session, self.controller)
        self.plots["boundary"].layout().insertWidget(0, self.point_adder.controls())
        self.resizeDocks([self.docks["network"]], [SIDE_WIDTH], Qt.Orientation.Horizontal)
        self.training_panels = PagePanels(
            self.tabs, [self.docks[key] for key in ("data", "network", "hyperparameters")],
            unused_on=[self.race_tab])  # the race has its own settings; a search edits these
        self.form_undo = QUndoStack(self)
        self.bindings = [
            DataBinding(self.data_panel, self.session, self.controller),
            NetworkBinding(self.builder, self.session, self.controller),
            TrainingBinding(self.form, self.session, self.controller),
            TrainGate(self.run_bar, self.session),
            FormHistory(self.form, self.session, self.form_undo),
        ]
        self.undo_group = FocusUndoGroup(self)
        self.undo_group.add(self.builder, self.builder.undo_stack)
        self.undo_group.add(self.data_panel, self.data_panel.undo_stack)
        self.undo_group.add(form_scroll, self.form_undo)
        self.undo_group.add(self.plots["boundary"], self.point_adder.undo_stack)
        self.undo_group.setActiveStack(self.builder.undo_stack)
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addActions([undo, redo])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.point_adder.clear_action)

    def add_side_dock(self, widget: QWidget, title: str, key: str) -> QDockWidget:
        """A control panel docked on the left (data, network, hyperparameters…)."""
        dock = make_dock(widget, title, key, self)
        left = [d for k, d in self.docks.items() if d.parent() is self]
        if left:
            self.tabifyDockWidget(left[-1], dock)
        else:
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.docks[key] = dock
        add_view_toggle(self.view_menu, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._menu_action(file_menu, "&New", QKeySequence.StandardKey.New, self.files.new)
        self._menu_action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.files.open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self._menu_action(file_menu, "&Save", QKeySequence.StandardKey.Save, self.files.save)
        self._menu_action(file_menu, "Save &As…", QKeySequence("Ctrl+Shift+S"),
                          self.files.save_as)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        self.weights_export = WeightsExport(self.controller, self.session, self)
        self.weights_export.add_to(self.export_menu)
        self.export_menu.addSeparator()
        self.plot_export = PlotExportMenu(self.plots, self.docks, self.controller, self)
        self.plot_export.add_to(self.export_menu)
        file_menu.addSeparator()
        self._menu_action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.edit_menu = bar.addMenu("&Edit")
        run_menu = bar.addMenu("&Run")
        for action in self.run_bar.actions():
            if isinstance(action, QAction) and action.text():
                run_menu.addAction(action)
        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self._menu_action(self.view_menu, "Reset &layout", None, self.reset_layout)
        self.lessons_menu = bar.addMenu("&Lessons")
        help_menu = bar.addMenu("&Help")
        self._menu_action(help_menu, "&About VisualNet", None, self._about)
        self._fill_recent(self.files.recent())

    def _menu_action(self, menu: QMenu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect(self) -> None:
        self.controller.snapshot.connect(self._show_snapshot)
        self.controller.drawing = plots_drawing  # training waits while a frame is drawn
        self.controller.cleared.connect(self._clear_plots)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.controller.preview)
        self.session.changed.connect(self._schedule_preview)
        self.controller.cleared.connect(self._preview_timer.stop)  # a run supersedes a preview
        self.controller.error.connect(self._error)
        self.session.replaced.connect(self._session_replaced)
        self.session.dataChanged.connect(self._data_changed)
        self.session.dirtyChanged.connect(lambda _dirty: self._update_title())
        self.session.pathChanged.connect(lambda _path: self._update_title())
        self.files.recentChanged.connect(self._fill_recent)

    # --- reacting ----------------------------------------------------------------------------

    def _show_snapshot(self, snap) -> None:
        for plot in self.plots.values():
            plot.show_snapshot(snap)  # a hidden plot only keeps it

    def _clear_plots(self) -> None:
        for plot in self.plots.values():
            plot.clear()

    def _schedule_preview(self, part: str = "") -> None:
        """After an edit that changes the initial network, show it (debounced)."""
        if part in ("", "data", "network", "meta", "training"):
            self._preview_timer.start()

    def _session_replaced(self) -> None:
        self.controller.shutdown()
        self._data_changed()
        self._update_title()
        self._schedule_preview()

    def _data_changed(self) -> None:
        for plot in self.plots.values():
            plot.set_data(self.session.data)
        self._front_boundary_or_diagram()
        if self.session.data_error:
            self.statusBar().showMessage(f"Data: {self.session.data_error}", 10_000)

    def _front_boundary_or_diagram(self) -> None:
        """Data with no plane to draw (digits, iris…) brings the network diagram in front of
        the decision boundary, and 2-D data brings the boundary back; a choice the user made
        between the two stands while the data stays of the same kind."""
        drawable = self.plots["boundary"].drawable or self.session.data is None
        if drawable != self._boundary_drawable:
            self._boundary_drawable = drawable
            self.docks["boundary" if drawable else "diagram"].raise_()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session.title} — VisualNet")

    def _error(self, text: str) -> None:
        QMessageBox.warning(self, "VisualNet", text)

    def _fill_recent(self, paths: list[str]) -> None:
        self.recent_menu.clear()
        for path in paths:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.files.open(p))
        self.recent_menu.setEnabled(bool(paths))

    def _about(self) -> None:
        QMessageBox.about(
            self, "About VisualNet",
            f"VisualNet {__version__}\n\nSee how neural networks learn: every number is "
            "computed by VisualNet's own NumPy core, in the notation of the course "
            "'Improving Deep Neural Networks'.")

    # --- layout and closing ------------------------------------------------------------------

    def reset_layout(self) -> None:
        for key, dock in self.docks.items():
            dock.setVisible(key not in self.session.experiment.view.hidden)
        if self._default_state is not None:
            self.restoreState(self._default_state[0], LAYOUT_VERSION)
            self.training_area.restoreState(self._default_state[1], LAYOUT_VERSION)
            QTimer.singleShot(0, self._split_training_area)

    def _restore_layout(self) -> None:
        self._default_state = (self.saveState(LAYOUT_VERSION),
                               self.training_area.saveState(LAYOUT_VERSION))
        self._split_due = True
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        outer = self.settings.value("window/state")
        inner = self.settings.value("window/training_state")
        if isinstance(outer, QByteArray):
            self.restoreState(outer, LAYOUT_VERSION)
        if isinstance(inner, QByteArray):
            self.training_area.restoreState(inner, LAYOUT_VERSION)
            self._split_due = False  # the user's own split

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._split_due:  # once shown, when the training area has its height
            self._split_due = False
            QTimer.singleShot(0, self._split_training_area)

    def _split_training_area(self) -> None:
        """The default layout's rows: TOP_ROW_SHARE of the height to the top one, whichever of
        the training area's docks are on show (teaching mode may hide some): the one in front on
        the right, or else those stacked on the left."""
        area = self.training_area
        shown = [d for d in self.docks.values() if d.parent() is area and d.isVisible()]
        right, left, bottom = ([d for d in shown if area.dockWidgetArea(d) == where] for where in (
            Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea))
        top = right[:1] or left
        if not top or not bottom:
            return
        height = area.height()
        area.resizeDocks(top + bottom[:1],
                         [round(height * TOP_ROW_SHARE / len(top))] * len(top)
                         + [round(height * (1 - TOP_ROW_SHARE))], Qt.Orientation.Vertical)

    def fit_to_screen(self) -> None:
        """Shrink the window into its screen's free area, if it is bigger: the first launch on
        a laptop, or a size saved on a larger monitor. Never enlarges it."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry()
        if self.width() <= room.width() and self.height() <= room.height():
            return
        self.resize(self.size().boundedTo(room.size()))
        self.move(room.topLeft())

    def save_layout(self) -> None:
        self.training_panels.come_back()  # the layout to save is the one they belong in
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.setValue("window/training_state",
                               self.training_area.saveState(LAYOUT_VERSION))

    def closeEvent(self, event) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.controller.shutdown()
        self.search_tab.shutdown()
        self.save_layout()
        self.settings.sync()
        event.accept()
