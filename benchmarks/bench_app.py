"""Training inside the app against headless training, and the GUI's responsiveness meanwhile.

Prints, for each experiment:
  (a) app throughput / headless throughput (examples per second of training time) — target ≥ 0.9;
  (b) the lateness of a 10 ms GUI timer while training, p50 and p99 — target p99 < 30 ms.
Both are measured in the same run on this machine, with the main window at 1600×1000 in its
default layout, every plot as a user sees it: (a) in app runs without the 10 ms timer, which
is no part of the app and by itself costs training 5–8% (a hundred Python calls a second
that each need the interpreter lock), (b) in app runs with it. "headless" trains as
``visualnet train`` does (no recorder, BLAS threads as the command line has them);
"recorded" is headless training with the app's LiveRecorder attached, the most the app
could reach whatever the GUI does.
Headless and app runs alternate, and each figure is the median over the rounds.

    python benchmarks/bench_app.py [--rounds 3] [--platform offscreen|xcb]

``xcb`` needs a display, e.g. ``xvfb-run -a -s "-screen 0 1600x1000x24" python …``; it is the
default when DISPLAY is set. ``offscreen`` paints into memory and never shows a window.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

import numpy as np

EXPERIMENTS = {
    "moons 2-16-16-1, batch 32": {
        "data": {"source": "moons", "n": 2000, "noise": 0.2},
        "network": {"layers": [
            {"type": "dense", "units": 16}, {"type": "relu"},
            {"type": "dense", "units": 16}, {"type": "relu"},
            {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
        "training": {"epochs": 1200, "mini_batch_size": 32},
    },
    "digits 64-128-dropout-10, batch 64": {
        "data": {"source": "digits"},
        "network": {"layers": [
            {"type": "dense", "units": 128}, {"type": "relu"},
            {"type": "dropout", "keep_prob": 0.8},
            {"type": "dense", "units": 10, "init": "xavier"}, {"type": "softmax"}]},
        "training": {"epochs": 400, "mini_batch_size": 64},
    },
    "spiral 2-64-64-64-3 Adam, batch 128": {
        "data": {"source": "spiral", "n": 3000, "noise": 0.2},
        "network": {"layers": [
            {"type": "dense", "units": 64}, {"type": "relu"},
            {"type": "dense", "units": 64}, {"type": "relu"},
            {"type": "dense", "units": 64}, {"type": "relu"},
            {"type": "dense", "units": 3, "init": "xavier"}, {"type": "softmax"}]},
        "training": {"epochs": 700, "mini_batch_size": 128,
                     "optimizer": {"name": "adam", "lr": 0.005}},
    },
}
"""Small nets whose per-iteration Python work dominates, and one whose matrix products do."""

TIMER_MS = 10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="headless/app rounds per experiment")
    parser.add_argument("--platform", choices=("offscreen", "xcb"),
                        default="xcb" if os.environ.get("DISPLAY") else "offscreen")
    parser.add_argument("--only", help="run only the experiments whose name contains this")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform
    from threadpoolctl import threadpool_info, threadpool_limits  # before the app changes it

    cli_blas_threads = max([pool["num_threads"] for pool in threadpool_info()
                            if pool["user_api"] == "blas"], default=1)
    from PySide6.QtWidgets import QApplication

    from visualnet.app.main import configure
    from visualnet.core.data import prepare
    from visualnet.core.experiment import Experiment

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    app_blas_threads = max([pool["num_threads"] for pool in threadpool_info()
                            if pool["user_api"] == "blas"], default=1)
    print(f"platform {args.platform}; {os.cpu_count()} cores; BLAS threads: command line "
          f"{cli_blas_threads}, app {app_blas_threads}; median of {args.rounds} rounds")
    print(f"{'experiment':<38}{'headless':>10}{'recorded':>10}{'app ex/s':>10}{'ratio':>7}"
          f"{'/rec':>6}{'late p50':>10}{'p99':>7}{'frames/s':>9}")
    for name, spec in EXPERIMENTS.items():
        if args.only and args.only not in name:
            continue
        experiment = Experiment.model_validate(spec)
        data = prepare(experiment.data)
        rows = []
        for _ in range(args.rounds):
            with threadpool_limits(cli_blas_threads, user_api="blas"):
                headless = headless_rate(experiment, data, recorded=False)
            recorded = headless_rate(experiment, data, recorded=True)
            rate, frames, _ = app_run(app, experiment, probe=False)
            rows.append((headless, recorded, rate, frames, app_run(app, experiment)[2]))
        headless, recorded, rate, frames = (statistics.median(r[k] for r in rows)
                                            for k in range(4))
        lateness = [late for r in rows for late in r[4]]
        p50, p99 = np.percentile(lateness, [50, 99]) if lateness else (float("nan"),) * 2
        print(f"{name:<38}{headless:>10,.0f}{recorded:>10,.0f}{rate:>10,.0f}"
              f"{rate / headless:>7.2f}{rate / recorded:>6.2f}{p50:>7.1f} ms{p99:>4.0f} ms"
              f"{frames:>9.1f}")
    print("ratio = app / headless (target ≥ 0.9); /rec = app / recorded; lateness of a "
          f"{TIMER_MS} ms timer while training (target p99 < 30 ms)")
    return 0


def headless_rate(experiment, data, recorded: bool) -> float:
    from visualnet.core.training import Trainer
    from visualnet.core.training.recorder import LiveRecorder

    trainer = Trainer(experiment.model_copy(deep=True), data, sampling=recorded)
    if recorded:
        trainer.listeners.append(LiveRecorder(trainer))
    result = trainer.run()
    return trainer.examples_seen / result.elapsed


def app_run(app, experiment, probe: bool = True) -> tuple[float, float, list[float]]:
    """Train in the main window; (examples/s, snapshots drawn per second, the lateness of a
    TIMER_MS timer if ``probe``)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from visualnet.app.main import freeze_startup_objects
    from visualnet.app.session import Session
    from visualnet.app.window import MainWindow

    # settings of its own (QSettings caches a file's contents per process: on a shared path a
    # window would open with the dock layout the previous one closed with)
    folder = tempfile.mkdtemp(prefix="bench_app-")
    settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(experiment.model_copy(deep=True)), settings)
    window.resize(1600, 1000)
    window.show()
    loop = QEventLoop()
    QTimer.singleShot(500, loop.quit)  # let the window lay out and paint before timing
    loop.exec()
    freeze_startup_objects()  # as `visualnet` does once its window is up
    lateness: list[float] = []
    frames = [0]
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(TIMER_MS)

    def tick():
        lateness.append(max(clock.nsecsElapsed() / 1e6 - TIMER_MS, 0.0))
        clock.restart()

    def state_changed(state):
        if state not in ("idle", "running"):
            loop.quit()

    timer.timeout.connect(tick)
    window.controller.snapshot.connect(lambda _snap: frames.__setitem__(0, frames[0] + 1))
    window.controller.stateChanged.connect(state_changed)
    window.controller.train()
    clock.start()
    if probe:
        timer.start()
    loop.exec()
    timer.stop()
    trainer = window.controller.trainer
    rate = trainer.examples_seen / trainer._elapsed
    window.session.dirty = False
    window.close()
    window.deleteLater()
    shutil.rmtree(folder, ignore_errors=True)
    return rate, frames[0] / trainer._elapsed, lateness[1:]


if __name__ == "__main__":
    raise SystemExit(main())
