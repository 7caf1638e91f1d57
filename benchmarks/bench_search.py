"""Trials per minute of a hyperparameter search against the number of local worker processes.

The same search (random α, β₁, mini-batch size and hidden units over 400 moons, about a third of
a second of training per trial) runs on a process pool of 1 worker and of 2, in interleaved
rounds so drift hits both alike; each figure is the median over the rounds. Worker start-up
(spawning and importing, about a second) is timed apart from the trials.

Other programs busy on the cores make 2 workers look worse, so the benchmark first measures
what the machine gives two processes right now: the same NumPy loop in 1 and in 2 processes at
once. The search's ratio is worth reading against that ceiling.

    python benchmarks/bench_search.py [--rounds 3] [--trials 16] [--epochs 150]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import multiprocessing
import os
import statistics
import time

import numpy as np

from visualnet.core.experiment import Experiment
from visualnet.core.search import SearchSpace
from visualnet.core.search.executors import default_workers, open_executor
from visualnet.core.search.runner import Search

EXPERIMENT = {
    "name": "bench",
    "data": {"source": "moons", "n": 400, "noise": 0.2, "seed": 0},
    "network": {"layers": [
        {"type": "dense", "units": 16}, {"type": "relu"},
        {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
    "training": {"epochs": 150, "mini_batch_size": 32, "optimizer": {"name": "adam"}},
}

DIMENSIONS = [
    {"field": "training.optimizer.lr", "scale": "log", "low": 1e-4, "high": 1},
    {"field": "training.optimizer.beta1", "scale": "one_minus_log", "low": 0.9, "high": 0.999},
    {"field": "training.mini_batch_size", "scale": "pow2", "low": 16, "high": 64},
    {"field": "network.hidden_units", "scale": "int", "low": 8, "high": 32},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per worker count")
    parser.add_argument("--trials", type=int, default=16, help="trials per search")
    parser.add_argument("--epochs", type=int, default=150, help="epochs per trial")
    args = parser.parse_args()
    experiment = Experiment.model_validate(EXPERIMENT)
    experiment.training.epochs = args.epochs
    space = SearchSpace.model_validate({"trials": args.trials, "dimensions": DIMENSIONS})
    counts = (1, 2)
    print(f"{args.trials} trials of {args.epochs} epochs on 400 moons; {default_workers()} "
          f"cores; median of {args.rounds} rounds; load average {_load()}")
    ceiling = machine_ratio()
    print(f"the machine now: 2 processes of a NumPy loop do {ceiling:.2f}× the work of 1")
    runs: dict[int, list[tuple[float, float]]] = {n: [] for n in counts}
    for round_ in range(args.rounds):
        for workers in counts:
            space.seed = round_  # fresh trials each round, the same for both worker counts
            runs[workers].append(timed(experiment, space, workers))
    print(f"{'workers':>8}{'start-up':>10}{'search':>9}{'trials/min':>12}{'per trial':>11}")
    rates = {}
    for workers in counts:
        startup = statistics.median(s for s, _ in runs[workers])
        search = statistics.median(t for _, t in runs[workers])
        rates[workers] = 60 * args.trials / search
        print(f"{workers:>8}{startup:>9.2f}s{search:>8.2f}s{rates[workers]:>12.0f}"
              f"{search / args.trials * workers:>10.3f}s")
    ratios = [one[1] / two[1] for one, two in zip(runs[1], runs[2], strict=True)]
    print(f"load average after: {_load()}")
    print(f"2 workers / 1 worker: {statistics.median(ratios):.2f}× the trials per minute "
          f"(median of per-round ratios; the machine's ceiling now: {ceiling:.2f}×, "
          f"2.00× on two idle cores)")


def timed(experiment: Experiment, space: SearchSpace, workers: int) -> tuple[float, float]:
    """(start-up seconds, search seconds) of one search on ``workers`` processes."""
    started = time.perf_counter()
    with open_executor(workers) as executing:
        ready = time.perf_counter()
        search = Search(experiment, space)
        status = search.run(executing.executor, slots=executing.slots)
        done = time.perf_counter()
    if status != "finished" or len(search.records) != space.trials:
        raise SystemExit(f"the search did not finish: {status}")
    return ready - started, done - ready


def machine_ratio(repeats: int = 3) -> float:
    """Work done by 2 processes running a NumPy loop at once, over 1 (2.0: two free cores)."""
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(2, mp_context=context) as pool:
        cf.wait([pool.submit(int) for _ in range(2)])
        ratios = []
        for _ in range(repeats):
            one = pool.submit(_numpy_loop).result()
            two = [f.result() for f in [pool.submit(_numpy_loop) for _ in range(2)]]
            ratios.append(2 * one / max(two))
    return statistics.median(ratios)


def _numpy_loop() -> float:
    a, b = np.ones((16, 64)), np.ones((64, 32))
    started = time.perf_counter()
    for _ in range(40_000):
        np.maximum(a @ b, 0.0)
    return time.perf_counter() - started


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "unknown"


if __name__ == "__main__":
    main()
