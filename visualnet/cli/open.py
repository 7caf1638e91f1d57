"""``visualnet open [EXPERIMENT] [--train] [--screenshot PNG --after SECONDS] [--quit]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from visualnet.core.experiment import SUFFIX, Experiment


def add_parser(sub) -> None:
    p = sub.add_parser(
        "open",
        help="open the app (the default with no command)",
        description="Open the VisualNet app, optionally with an experiment; for docs and "
        "checks it can start training, save a screenshot of the main window and quit.",
    )
    p.add_argument("experiment", nargs="?", type=Path, help=f"experiment file (*{SUFFIX})")
    p.add_argument("--train", action="store_true", help="start training right away")
    p.add_argument("--screenshot", type=Path, metavar="PNG", help="save the window as PNG")
    p.add_argument("--after", type=float, default=2.0, metavar="SECONDS",
                   help="when to take the screenshot (default 2 s)")
    p.add_argument("--quit", action="store_true", help="quit after the screenshot")
    p.add_argument("--size", type=int, nargs=2, metavar=("W", "H"),
                   help="window size in pixels, e.g. 1600 1000")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.after < 0:
        raise ValueError(f"--after must be ≥ 0 seconds, got {args.after}")
    if args.size and min(args.size) < 200:
        raise ValueError(f"--size must be at least 200 × 200, got {args.size[0]} × {args.size[1]}")
    if args.quit and args.experiment is not None:
        # a scripted run: a bad file is reported here and exits 2, as nobody is there to
        # answer the app's error dialog
        Experiment.load(args.experiment)
    from visualnet.app.main import run_app

    return run_app(args.experiment, train=args.train, screenshot=args.screenshot,
                   after=args.after, quit=args.quit, size=tuple(args.size) if args.size else None)
