"""Starting the app: QApplication, settings, the main window, and scripted screenshots.

``run_app(path, train=True, screenshot="shot.png", after=3, quit=True)`` opens an experiment,
starts training, saves a PNG of the main window after 3 seconds and quits: how the README's
screenshots are made.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from threadpoolctl import threadpool_limits

from visualnet.app.errors import install_excepthook

ORGANIZATION = "VisualNet"
APPLICATION = "VisualNet"

BLAS_THREADS = max(1, (os.cpu_count() or 1) - 1)
"""Matrix-product threads in the app: one core fewer than the machine has. OpenBLAS's worker
threads spin while they wait for work: with one per core, they take the core the GUI thread
needs (on 2 cores, a spinning worker took a quarter of all CPU time while the app trained)
and both training and drawing slow down. ``visualnet train`` keeps them all."""


def run_app(
    path: str | Path | None = None,
    *,
    train: bool = False,
    screenshot: str | Path | None = None,
    after: float = 2.0,
    quit: bool = False,
    size: tuple[int, int] | None = None,
) -> int:
    """Open the app (optionally an experiment) and run its event loop; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    install_excepthook()
    from visualnet.app.window import MainWindow

    window = MainWindow()
    if size:
        window.resize(*size)
    else:
        window.fit_to_screen()
    window.show()
    if path is not None and not window.files.open(path) and quit:
        return 2
    freeze_startup_objects()
    if train:
        QTimer.singleShot(0, window.controller.train)
    if screenshot is not None:
        QTimer.singleShot(int(after * 1000), lambda: _screenshot(window, Path(screenshot), quit))
    elif quit:
        QTimer.singleShot(int(after * 1000), window.close)
    return app.exec()


def freeze_startup_objects() -> None:
    """Take what is alive once the window is up (modules, the window, its widgets and plots)
    out of the garbage collector's sight: nearly all of it lives as long as the app. (Frozen
    objects are still freed when their last reference goes; only reference cycles among them,
    such as those of the experiment opened at start once another replaces it, stay: a one-off.)
    A full collection holds the interpreter lock, stopping training and the window alike; over
    the ~107,000 objects of a started app it took ~40 ms, over what runs create since, ~10 ms."""
    gc.collect()
    gc.freeze()


def configure(app: QApplication) -> None:
    """Names for QSettings, pyqtgraph's look (light background, lines without antialiasing),
    and BLAS threads that leave the GUI thread a core (BLAS_THREADS)."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    pg.setConfigOptions(background="w", foreground="#333333", antialias=False,
                        imageAxisOrder="row-major")
    threadpool_limits(BLAS_THREADS, user_api="blas")


def _screenshot(window, path: Path, quit_after: bool) -> None:
    """Save the window as a PNG; report on stderr (this serves scripts) and, when asked, quit
    with exit code 0, or 1 if the PNG could not be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(path))
    except OSError:
        saved = False
    if saved:
        print(f"screenshot saved to {path}", file=sys.stderr)
    else:
        print(f"visualnet open: error: {path}: could not write the PNG", file=sys.stderr)
    if quit_after:
        window.session.dirty = False
        window.close()
        QApplication.exit(0 if saved else 1)
