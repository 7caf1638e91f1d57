"""``visualnet search EXPERIMENT``: a hyperparameter search headless, on this computer's cores or
on a Dask cluster, printing one line per trial as it ends.

    visualnet search moons.vnet.json --trials 40 --rounds 2
    visualnet search moons.vnet.json --trials 200 --scheduler tcp://10.0.0.5:8786

The space is the experiment's "search" part (the app's Search tab writes it). Results stream to
OUT/results.jsonl; running the same command again resumes, skipping the trials already there.
Ctrl-C stops the running trials and keeps every finished one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from visualnet.core import validation
from visualnet.core.experiment import SUFFIX, Experiment
from visualnet.core.search import SearchSpace, report
from visualnet.core.search.executors import default_workers, open_executor
from visualnet.core.search.refine import best
from visualnet.core.search.results import NAME
from visualnet.core.search.runner import RoundStarted, Search, SearchEnded, TrialDone

BEST = f"best{SUFFIX}"
INTERRUPTED = 130


def add_parser(sub) -> None:
    p = sub.add_parser(
        "search",
        help="search hyperparameters: many trials in parallel",
        description="Train many variations of an experiment — the fields, ranges and scales of "
        "its \"search\" part — on this computer's cores or a Dask cluster, one line per trial "
        "as it ends, then the best trials. Writes results.jsonl (one trial per line, kept on "
        "Ctrl-C; the same command resumes from it) and best.vnet.json.",
    )
    p.add_argument("experiment", type=Path, help=f"experiment file (*{SUFFIX}) with a search")
    p.add_argument("--trials", type=int, metavar="N", help="trials per round (default: the file's)")
    p.add_argument("--rounds", type=int, metavar="R",
                   help="rounds; each zooms in on the best trials of the one before "
                   "(default: the file's)")
    p.add_argument("--workers", type=int, metavar="K",
                   help=f"local worker processes (default: one per core, {default_workers()} here)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on the Dask cluster whose scheduler is at ADDRESS, e.g. "
                   "tcp://10.0.0.5:8786 (needs pip install -e \".[cluster]\")")
    p.add_argument("--method", choices=("random", "grid"),
                   help="random draws or a grid (default: the file's)")
    p.add_argument("--seed", type=int, metavar="S", help="seed of the draws (default: the file's)")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="output folder (default: <experiment name>-search)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.workers is not None and args.scheduler:
        raise ValueError("give --workers (this computer) or --scheduler (a Dask cluster), "
                         "not both")
    experiment = Experiment.load(args.experiment)
    space = _space(experiment, args)
    out = args.out or Path(args.experiment.name.removesuffix(SUFFIX) + "-search")
    printer = _Printer()
    search = Search(experiment, space, out / NAME, listeners=[printer])
    interrupted = False
    try:
        with open_executor(args.workers, args.scheduler) as executing:
            print(f"Searching {experiment.name!r} on {executing.where}: {space.trials} trials "
                  f"per round, {space.rounds} round{'s' if space.rounds > 1 else ''}, seed "
                  f"{space.seed}; results in {out / NAME}", flush=True)
            search.run(executing.executor, slots=executing.slots,
                       stop_running=executing.interrupt)
    except KeyboardInterrupt:
        interrupted = True
        print(f"\nstopped (Ctrl-C): finished trials are kept in {out / NAME}; run the same "
              "command again to resume", file=sys.stderr, flush=True)
    print("\n" + report.best_trials(search.records))
    top = best(search.records, 1)
    if top:
        winner = Experiment.from_dict(top[0].experiment, source=f"trial {top[0].name}")
        winner.search = experiment.search
        winner.save(out / BEST)
        print(f"wrote {out / NAME}, {out / BEST} (trial {top[0].name})")
    return INTERRUPTED if interrupted else 0


def _space(experiment: Experiment, args: argparse.Namespace) -> SearchSpace | None:
    """The experiment's space with the command line's overrides (None: Search explains)."""
    if experiment.search is None:
        return None
    overrides = {name: getattr(args, name) for name in ("trials", "rounds", "method", "seed")
                 if getattr(args, name) is not None}
    try:
        return SearchSpace.model_validate(experiment.search.model_dump() | overrides)
    except ValidationError as error:
        raise ValueError(validation.explain(error, SearchSpace)) from None


class _Printer:
    """A search listener printing each round's space, a table header and a line per trial."""

    def __init__(self):
        self.space: SearchSpace | None = None

    def __call__(self, event) -> None:
        if isinstance(event, RoundStarted):
            self.space = event.space
            print("\n" + report.round_title(event.round, event.space, event.trials,
                                             event.resumed), flush=True)
            print(report.header(event.space), flush=True)
        elif isinstance(event, TrialDone) and not event.resumed:
            print(report.row(event.record, self.space), flush=True)
        elif isinstance(event, SearchEnded) and event.status == "finished":
            print(event.message, flush=True)
