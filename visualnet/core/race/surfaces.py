"""The race's loss surfaces, each with its analytic gradient, known minima and defaults.

    bowl            ½(x² + κ·y²)                                 (elongated, condition number κ)
    rotated_bowl    ½(u² + κ·v²), (u, v) = (x, y) turned by θ    (ill-conditioned, off-axis)
    rosenbrock      (1 − x)² + 100·(y − x²)²                     (curved narrow valley)
    beale           (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²
    himmelblau      (x² + y − 11)² + (x + y² − 7)²               (four minima)
    saddle          x² − y²
    monkey_saddle   x³ − 3xy²                                    (flat centre, three valleys)
    plateau         S(2x) + 0.01·r² − e^(−r²/0.49), r² = (x + 1)² + y², S a smooth 0→1 step
    rastrigin       20 + x² − 10·cos 2πx + y² − 10·cos 2πy       (many local minima)

``make(key, **params)`` builds one by key; ``custom`` surfaces live in ``expression``.
"""

from __future__ import annotations

import inspect
import math

import numpy as np

from visualnet.core.race.surface import Surface


def bowl(condition: float = 40.0) -> Surface:
    """f = ½(x² + κ·y²), ∇f = (x, κ·y): the course's elongated bowl, condition number κ.

    GD's step multiplies y by (1 − α·κ) and x by (1 − α): at the default α = 1.8/κ it zigzags
    across the valley (factor −0.8) while creeping along it; momentum averages the zigzag out,
    RMSprop and Adam divide each axis by its own √s. All share the same default α.
    """
    kappa = _condition(condition)
    lr = 1.8 / kappa
    return Surface(
        key="bowl", title=f"Elongated bowl (κ = {kappa:g})", formula=f"½(x² + {kappa:g}·y²)",
        value=lambda x, y: 0.5 * (x * x + kappa * y * y),
        gradient=lambda x, y: (1.0 * x, kappa * y),
        minima=((0.0, 0.0),), view=(-2.0, 2.0, -0.6, 0.6), start=(-1.5, 0.4),
        lr=lr, lr_adaptive=lr,
        about="GD zigzags across the narrow axis; momentum damps it, RMSprop and Adam rescale "
        "each axis.",
    )


def rotated_bowl(condition: float = 40.0, angle: float = 30.0) -> Surface:
    """f = ½(u² + κ·v²) with u = x·cos θ + y·sin θ, v = −x·sin θ + y·cos θ (θ in degrees).

    ∇f = (u·cos θ − κ·v·sin θ, u·sin θ + κ·v·cos θ). The valley is not along an axis, so
    RMSprop's and Adam's per-axis scaling cannot line up with it: at the bowl's α = 1.8/κ they
    now trail GD, while momentum still beats GD by damping its zigzag.
    """
    kappa = _condition(condition)
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def value(x, y):
        u, v = c * x + s * y, c * y - s * x
        return 0.5 * (u * u + kappa * v * v)

    def gradient(x, y):
        u, v = c * x + s * y, kappa * (c * y - s * x)
        return c * u - s * v, s * u + c * v

    return Surface(
        key="rotated_bowl", title=f"Rotated bowl (κ = {kappa:g}, θ = {angle:g}°)",
        formula=f"½(u² + {kappa:g}·v²), (u, v) = (x, y) rotated by {angle:g}°",
        value=value, gradient=gradient, minima=((0.0, 0.0),),
        view=(-2.0, 2.0, -2.0, 2.0), start=(-1.8, -0.6), lr=1.8 / kappa, lr_adaptive=1.8 / kappa,
        about="An ill-conditioned valley at an angle: per-axis scaling cannot line up with it.",
    )


def rosenbrock() -> Surface:
    """f = (1 − x)² + 100·(y − x²)², ∇f = (−2(1 − x) − 400x(y − x²), 200(y − x²)); min (1, 1)."""

    def value(x, y):
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2

    def gradient(x, y):
        r = y - x * x
        return -2 * (1 - x) - 400 * x * r, 200 * r

    return Surface(
        key="rosenbrock", title="Rosenbrock", formula="(1 − x)² + 100·(y − x²)²",
        value=value, gradient=gradient, minima=((1.0, 1.0),),
        view=(-2.0, 2.0, -1.0, 3.0), start=(-1.2, 1.0), lr=0.0015, lr_adaptive=0.1,
        about="Finding the curved valley is easy; following it to (1, 1) is slow. At the "
        "start the curvature is ≈ 1330, so GD needs α < 2/1330.",
    )


def beale() -> Surface:
    """f = Σₖ aₖ², a₁ = 1.5 − x + xy, a₂ = 2.25 − x + xy², a₃ = 2.625 − x + xy³; min (3, ½).

    ∂f/∂x = Σₖ 2aₖ(yᵏ − 1),  ∂f/∂y = Σₖ 2aₖ·k·x·yᵏ⁻¹.
    """

    def terms(x, y):
        y2 = y * y
        return 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y2 * y, y2

    def value(x, y):
        a1, a2, a3, _ = terms(x, y)
        return a1 * a1 + a2 * a2 + a3 * a3

    def gradient(x, y):
        a1, a2, a3, y2 = terms(x, y)
        gx = 2 * (a1 * (y - 1) + a2 * (y2 - 1) + a3 * (y2 * y - 1))
        gy = 2 * x * (a1 + 2 * a2 * y + 3 * a3 * y2)
        return gx, gy

    return Surface(
        key="beale", title="Beale",
        formula="(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
        value=value, gradient=gradient, minima=((3.0, 0.5),),
        view=(-4.5, 4.5, -4.5, 4.5), start=(1.0, 1.5), lr=0.01, lr_adaptive=0.05,
        about="Flat valleys and steep walls: the gradient's size varies by orders of magnitude.",
    )


HIMMELBLAU_MINIMA = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286169),
    (3.5844283403304917, -1.8481265269644034),
)
"""Himmelblau's four minima (f = 0), refined by Newton's method to machine precision."""


def himmelblau() -> Surface:
    """f = (x² + y − 11)² + (x + y² − 7)², four minima with f = 0.

    ∇f = (4x(x² + y − 11) + 2(x + y² − 7), 2(x² + y − 11) + 4y(x + y² − 7)).
    """

    def value(x, y):
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def gradient(x, y):
        a, b = x * x + y - 11, x + y * y - 7
        return 4 * x * a + 2 * b, 2 * a + 4 * y * b

    return Surface(
        key="himmelblau", title="Himmelblau", formula="(x² + y − 11)² + (x + y² − 7)²",
        value=value, gradient=gradient, minima=HIMMELBLAU_MINIMA,
        view=(-5.0, 5.0, -5.0, 5.0), start=(-0.5, -0.75), lr=0.01, lr_adaptive=0.1,
        about="Four equal minima: from one start, different optimizers may end in different ones.",
    )


def saddle() -> Surface:
    """f = x² − y², ∇f = (2x, −2y): no minimum; escaping the saddle at (0, 0) is the race."""
    return Surface(
        key="saddle", title="Saddle", formula="x² − y²",
        value=lambda x, y: x * x - y * y, gradient=lambda x, y: (2 * x, -2 * y),
        minima=(), view=(-2.0, 2.0, -2.0, 2.0), start=(-1.8, 0.01), lr=0.05, lr_adaptive=0.05,
        about="Near the saddle the gradient is tiny: GD lingers, adaptive methods escape sooner.",
    )


def monkey_saddle() -> Surface:
    """f = x³ − 3xy², ∇f = (3x² − 3y², −6xy): a flat centre (∇f = 0, Hessian 0), three valleys."""
    return Surface(
        key="monkey_saddle", title="Monkey saddle", formula="x³ − 3xy²",
        value=lambda x, y: x * x * x - 3 * x * y * y,
        gradient=lambda x, y: (3 * (x * x - y * y), -6 * x * y),
        minima=(), view=(-2.0, 2.0, -2.0, 2.0), start=(1.5, 0.3), lr=0.02, lr_adaptive=0.05,
        about="Three valleys meet at a flat point; which one an optimizer takes depends on it.",
    )


PLATEAU = {"height": 1.0, "edge": 0.0, "width": 0.5, "centre": -1.0, "tilt": 0.01,
           "depth": 1.0, "radius": 0.7}
"""The plateau surface's constants (see ``plateau``)."""


def plateau() -> Surface:
    """f = h·S((x − a)/w) + τ·r² − d·exp(−r²/ρ²), r² = (x − c)² + y²; min (c, 0), f = −d.

    S(u) = 3u² − 2u³ on [0, 1] (0 left, 1 right) is a smooth step: a cliff of height h = 1
    between x = a = 0 and a + w = 0.5, a nearly flat plateau (slope 2τ·r, τ = 0.01) right of it
    and a well of depth d = 1, radius ρ = 0.7 around c = −1 left of it. Since S is flat for
    x < a and both other terms are radial about (c, 0), that point is the exact minimum.
    ∇f = (h·S′(u)/w + 2τ(x − c) + 2d(x − c)·e/ρ², 2τy + 2d·y·e/ρ²), S′(u) = 6u(1 − u).
    """
    p = PLATEAU
    h, a, w, c = p["height"], p["edge"], p["width"], p["centre"]
    tau, d, rho2 = p["tilt"], p["depth"], p["radius"] ** 2

    def value(x, y):
        u = np.clip((x - a) / w, 0.0, 1.0)
        r2 = (x - c) ** 2 + y * y
        return h * u * u * (3 - 2 * u) + tau * r2 - d * np.exp(-r2 / rho2)

    def gradient(x, y):
        u = np.clip((x - a) / w, 0.0, 1.0)
        dx = x - c
        pull = 2 * tau + 2 * d * np.exp(-(dx * dx + y * y) / rho2) / rho2
        return 6 * h * u * (1 - u) / w + pull * dx, pull * y

    return Surface(
        key="plateau", title="Plateau with a cliff",
        formula="S(2x) + 0.01·r² − exp(−r²/0.49), S(u) = 3u² − 2u³ on [0, 1], "
        "r² = (x + 1)² + y²",
        value=value, gradient=gradient, minima=((c, 0.0),),
        view=(-2.5, 4.0, -2.0, 2.0), start=(3.5, 1.5), lr=0.1, lr_adaptive=0.05,
        about="On the plateau the gradient is tiny: GD crawls, Adam and RMSprop stride; "
        "then the cliff's steep gradient throws GD forward.",
    )


def rastrigin() -> Surface:
    """f = 20 + Σ (xᵢ² − 10·cos 2πxᵢ), ∇f = 2xᵢ + 20π·sin 2πxᵢ; global min (0, 0), f = 0.

    A local minimum sits near every integer point; only the global one is listed.
    """

    def value(x, y):
        return 20 + x * x - 10 * np.cos(2 * np.pi * x) + y * y - 10 * np.cos(2 * np.pi * y)

    def gradient(x, y):
        k = 20 * np.pi
        return 2 * x + k * np.sin(2 * np.pi * x), 2 * y + k * np.sin(2 * np.pi * y)

    return Surface(
        key="rastrigin", title="Rastrigin", formula="20 + x² − 10·cos 2πx + y² − 10·cos 2πy",
        value=value, gradient=gradient, minima=((0.0, 0.0),),
        view=(-5.12, 5.12, -5.12, 5.12), start=(-4.0, -4.0), lr=0.002, lr_adaptive=0.5,
        about="Many local minima: GD stops in the first one it meets; large adaptive steps "
        "hop over some. The curvature at a minimum is ≈ 2 + 40π², so GD needs α < 0.005.",
    )


SURFACES = {
    f.__name__: f
    for f in (bowl, rotated_bowl, rosenbrock, beale, himmelblau, saddle, monkey_saddle,
              plateau, rastrigin)
}
"""Built-in surfaces by key, in the order a menu lists them."""


def make(key: str, **params) -> Surface:
    """A built-in surface by key, e.g. make('bowl', condition=10)."""
    try:
        factory = SURFACES[key]
    except KeyError:
        raise ValueError(
            f"unknown surface {key!r}; allowed: {', '.join(SURFACES)}, custom"
        ) from None
    allowed = inspect.signature(factory).parameters
    unknown = [name for name in params if name not in allowed]
    if unknown:
        takes = ", ".join(allowed) or "no parameters"
        raise ValueError(f"surface {key!r} takes {takes}; got {unknown[0]!r}")
    return factory(**params)


def _condition(kappa: float) -> float:
    kappa = float(kappa)
    if not (math.isfinite(kappa) and kappa >= 1):
        raise ValueError(f"the condition number κ must be ≥ 1, got {kappa:g}")
    return kappa
