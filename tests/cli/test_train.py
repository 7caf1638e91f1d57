"""``visualnet train``, run in-process as a user types it: files written, report, Ctrl-C."""

import csv

import numpy as np
import pytest

from visualnet.cli import main
from visualnet.cli.progress import ProgressBar
from visualnet.core.data import prepare
from visualnet.core.experiment import Experiment
from visualnet.core.export import load_model
from visualnet.core.training import Trainer
from visualnet.core.training import trainer as trainer_module


@pytest.fixture
def experiment_file(tmp_path):
    experiment = Experiment.model_validate({
        "name": "moons for the command line",
        "data": {"source": "moons", "n": 200, "noise": 0.2, "seed": 1},
        "network": {"layers": [
            {"type": "dense", "units": 8}, {"type": "relu"},
            {"type": "dense", "units": 1, "init": "xavier"}, {"type": "sigmoid"}]},
        "training": {"epochs": 6, "mini_batch_size": 32,
                     "optimizer": {"name": "adam", "lr": 0.02}},
    })
    path = tmp_path / "moons.vnet.json"
    experiment.save(path)
    return path


def test_train_writes_the_metrics_the_model_and_the_experiment(experiment_file, tmp_path,
                                                              capsys):
    out = tmp_path / "run"
    assert main(["train", str(experiment_file), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr()
    assert "Training 'moons for the command line': 33 parameters, 120 training examples" \
        in printed.err
    assert "finished: trained 6 epochs" in printed.err
    assert printed.out.splitlines()[0].startswith("epoch 6: train cost ")
    with (out / "metrics.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    assert float(rows[-1]["train_cost"]) < float(rows[0]["train_cost"])
    assert Experiment.load(out / "experiment.vnet.json") == Experiment.load(experiment_file)
    # both model files give the same predictions, equal to a fresh identical run's
    experiment = Experiment.load(experiment_file)
    data = prepare(experiment.data)
    reference = Trainer(experiment, data)
    reference.run()
    X = data.test.X_raw
    expected = reference.net.predict(data.preprocessor.apply(X).astype(reference.net.dtype))
    for name in ("model.npz", "model.safetensors"):
        np.testing.assert_array_equal(load_model(out / name).predict(X), expected)


def test_epochs_can_be_overridden_and_the_folder_defaults_to_the_files_name(
        experiment_file, monkeypatch, capsys):
    monkeypatch.chdir(experiment_file.parent)
    assert main(["train", experiment_file.name, "--epochs", "2", "--quiet"]) == 0
    with (experiment_file.parent / "moons-run" / "metrics.csv").open() as f:
        assert len(list(csv.DictReader(f))) == 2
    assert "wrote moons-run/metrics.csv" in capsys.readouterr().out


def test_ctrl_c_stops_cleanly_and_keeps_the_best_model_so_far(experiment_file, tmp_path,
                                                             monkeypatch, capsys):
    end_epoch = Trainer._end_epoch
    seen = []

    def interrupted_once_the_dev_cost_rises(self):
        event = end_epoch(self)
        seen.append(event.dev_cost)
        if event.dev_cost > min(seen):  # the weights now are not the best so far: Ctrl-C
            raise KeyboardInterrupt
        return event

    monkeypatch.setattr(trainer_module.Trainer, "_end_epoch", interrupted_once_the_dev_cost_rises)
    out = tmp_path / "run"
    args = ["train", str(experiment_file), "--out", str(out), "--quiet", "--epochs", "200"]
    assert main(args) == 130
    assert "stopped: interrupted" in capsys.readouterr().err
    with (out / "metrics.csv").open() as f:
        dev_costs = [float(row["dev_cost"]) for row in csv.DictReader(f)]
    assert dev_costs == pytest.approx(seen) and dev_costs[-1] > min(dev_costs)
    # the saved model is the epoch with the lowest dev cost: J_dev = −mean(y log a + …)
    dev = prepare(Experiment.load(experiment_file).data).dev
    a = load_model(out / "model.npz").predict(dev.X_raw).astype(np.float64)
    y = dev.Y
    cost = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    assert cost == pytest.approx(min(dev_costs), rel=1e-5)


def test_a_missing_file_is_one_line_naming_it(tmp_path, capsys):
    missing = tmp_path / "nope.vnet.json"
    assert main(["train", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("visualnet train: error:")
    assert str(missing) in err[0]


def test_the_progress_bar_in_a_log_file_writes_a_line_per_tenth(experiment_file):
    import io

    stream = io.StringIO()
    experiment = Experiment.load(experiment_file)
    experiment.training.epochs = 20
    Trainer(experiment, listeners=[ProgressBar(20, stream=stream)], sampling=False).run()
    lines = stream.getvalue().splitlines()
    assert 10 <= len(lines) <= 11 and "\r" not in stream.getvalue()
    assert lines[0].startswith("epoch 1/20 [") and lines[-1].startswith("epoch 20/20 [")
    assert "100%" in lines[-1] and "ex/s" in lines[-1]
