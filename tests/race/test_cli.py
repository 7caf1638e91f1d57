"""``visualnet race``, run in-process: the table, the CSV and one-line errors."""

import argparse
import csv

import pytest

from visualnet.cli import race as race_command


def _args(*argv):
    parser = argparse.ArgumentParser(prog="visualnet")
    race_command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["race", *argv])


def test_prints_the_ranked_table_and_writes_the_csv(tmp_path, capsys):
    path = tmp_path / "race.csv"
    args = _args("--surface", "rosenbrock", "--optimizers", "gd,momentum,rmsprop,adam",
                 "--steps", "500", "--csv", str(path))
    assert args.run(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Rosenbrock: f = (1 − x)² + 100·(y − x²)²"
    assert out[1].startswith("500 steps from (-1.2, 1); tolerance 0.001")
    assert out[2].split()[:2] == ["#", "racer"]
    assert out[3].startswith("1  Adam α=0.1") and " 464 " in out[3]
    assert sorted(line.split()[1] for line in out[3:7]) == [
        "Adam", "Gradient", "Momentum", "RMSprop"]
    assert out[7] == f"wrote {path}"
    with path.open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 * 501
    assert {r["optimizer"] for r in rows} == {"gd", "momentum", "rmsprop", "adam"}


def test_racers_with_their_own_hyperparameters_lr_list_and_noise(capsys):
    args = _args("--optimizers", "adam:lr=0.01,adam:beta1=0.8,gd", "--lr", "0.02",
                 "--noise", "0.5", "--seed", "3", "--steps", "50")
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert "noise σ = 0.5 (seed 3)" in out
    assert "Adam α=0.01" in out and "Adam α=0.02 β₁=0.8" in out and "Gradient descent α=0.02" in out
    again = _args("--optimizers", "gd,adam", "--lr", "0.01,0.2", "--steps", "5")
    assert again.run(again) == 0
    assert "Adam α=0.2" in capsys.readouterr().out


def test_custom_surface_start_and_condition(capsys):
    args = _args("--custom", "(x - 1)**2 + 2*(y + 0.5)**2", "--start", "2", "2", "--steps", "30")
    assert args.run(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Custom: f = (x - 1)**2 + 2*(y + 0.5)**2\n30 steps from (2, 2)")
    bowl = _args("--condition", "10", "--steps", "20")
    assert bowl.run(bowl) == 0
    assert "Elongated bowl (κ = 10)" in capsys.readouterr().out


def test_list_shows_every_surface(capsys):
    args = _args("--list")
    assert args.run(args) == 0
    out = capsys.readouterr().out
    for key in ("bowl", "rotated_bowl", "rosenbrock", "himmelblau", "plateau", "rastrigin"):
        assert f"\n{key} " in f"\n{out}"


@pytest.mark.parametrize(("argv", "message"), [
    (["--custom", "__import__('os').system('echo hi')"], "attribute access"),
    (["--custom", "x + q"], "unknown name 'q'"),
    (["--surface", "custom"], '--surface custom needs --custom "EXPR"'),
    (["--surface", "bowl", "--custom", "x"], "drop --surface bowl"),
    (["--surface", "beale", "--condition", "3"], "--condition applies to bowl"),
    (["--optimizers", "gd,sgd"], "racer 2: unknown optimizer 'sgd'"),
    (["--optimizers", "adam:beta=0.5"], "unknown hyperparameter 'beta'"),
    (["--optimizers", "adam:lr"], "write hyperparameters as key=value"),
    (["--optimizers", "gd,,adam"], "empty item"),
    (["--lr", "fast"], "--lr must be numbers"),
    (["--lr", "0.1,0.2"], "--lr has 2 values for 4 racers"),
    (["--lr", "20"], "lr must be in (0, 10], got 20"),
    (["--steps", "0"], "--steps must be in [1, 100000], got 0"),
    (["--start", "500", "0"], "lies outside the race's limits"),
    (["--noise", "-1"], "noise σ must be ≥ 0"),
])
def test_bad_arguments_print_one_line_and_exit_2(argv, message, capsys):
    args = _args(*argv)
    assert args.run(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip()
    assert err.startswith("visualnet race: error: ") and "\n" not in err
    assert message in err


def test_an_unwritable_csv_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    args = _args("--steps", "3", "--csv", str(blocker / "race.csv"))
    assert args.run(args) == 2
    assert f"cannot write {blocker / 'race.csv'}" in capsys.readouterr().err
