"""The race view as a PNG: from the tab's Save PNG button, or headless for ``visualnet race --png``.

``render_race`` needs no window on screen: it makes a QApplication if there is none (on a Linux
machine without a display, on Qt's offscreen platform), lays the tab out at the asked size
without showing it, and grabs the race view.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from visualnet.core.fileio import atomic_write_bytes

SIZE = (1400, 900)
"""Pixels of the tab a headless PNG is grabbed from (the figure is a little smaller)."""


def png_bytes(widget: QWidget) -> bytes:
    """The widget as it looks now, encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise ValueError("the image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def write_png(widget: QWidget, path: str | os.PathLike) -> None:
    """Write ``widget`` as a PNG file atomically (never half a file)."""
    atomic_write_bytes(path, png_bytes(widget))


def render_race(race, path: str | os.PathLike, size: tuple[int, int] = SIZE,
                params: dict | None = None) -> None:
    """Draw ``race`` (a core Race, at its current step) in the race view and save it as PNG.

    ``params`` are the surface's parameters (e.g. {'condition': 10}) for the surface picker.
    """
    app = application()
    from visualnet.app.race.tab import RaceTab

    previous = qInstallMessageHandler(_without_platform_notes)
    tab = RaceTab()
    try:
        tab.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        tab.resize(*size)
        tab.show()
        tab.show_race(race, params)
        app.processEvents()
        tab.refresh()
        write_png(tab.figure, path)
    finally:
        tab.close()
        tab.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous)


PLATFORM_NOTES = ("propagateSizeHints",)
"""Qt messages about what the offscreen platform cannot do: noise on a command line."""


def _without_platform_notes(mode, context, message: str) -> None:
    if not any(note in message for note in PLATFORM_NOTES):
        print(message, file=sys.stderr)


def application() -> QApplication:
    """The running QApplication, or a new one configured as the app's (offscreen if needed)."""
    app = QApplication.instance()
    if app is not None:
        return app
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    from visualnet.app.main import configure

    configure(app)
    return app
