"""``visualnet race``: the optimizer race headless — a results table and, if asked, a CSV and
a PNG of the race view.

    visualnet race --surface rosenbrock --optimizers gd,momentum,rmsprop,adam --steps 500
    visualnet race --optimizers adam:lr=0.01,adam:lr=0.1:beta1=0.8 --noise 0.5 --seed 3
    visualnet race --custom "x**2 + 10*sin(y)" --csv race.csv
    visualnet race --surface rosenbrock --steps 500 --png race.png
    visualnet race --list

Each racer is ``name[:key=value…]`` with the hyperparameters of the training forms (lr, beta,
beta1, beta2, eps, bias_correction). Unset α comes from ``--lr`` or else from the surface: each
surface has a default α for GD-like methods (limited by its curvature, α < 2/λ_max) and one for
RMSprop/Adam/AdaGrad (their steps are about α long, so α is a distance); ``--list`` shows them.
"""

from __future__ import annotations

import argparse
import sys

from visualnet.core.race import SURFACES, Entry, custom, make, ranked, results, table
from visualnet.core.race import run as run_race
from visualnet.core.race.export import write_csv
from visualnet.core.race.surface import Surface

DEFAULT_OPTIMIZERS = "gd,momentum,rmsprop,adam"
MAX_STEPS = 100_000


def add_parser(sub) -> None:
    p = sub.add_parser(
        "race",
        help="race optimizers on a 2-D loss surface",
        description="Race the optimizers on a 2-D loss surface from one start and print "
        "the results, best first: steps until f − f* ≤ tol·(f(start) − f*), final loss, "
        "distance to the nearest minimum, path length, and where a racer stopped (diverged, "
        "or escaped downhill off a saddle).",
        epilog="Racers: name[:key=value…], e.g. adam:lr=0.1:beta1=0.8. Names: gd, momentum, "
        "nesterov, rmsprop, adam, adagrad.",
    )
    p.add_argument("--surface", choices=[*SURFACES, "custom"],
                   help="the loss surface (default: bowl, or custom with --custom)")
    p.add_argument("--custom", metavar="EXPR",
                   help="a custom surface f(x, y) in NumPy notation, e.g. \"x**2 + 3*sin(y)\"")
    p.add_argument("--condition", type=float, metavar="K",
                   help="condition number κ of bowl and rotated_bowl (default 40)")
    p.add_argument("--optimizers", default=DEFAULT_OPTIMIZERS, metavar="LIST",
                   help=f"comma-separated racers (default {DEFAULT_OPTIMIZERS})")
    p.add_argument("--steps", type=int, default=500, help="steps per racer (default 500)")
    p.add_argument("--start", type=float, nargs=2, metavar=("X", "Y"),
                   help="start point (default: the surface's)")
    p.add_argument("--lr", metavar="ALPHA",
                   help="α for racers that set none: one value, or one per racer, "
                   "comma-separated (default: the surface's)")
    p.add_argument("--noise", type=float, default=0.0, metavar="S",
                   help="σ of Gaussian noise added to each gradient (default 0)")
    p.add_argument("--seed", type=int, default=0, help="seed of the noise (default 0)")
    p.add_argument("--tolerance", type=float, default=1e-3, metavar="TOL",
                   help="relative loss tolerance (default 0.001)")
    p.add_argument("--csv", metavar="FILE", help="write every step of every racer as CSV")
    p.add_argument("--png", metavar="FILE",
                   help="draw the race view (surface, trails, loss, results) as a PNG image")
    p.add_argument("--list", action="store_true",
                   help="list the surfaces with their start and default α, then stop")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the race and print its table; a bad argument prints one line and returns 2."""
    try:
        return _race(args)
    except (ValueError, OSError) as error:
        print(f"visualnet race: error: {error}", file=sys.stderr)
        return 2


def surface_from(args: argparse.Namespace) -> Surface:
    """The surface the arguments ask for."""
    key = args.surface or ("custom" if args.custom is not None else "bowl")
    if key == "custom":
        if args.custom is None:
            raise ValueError('--surface custom needs --custom "EXPR"')
        return custom(args.custom)
    if args.custom is not None:
        raise ValueError(f"--custom makes its own surface; drop --surface {key}")
    params = {} if args.condition is None else {"condition": args.condition}
    if params and key not in ("bowl", "rotated_bowl"):
        raise ValueError("--condition applies to bowl and rotated_bowl only")
    return make(key, **params)


def entries_from(text: str, lr: str | None = None) -> list[Entry]:
    """Racers from 'gd,adam:lr=0.1:beta1=0.8'; ``lr`` gives α to racers that set none."""
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise ValueError(f"--optimizers has an empty item: {text!r}")
    rates = _rates(lr, len(items))
    entries = []
    for item, rate in zip(items, rates, strict=True):
        name, *pairs = (part.strip() for part in item.split(":"))
        hyperparameters: dict[str, object] = {} if rate is None else {"lr": rate}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not (sep and key.strip() and value.strip()):
                raise ValueError(f"racer {item!r}: write hyperparameters as key=value, "
                                 f"got {pair!r}")
            hyperparameters[key.strip()] = value.strip()
        entries.append(Entry(name, hyperparameters))
    return entries


def _race(args: argparse.Namespace) -> int:
    if args.list:
        print(_surface_list())
        return 0
    if not 1 <= args.steps <= MAX_STEPS:
        raise ValueError(f"--steps must be in [1, {MAX_STEPS}], got {args.steps}")
    surface = surface_from(args)
    race = run_race(surface, entries_from(args.optimizers, args.lr), args.steps,
               start=args.start, noise=args.noise, seed=args.seed, tolerance=args.tolerance)
    x, y = race.start
    noise = f", noise σ = {args.noise:g} (seed {args.seed})" if args.noise else ""
    print(f"{surface.title}: f = {surface.formula}")
    print(f"{args.steps} steps from ({x:g}, {y:g}){noise}; tolerance "
          f"{args.tolerance:g} of the starting loss gap"
          + ("" if race.threshold is None else f" (f ≤ {race.threshold:.4g})"))
    print(table(ranked(results(race))))
    if args.csv:
        try:
            write_csv(race, args.csv)
        except OSError as error:
            raise OSError(f"cannot write {args.csv}: {error.strerror or error}") from None
        print(f"wrote {args.csv}")
    if args.png:
        _write_png(race, args.png, {} if args.condition is None else {"condition": args.condition})
        print(f"wrote {args.png}")
    return 0


def _write_png(race, path: str, params: dict) -> None:
    """The race view drawn offscreen by the app's own widget (Qt is loaded only here)."""
    try:
        from visualnet.app.race.render import render_race
    except ImportError as error:
        raise ValueError(f"--png needs the app's Qt packages (PySide6, pyqtgraph): {error}") \
            from None
    try:
        render_race(race, path, params=params)
    except OSError as error:
        raise OSError(f"cannot write {path}: {error.strerror or error}") from None


def _rates(lr: str | None, n: int) -> list[float | None]:
    """None each when unset; one value for all; or exactly one per racer."""
    if lr is None:
        return [None] * n
    try:
        values = [float(v) for v in lr.split(",")]
    except ValueError:
        raise ValueError(f"--lr must be numbers separated by commas, got {lr!r}") from None
    if len(values) == 1:
        return values * n
    if len(values) != n:
        raise ValueError(f"--lr has {len(values)} values for {n} racers; give 1 or {n}")
    return values


def _surface_list() -> str:
    lines = []
    for key, factory in SURFACES.items():
        s = factory()
        lines.append(f"{key:<14} {s.formula}")
        lines.append(f"{'':<14} start ({s.start[0]:g}, {s.start[1]:g}); α {s.lr:g} for "
                     f"gd/momentum/nesterov, {s.lr_adaptive:g} for rmsprop/adam/adagrad")
        lines.append(f"{'':<14} {s.about}")
    return "\n".join(lines)
