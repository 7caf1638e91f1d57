"""The optimizer race: the core optimizers side by side on 2-D loss surfaces (Qt-free).

    surface      Surface: f(x, y), ∇f, minima, view, start, default α
    surfaces     the built-in surfaces (bowl, rosenbrock, himmelblau…) and ``make``
    expression   custom surfaces from a checked NumPy expression in x and y
    entries      Entry: a racer (optimizer, hyperparameters, label)
    batch        racers of one optimizer stepped by one core optimizer, a row each
    race         Race (incremental: step, reset) and run (a whole race)
    trajectory   Trajectory: one racer's per-step record
    report       Result per racer, ranking and the results table
    export       the race as CSV
"""

from visualnet.core.race.entries import Entry
from visualnet.core.race.expression import custom
from visualnet.core.race.race import Race, run
from visualnet.core.race.report import Result, ranked, results, table
from visualnet.core.race.surface import Surface
from visualnet.core.race.surfaces import SURFACES, make
from visualnet.core.race.trajectory import Trajectory

__all__ = ["SURFACES", "Entry", "Race", "Result", "Surface", "Trajectory", "custom", "make",
           "ranked", "results", "run", "table"]
