"""Time the optimizer race: 8 racers × 10 000 steps on Rosenbrock, every step recorded.

Two line-ups: the course's four optimizers at two α each (4 core optimizer objects, one
``step`` call each per race step) and all six optimizers plus two more (6 objects). Each is
compared, in the same run, with

    numpy loop   a bare NumPy loop doing the same gradient evaluations (all racers at once)
                 and a plain GD update P −= α·∇f — the least any race loop could cost;
    core steps   the same core optimizer objects' ``step`` calls alone, on the same rows,
                 without gradients or recording — the floor that using the classes sets;
    one by one   one optimizer object per racer, each with its own gradient call, no recording
                 — what the race would cost without batching racers of one optimizer.

Candidates run in interleaved rounds (so drift hits all alike) after a warm-up; each figure
is the median over the rounds.

    python benchmarks/bench_race.py [--rounds 5] [--steps 10000]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from visualnet.core import optimizers
from visualnet.core.race import Entry, Race, make

COURSE = [Entry(name, {"lr": lr}) for name, lrs in (
    ("gd", (0.0015, 0.001)), ("momentum", (0.0015, 0.001)), ("rmsprop", (0.1, 0.01)),
    ("adam", (0.1, 0.01))) for lr in lrs]
ALL_SIX = [Entry(name) for name in optimizers.REGISTRY] + [
    Entry("adam", {"lr": 0.01}), Entry("momentum", {"lr": 0.001})]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds per candidate")
    parser.add_argument("--steps", type=int, default=10_000, help="race steps")
    args = parser.parse_args()
    surface = make("rosenbrock")
    print(f"numpy {np.__version__}; {args.steps:,} steps, Rosenbrock, median of {args.rounds}")
    print(f"{'line-up':<28}{'race':>9}{'numpy loop':>12}{'ratio':>7}{'core steps':>12}"
          f"{'ratio':>7}{'one by one':>12}{'ratio':>7}")
    for name, entries in (("course 4 × 2 α (4 objects)", COURSE),
                          ("all 6 + 2 (6 objects)", ALL_SIX)):
        candidates = {
            "race": lambda e=entries: Race(surface, e).step(args.steps),
            "numpy": lambda e=entries: numpy_loop(surface, len(e), args.steps),
            "core": lambda e=entries: core_steps(surface, e, args.steps),
            "single": lambda e=entries: one_by_one(surface, e, args.steps),
        }
        t = time_interleaved(candidates, args.rounds)
        race = t["race"]
        print(f"{name:<28}{race:>8.3f}s{t['numpy']:>11.3f}s{race / t['numpy']:>6.1f}×"
              f"{t['core']:>11.3f}s{race / t['core']:>6.2f}×"
              f"{t['single']:>11.3f}s{t['single'] / race:>6.2f}×")
    print("ratios: race / numpy loop, race / core steps, one by one / race")


def numpy_loop(surface, n: int, steps: int) -> None:
    """GD by hand on n rows: one vectorized gradient per step, P −= α·∇f."""
    p = np.tile(surface.start, (n, 1))
    g = np.empty_like(p)
    for _ in range(steps):
        g[:, 0], g[:, 1] = surface.gradient(p[:, 0], p[:, 1])
        p -= 0.001 * g


def core_steps(surface, entries, steps: int) -> None:
    """The race's own optimizer objects stepping their rows, nothing else."""
    race = Race(surface, entries)
    batches = race._batches  # the objects the race steps, built exactly as in a race
    race._grad[:] = 0.01
    for _ in range(steps):
        for batch in batches:
            batch.step()


def one_by_one(surface, entries, steps: int) -> None:
    """One core optimizer per racer, each with its own gradient call; nothing recorded."""
    resolved = Race(surface, entries).entries
    racers = [(optimizers.create(e.optimizer, **e.hyperparameters),
               {"xy": np.array(surface.start)}, {"xy": np.zeros(2)}) for e in resolved]
    for _ in range(steps):
        for opt, params, grads in racers:
            grads["xy"][:] = surface.gradient(*params["xy"])
            opt.step(params, grads)


def time_interleaved(candidates: dict, rounds: int) -> dict[str, float]:
    for run in candidates.values():  # warm-up
        run()
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, run in candidates.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


if __name__ == "__main__":
    main()
