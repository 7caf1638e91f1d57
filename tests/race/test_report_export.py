"""The results table and the CSV export."""

import csv
import io

import numpy as np
import pytest

from visualnet.core.race import Entry, make, ranked, results, run, table
from visualnet.core.race.export import COLUMNS, csv_text, write_csv


def test_results_follow_from_the_trajectories():
    surface = make("himmelblau")
    race = run(surface, ["gd", "adam"], 200)
    for result, tr in zip(results(race), race.trajectories(), strict=True):
        hits = np.flatnonzero(tr.loss <= race.threshold)
        assert result.steps_to_tolerance == hits[0]
        assert result.final_loss == tr.loss[-1]
        steps = np.diff(tr.position, axis=0)
        assert result.path_length == pytest.approx(np.sqrt((steps**2).sum(axis=1)).sum())
        index, distance = surface.nearest_minimum(*tr.position[-1])
        assert (result.nearest_minimum, result.distance_to_minimum) == (index, distance)
        assert not result.diverged and result.steps == 200


def test_ranking_puts_the_fastest_first_and_the_diverged_last():
    entries = [Entry("gd", {"lr": 0.1}), "adagrad", "gd", "momentum", "rmsprop", "adam"]
    rows = ranked(results(run(make("bowl"), entries, 300)))
    assert [r.label for r in rows][:4] == [
        "RMSprop α=0.045", "Adam α=0.045", "Momentum α=0.045", "Gradient descent α=0.045"]
    assert rows[4].optimizer == "adagrad" and rows[4].steps_to_tolerance is None
    assert rows[5].diverged and not rows[5].escaped


def test_escaping_a_saddle_ranks_by_how_soon():
    rows = ranked(results(run(make("saddle"), ["adagrad", "adam", "gd"], 500)))
    assert [r.optimizer for r in rows] == ["gd", "adam", "adagrad"]
    assert rows[0].escaped and rows[0].diverged_at < rows[1].diverged_at
    assert rows[0].distance_to_minimum is None and rows[0].steps_to_tolerance is None


def test_table_lists_every_racer_in_the_order_given():
    race = run(make("saddle"), ["gd", "adagrad"], 200)
    text = table(ranked(results(race)))
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["#", "racer", "steps"]
    assert lines[1].startswith("1  Gradient descent α=0.05")
    assert "escaped at" in lines[1] and lines[2].startswith("2  AdaGrad")
    assert len(lines) == 3


def test_csv_has_every_step_of_every_racer():
    race = run(make("bowl"), [Entry("gd", {"lr": 0.1}), "momentum", "adam"], 50)
    rows = list(csv.DictReader(io.StringIO(csv_text(race))))
    assert tuple(rows[0]) == COLUMNS
    trajectories = race.trajectories()
    assert len(rows) == sum(tr.steps + 1 for tr in trajectories)
    for tr in trajectories:
        mine = [r for r in rows if r["label"] == tr.label]
        assert [int(r["step"]) for r in mine] == list(range(tr.steps + 1))
        assert all(r["optimizer"] == tr.optimizer for r in mine)
        np.testing.assert_array_equal([float(r["x"]) for r in mine], tr.position[:, 0])
        np.testing.assert_array_equal([float(r["loss"]) for r in mine], tr.loss)
    adam = [r for r in rows if r["optimizer"] == "adam"]
    assert adam[0]["gradient_x"] == "" and adam[0]["v_hat_y"] == ""
    assert float(adam[3]["sqrt_s_hat_y"]) == trajectories[2].sqrt_s_hat[3, 1]
    assert {r["s_x"] for r in rows if r["optimizer"] == "momentum"} == {""}


def test_labels_with_commas_and_quotes_survive():
    race = run(make("bowl"), [Entry("gd", label='my "fast", GD')], 2)
    rows = list(csv.DictReader(io.StringIO(csv_text(race))))
    assert {r["label"] for r in rows} == {'my "fast", GD'}


def test_write_csv_is_atomic(tmp_path):
    path = tmp_path / "out" / "race.csv"
    race = run(make("bowl"), ["gd"], 3)
    write_csv(race, path)
    assert path.read_text() == csv_text(race)
    assert [p.name for p in path.parent.iterdir()] == ["race.csv"]
