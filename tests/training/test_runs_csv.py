"""Several runs' per-epoch metrics in one CSV, each row led by its run's label."""

import csv
import io
import math

from visualnet.core.training.events import EpochEvent
from visualnet.core.training.metrics import (
    COLUMNS,
    metrics_csv,
    runs_metrics_csv,
    write_runs_metrics_csv,
)


def epoch(k: int, dev_error: float = 0.25) -> EpochEvent:
    return EpochEvent(epoch=k, iteration=5 * (k + 1), train_cost=0.5 / (k + 1),
                      train_error=0.2, dev_cost=0.6, dev_error=dev_error, test_cost=math.nan,
                      test_error=math.nan, lr=0.01, elapsed=0.1 * k)


def test_each_row_names_its_run_and_matches_the_single_run_csv():
    gd = [epoch(0), epoch(1)]
    adam = [epoch(0, dev_error=0.125)]
    text = runs_metrics_csv([("#1 GD α=0.01, batch 64", gd), ("#2 Adam α=0.01", adam)])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["run", *COLUMNS]
    assert [r[0] for r in rows[1:]] == ["#1 GD α=0.01, batch 64"] * 2 + ["#2 Adam α=0.01"]
    single = list(csv.reader(io.StringIO(metrics_csv(gd))))
    assert [r[1:] for r in rows[1:3]] == single[1:]
    assert rows[3][COLUMNS.index("dev_error") + 1] == "0.125"
    assert rows[1][COLUMNS.index("epoch") + 1] == "1"  # epochs counted from 1, as in metrics_csv


def test_no_runs_is_just_the_header(tmp_path):
    path = tmp_path / "runs.csv"
    write_runs_metrics_csv(path, [])
    assert path.read_text(encoding="utf-8") == ",".join(["run", *COLUMNS]) + "\n"
