"""The optimizer race: the core optimizers side by side on 2-D loss surfaces (Qt-free).

    surface      Surface: f(x, y), ∇f, minima, view, start, default α
    surfaces     the built-in surfaces (bowl, rosenbrock, himmelblau…) and ``make``
    expression   custom surfaces from a checked NumPy expression in x and y
"""

from visualnet.core.race.expression import custom
from visualnet.core.race.surface import Surface
from visualnet.core.race.surfaces import SURFACES, make

__all__ = ["SURFACES", "Surface", "custom", "make"]
