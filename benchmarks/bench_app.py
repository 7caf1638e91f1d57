"""Training inside the app against headless training, and the GUI's responsiveness meanwhile.

Prints, for each experiment:
  (a) app throughput / headless throughput (examples per second of training time) — target ≥ 0.9;
  (b) the lateness of a 10 ms GUI timer while training, p50 and p99 — target p99 < 30 ms.
Both are measured in the same run on this machine, with the main window at 1600×1000 in its
default layout, every plot as a user sees it: (a) in app runs without the 10 ms timer, which
is no part of the app and by itself costs training 5–8% (a hundred Python calls a second
that each need the interpreter lock), (b) in app runs with it. "headless" trains as
``visualnet train --quiet`` does (no listener at all, not even the progress bar; BLAS
threads as the command line has them); "recorded" is headless training with the app's
LiveRecorder attached, the most the app could reach whatever the GUI does.

A shared machine's speed changes within seconds (here one core's by up to 2× from one 1-second
run to the next, and the two cores at times ran at different speeds, one ~0.6× the other), more
than the differences measured, so each app run is compared with the headless runs just before and
after it: a round runs headless, app, headless, recorded, app with the timer. ratio = app /
mean(headless before, headless after), per round; the table gives the median over the rounds and
their range. The speeds (ex/s) are medians over the rounds. "ran" is steadier: the share of the
app run's wall time its training thread spent running (its CPU time / wall time; headless
training runs ~100% of the time). What it lacks is the time the thread waited for the
interpreter lock (held by the GUI thread while it draws) or for a core, whatever the machine's
speed that minute; app / headless ≈ ran × recorded / headless.

    python benchmarks/bench_app.py [--rounds 5] [--platform offscreen|xcb]

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
import time
from dataclasses import dataclass

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
    parser.add_argument("--rounds", type=int, default=5, help="headless/app rounds per experiment")
    parser.add_argument("--platform", choices=("offscreen", "xcb"),
                        default="xcb" if os.environ.get("DISPLAY") else "offscreen")
    parser.add_argument("--only", help="run only the experiments whose name contains this")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform
    from threadpoolctl import threadpool_info  # before the app changes the BLAS threads

    cli_blas_threads = max([pool["num_threads"] for pool in threadpool_info()
                            if pool["user_api"] == "blas"], default=1)
    from PySide6.QtWidgets import QApplication

    from visualnet.app.main import configure
    from visualnet.core.experiment import Experiment

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    app_blas_threads = max([pool["num_threads"] for pool in threadpool_info()
                            if pool["user_api"] == "blas"], default=1)
    print(f"platform {args.platform}; {os.cpu_count()} cores; BLAS threads: command line "
          f"{cli_blas_threads}, app {app_blas_threads}; median of {args.rounds} rounds")
    print(f"{'experiment':<38}{'headless':>10}{'recorded':>10}{'app ex/s':>10}"
          f"{'ratio (range)':>18}{'ran':>6}{'/rec':>6}{'late p50':>10}{'p99':>7}{'frames/s':>9}")
    for name, spec in EXPERIMENTS.items():
        if args.only and args.only not in name:
            continue
        experiment = Experiment.model_validate(spec)
        print(summary(name, *measure(app, experiment, args.rounds, cli_blas_threads)))
    print("ratio = app / the headless runs around it (target ≥ 0.9); /rec = app / recorded; "
          f"lateness of a {TIMER_MS} ms timer while training (target p99 < 30 ms)")
    return 0


def measure(app, experiment, rounds: int, blas_threads: int) -> tuple[list, list[float]]:
    """A Round per round (headless, app, headless, recorded, app with the timer), and the
    timer's lateness over all of them."""
    from threadpoolctl import threadpool_limits

    from visualnet.core.data import prepare

    data = prepare(experiment.data)

    def headless() -> float:
        with threadpool_limits(blas_threads, user_api="blas"):
            return headless_rate(experiment, data, recorded=False)

    measured, lateness = [], []
    for _ in range(rounds):
        before = headless()
        rate, frames, ran, _ = app_run(app, experiment, probe=False)
        after = headless()
        recorded = headless_rate(experiment, data, recorded=True)
        lateness += app_run(app, experiment)[3]
        measured.append(Round((before + after) / 2, recorded, rate, frames, ran))
    return measured, lateness


@dataclass
class Round:
    """One app run and its references, in examples per second (and its frames per second)."""

    headless: float
    recorded: float
    app: float
    frames: float
    ran: float
    """The share of the app run's wall time its training thread ran (CPU time / wall time)."""


def summary(name: str, rounds: list[Round], lateness: list[float]) -> str:
    """A table row: median speeds, the median ratio and its range, the timer's lateness."""
    ratios = [r.app / r.headless for r in rounds]
    headless, recorded, rate, frames, ran, to_recorded = (
        statistics.median(values) for values in zip(
            *[(r.headless, r.recorded, r.app, r.frames, r.ran, r.app / r.recorded)
              for r in rounds], strict=True))
    p50, p99 = np.percentile(lateness, [50, 99]) if lateness else (float("nan"),) * 2
    spread = f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"
    return (f"{name:<38}{headless:>10,.0f}{recorded:>10,.0f}{rate:>10,.0f}{spread:>18}"
            f"{ran:>6.2f}{to_recorded:>6.2f}{p50:>7.1f} ms{p99:>4.0f} ms{frames:>9.1f}")


def headless_rate(experiment, data, recorded: bool) -> float:
    from visualnet.core.training import Trainer
    from visualnet.core.training.recorder import LiveRecorder

    trainer = Trainer(experiment.model_copy(deep=True), data, sampling=recorded)
    if recorded:
        trainer.listeners.append(LiveRecorder(trainer))
    result = trainer.run()
    return trainer.examples_seen / result.elapsed


def app_run(app, experiment, probe: bool = True) -> tuple[float, float, float, list[float]]:
    """Train in the main window; (examples/s, snapshots drawn per second, the share of its wall
    time the training thread ran, the lateness of a TIMER_MS timer if ``probe``)."""
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
    ran = ThreadRun()
    window.controller.cleared.connect(lambda: ran.watch(window.controller.trainer))
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
    return rate, frames[0] / trainer._elapsed, ran.share, lateness[1:]


class ThreadRun:
    """The CPU time and the wall time of the thread that runs a trainer's ``run()``; ``share``
    = CPU time / wall time. It wraps ``run`` rather than listening to the trainer's events: a
    listener is called every iteration, and that call (~0.3 µs of ~80 on the moons net) would be
    counted against the app."""

    def __init__(self):
        self.cpu = self.wall = 0.0

    def watch(self, trainer) -> None:
        """Time ``trainer.run`` from now on (the controller's worker calls it in its thread)."""
        run = trainer.run

        def timed(*args, **kwargs):
            cpu, wall = time.thread_time(), time.perf_counter()
            try:
                return run(*args, **kwargs)
            finally:
                self.cpu, self.wall = time.thread_time() - cpu, time.perf_counter() - wall

        trainer.run = timed

    @property
    def share(self) -> float:
        return self.cpu / self.wall if self.wall else float("nan")


if __name__ == "__main__":
    raise SystemExit(main())
