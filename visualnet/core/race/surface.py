"""A two-parameter loss surface f(x, y): value, gradient, known minima and a default view.

Everything is vectorized: ``value(x, y)`` and ``gradient(x, y)`` take arrays of any (equal)
shape, so the same functions evaluate a contour grid, the heads of every racer at once, or a
whole recorded trajectory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from visualnet.core import optimizers

Array = np.ndarray
ValueFn = Callable[[Array, Array], Array]
GradientFn = Callable[[Array, Array], tuple[Array, Array]]


@dataclass(frozen=True)
class Surface:
    """f(x, y) with ∇f = (∂f/∂x, ∂f/∂y), its known minima and the defaults of a race on it.

    ``view`` is (x_min, x_max, y_min, y_max). ``lr`` is the default α of the methods whose step
    scales with the gradient (GD, momentum, Nesterov: stable only for α < 2/λ_max of the
    Hessian); ``lr_adaptive`` that of the methods that divide by √s (RMSprop, Adam, AdaGrad),
    whose steps are about α long per axis whatever the gradient's size, so α is a distance.
    ``minima`` lists the known minima (global ones first); none for surfaces unbounded below.
    """

    key: str
    title: str
    formula: str
    value: ValueFn
    gradient: GradientFn
    minima: tuple[tuple[float, float], ...]
    view: tuple[float, float, float, float]
    start: tuple[float, float]
    lr: float
    lr_adaptive: float
    about: str = ""
    gradient_method: str = "analytic"

    @property
    def min_value(self) -> float | None:
        """f at the global minimum, or None when no minimum is known."""
        if not self.minima:
            return None
        x, y = self.minima[0]
        return float(self.value(np.float64(x), np.float64(y)))

    def default_lr(self, optimizer: str) -> float:
        """The default α for an optimizer by registry name (adaptive if it keeps s)."""
        adaptive = "s" in optimizers.REGISTRY[optimizer].slots
        return self.lr_adaptive if adaptive else self.lr

    def grid(self, n: int = 200) -> tuple[Array, Array, Array]:
        """(xs, ys, Z) over the view with Z[i, j] = f(xs[j], ys[i]); n points per axis."""
        x_min, x_max, y_min, y_max = self.view
        xs, ys = np.linspace(x_min, x_max, n), np.linspace(y_min, y_max, n)
        with np.errstate(all="ignore"):
            z = self.value(*np.meshgrid(xs, ys))
        return xs, ys, np.broadcast_to(z, (n, n)).astype(np.float64)

    def nearest_minimum(self, x: float, y: float) -> tuple[int, float]:
        """(index into ``minima``, Euclidean distance) of the minimum nearest (x, y)."""
        if not self.minima:
            raise ValueError(f"surface {self.key!r} has no known minimum")
        distances = np.hypot(*(np.asarray(self.minima) - (x, y)).T)
        i = int(np.argmin(distances))
        return i, float(distances[i])

    def limits(self, scale: float = 10.0) -> tuple[float, float, float, float]:
        """The view grown ``scale`` times about its centre: leaving it counts as diverging."""
        x_min, x_max, y_min, y_max = self.view
        cx, cy = (x_min + x_max) / 2, (y_min + y_max) / 2
        hx, hy = scale * (x_max - x_min) / 2, scale * (y_max - y_min) / 2
        return cx - hx, cx + hx, cy - hy, cy + hy


def log_levels(z: Array, floor: float, n: int = 20) -> Array:
    """n contour levels floor + geomspace(…) spanning z: dense near the minimum, sparse high up.

    ``floor`` is the minimum value f* (or z's least value when unknown); levels are
    f* + d with d log-spaced from 10⁻³ of the range up to the range of finite z.
    """
    finite = z[np.isfinite(z)]
    span = float(finite.max() - floor) if finite.size else 0.0
    if span <= 0:
        return np.full(1, floor)
    return floor + np.geomspace(span * 1e-3, span, n)
