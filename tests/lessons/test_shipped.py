"""The shipped examples: listed, loadable, trainable, and found as installed package data."""

import csv
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from visualnet.core import lessons, load_model
from visualnet.core.experiment import Experiment
from visualnet.core.training import Trainer


def examples():
    return resources.files("visualnet.resources").joinpath("examples")


def test_every_shipped_file_is_in_exactly_one_lesson_and_every_listed_file_is_shipped():
    listed = [name for item in lessons.lessons() for name in item.files]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == lessons.shipped_files()


def test_each_lesson_has_a_title_plots_and_an_explanation():
    ids = [item.id for item in lessons.lessons()]
    assert len(ids) == len(set(ids))
    for item in lessons.lessons():
        assert item.title and item.topic
        assert item.plots and set(item.plots) <= set(lessons.PLOTS)
        assert len(item.explanation) > 200 and "=" in item.explanation  # prose and a formula
        assert item.file == item.files[0]
    assert lessons.lesson("ewma").demo == "temperature"


def test_each_file_loads_names_its_lesson_and_trains_one_epoch():
    for item in lessons.lessons():
        for name in item.files:
            experiment = lessons.load(item.id, name)
            assert experiment.view.lesson == item.id, name
            assert experiment.view.hidden == [], name
            assert experiment.name and experiment.description, name
            experiment.training.epochs = 1
            result = Trainer(experiment).run()
            # batchnorm-off diverges too, but only in its second epoch.
            assert result.status == "finished", f"{name}: {result.message}"


def test_load_opens_the_first_file_and_names_what_exists_when_asked_for_more():
    first = lessons.lesson("regularization").file
    assert lessons.load("regularization") == lessons.load("regularization", first)
    with pytest.raises(ValueError, match="the lessons are: initialization, "):
        lessons.lesson("dropout")
    with pytest.raises(ValueError, match=r"its files are: softmax-digits\.vnet\.json"):
        lessons.load("softmax", "batchnorm-on.vnet.json")


def test_importlib_resources_finds_the_examples_from_any_folder(tmp_path):
    assert examples().joinpath(lessons.INDEX).is_file()
    for name in lessons.shipped_files():
        with resources.as_file(examples().joinpath(name)) as path:
            assert Experiment.load(path).view.lesson
    code = "from visualnet.core import lessons; print(len(lessons.lessons()))"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(lessons.lessons())


def test_visualnet_train_runs_a_shipped_example(tmp_path):
    command = Path(sys.executable).with_name("visualnet")
    assert command.is_file(), f"no {command}: install VisualNet into this environment"
    out = tmp_path / "run"
    with resources.as_file(examples().joinpath("initialization-he.vnet.json")) as path:
        done = subprocess.run(
            [str(command), "train", str(path), "--out", str(out), "--epochs", "2", "--quiet"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )
    assert done.returncode == 0, done.stderr
    with open(out / "metrics.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["epoch"] for row in rows] == ["1", "2"]
    assert (out / "model.safetensors").is_file()
    model = load_model(out / "model.npz")
    assert model.predict(np.array([[0.0, 3.0], [0.0, 0.0]])).shape == (1, 2)
