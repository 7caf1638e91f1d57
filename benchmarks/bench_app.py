"""Training inside the app against headless training, and the GUI's responsiveness meanwhile.

Prints, for each experiment:
  (a) app throughput / headless throughput (examples per second of training time) — target ≥ 0.9;
  (b) the lateness of a 10 ms GUI timer while training, p50 and p99 — target p99 < 30 ms.
Both are measured in the same run on this machine, offscreen. Run:
    QT_QPA_PLATFORM=offscreen python benchmarks/bench_app.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from visualnet.app.main import configure
from visualnet.app.session import Session
from visualnet.app.window import MainWindow
from visualnet.core.data import prepare
from visualnet.core.experiment import Experiment
from visualnet.core.training import Trainer

EXPERIMENTS = {
    "moons 2-16-16-1, batch 32": {
        "data": {"source": "moons", "n": 2000, "noise": 0.2},
        "network": {"layers": [
            {"type": "dense", "units": 16}, {"type": "relu"},
            {"type": "dense", "units": 16}, {"type": "relu"},
            {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
        "training": {"epochs": 60, "mini_batch_size": 32},
    },
    "digits 64-128-dropout-10, batch 64": {
        "data": {"source": "digits"},
        "network": {"layers": [
            {"type": "dense", "units": 128}, {"type": "relu"},
            {"type": "dropout", "keep_prob": 0.8},
            {"type": "dense", "units": 10, "init": "xavier"}, {"type": "softmax"}]},
        "training": {"epochs": 60, "mini_batch_size": 64},
    },
}


def headless_rate(experiment: Experiment, data) -> float:
    trainer = Trainer(experiment.model_copy(deep=True), data)
    result = trainer.run()
    return trainer.examples_seen / result.elapsed


def app_rate(app: QApplication, experiment: Experiment) -> tuple[float, list[float]]:
    settings = QSettings(os.devnull, QSettings.Format.IniFormat)
    window = MainWindow(Session(experiment.model_copy(deep=True)), settings)
    window.resize(1600, 1000)
    window.show()
    lateness: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)

    def tick():
        elapsed = clock.nsecsElapsed() / 1e6
        lateness.append(max(elapsed - 10.0, 0.0))
        clock.restart()

    timer.timeout.connect(tick)
    window.controller.train()
    clock.start()
    timer.start()
    while window.controller.state in ("idle", "running"):
        app.processEvents()
        time.sleep(0.0005)
    timer.stop()
    trainer = window.controller.trainer
    rate = trainer.examples_seen / trainer._elapsed
    window.session.dirty = False
    window.close()
    return rate, lateness[1:]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure(app)
    print(f"{'experiment':<36} {'headless ex/s':>14} {'app ex/s':>10} {'ratio':>6}"
          f" {'lateness p50':>13} {'p99':>7}")
    for name, spec in EXPERIMENTS.items():
        experiment = Experiment.model_validate(spec)
        data = prepare(experiment.data)
        headless = statistics.median(headless_rate(experiment, data) for _ in range(3))
        rate, lateness = app_rate(app, experiment)
        p50, p99 = np.percentile(lateness, [50, 99]) if lateness else (float("nan"),) * 2
        print(f"{name:<36} {headless:>14,.0f} {rate:>10,.0f} {rate / headless:>6.2f}"
              f" {p50:>10.1f} ms {p99:>4.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
