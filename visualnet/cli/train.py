"""``visualnet train EXPERIMENT [--out DIR]``: train headless, write metrics and the model."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from visualnet.cli.progress import ProgressBar
from visualnet.core.experiment import SUFFIX, Experiment
from visualnet.core.export import save_model
from visualnet.core.training import Trainer, diagnose
from visualnet.core.training.metrics import write_metrics_csv

EXIT = {"finished": 0, "early_stopped": 0, "diverged": 1, "stopped": 130}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "train",
        help="train an experiment headless",
        description="Train an experiment without the app. Writes metrics.csv (one row per "
        "epoch), model.npz and model.safetensors, and a copy of the experiment to the output "
        "folder. Ctrl-C stops cleanly and keeps the best model so far.",
    )
    p.add_argument("experiment", type=Path, help=f"experiment file (*{SUFFIX})")
    p.add_argument("--out", type=Path, help="output folder (default: <experiment name>-run)")
    p.add_argument("--epochs", type=int, help="override the number of epochs")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    experiment = Experiment.load(args.experiment)
    if args.epochs is not None:
        experiment.training.epochs = args.epochs
    out = args.out or Path(args.experiment.name.removesuffix(SUFFIX) + "-run")
    listeners = [] if args.quiet else [ProgressBar(experiment.training.epochs)]
    trainer = Trainer(experiment, listeners=listeners, sampling=False)
    print(f"Training {experiment.name!r}: {trainer.net.param_count:,} parameters, "
          f"{trainer.data.train.m} training examples", file=sys.stderr)
    result = trainer.run()
    out.mkdir(parents=True, exist_ok=True)
    experiment.save(out / f"experiment{SUFFIX}")
    write_metrics_csv(out / "metrics.csv", result.history)
    metadata = {"experiment": experiment.to_dict(), "task": trainer.data.task,
                "class_names": trainer.data.class_names}
    for name in ("model.npz", "model.safetensors"):
        save_model(out / name, trainer.net, trainer.data.preprocessor, metadata)
    _report(result, trainer, experiment, out)
    return EXIT[result.status]


def _report(result, trainer, experiment, out: Path) -> None:
    print(f"{result.status}: {result.message}", file=sys.stderr)
    final = result.final
    if final is not None:
        print(f"epoch {final.epoch + 1}: train cost {final.train_cost:.4f}, "
              f"train error {final.train_error:.2%}, dev error {final.dev_error:.2%}")
        if trainer.data.task != "regression" and trainer.data.dev.m:
            d = diagnose(final.train_error, final.dev_error,
                         experiment.training.human_level_error)
            print(f"diagnosis: {d.verdict}: {d.gaps(decimals=2)}. {d.advice}")
    print(f"wrote {out / 'metrics.csv'}, {out / 'model.npz'}, {out / 'model.safetensors'}")
