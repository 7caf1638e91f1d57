"""Docks as the main window makes them: one look, named for saved layouts, toggled in View;
and side panels that step aside for the pages that do not use them."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTabWidget, QWidget


def make_dock(widget: QWidget, title: str, key: str, owner: QMainWindow) -> QDockWidget:
    """A movable, floatable, closable dock holding ``widget``, named ``dock_<key>`` (the name
    saved layouts know it by)."""
    dock = QDockWidget(title, owner)
    dock.setObjectName(f"dock_{key}")
    dock.setWidget(widget)
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    return dock


def tab_beside(area: QMainWindow, other: QDockWidget, dock: QDockWidget) -> None:
    """``dock`` as a tab in ``other``'s group, leaving ``other`` in front."""
    area.tabifyDockWidget(other, dock)
    other.raise_()


def add_view_toggle(view_menu: QMenu, dock: QDockWidget) -> None:
    """The dock's show/hide toggle among the others in View (before its first separator)."""
    separator = next((a for a in view_menu.actions() if a.isSeparator()), None)
    view_menu.insertAction(separator, dock.toggleViewAction())


class PagePanels:
    """Docks that some pages of ``tabs`` have no use for (the training panels beside the
    optimizer race): closed while such a page is current, and open again as they were (the
    same ones, the same one in front) on leaving it. Docks the user had closed stay closed."""

    def __init__(self, tabs: QTabWidget, docks: list[QDockWidget], unused_on: list[QWidget]):
        self.tabs = tabs
        self.docks = docks
        self.unused_on = unused_on
        self._closed: list[tuple[QDockWidget, bool]] | None = None
        """While stepped aside: each dock closed, and whether it was the one in front."""
        tabs.currentChanged.connect(self._page_changed)

    def come_back(self) -> None:
        """Open the docks that stepped aside, as they were (e.g. before saving the layout)."""
        closed, self._closed = self._closed, None
        for dock, _ in closed or ():
            dock.show()
        for dock, front in closed or ():
            if front:
                dock.raise_()

    def _page_changed(self, index: int) -> None:
        if self.tabs.widget(index) not in self.unused_on:
            self.come_back()
        elif self._closed is None:
            self._closed = [(dock, not dock.visibleRegion().isEmpty()) for dock in self.docks
                            if dock.toggleViewAction().isChecked()]  # a tab behind: no region
            for dock, _ in self._closed:
                dock.hide()
