"""Docks as the main window makes them: one look, named for saved layouts, toggled in View."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget


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
