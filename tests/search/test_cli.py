"""``visualnet search`` end to end: a live table, the best trials, results.jsonl and the best
experiment; a rerun resumes; errors are one line; Ctrl-C stops cleanly and keeps the results."""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from visualnet.cli import search as search_command
from visualnet.core.experiment import Experiment
from visualnet.core.search import executors


def _args(*argv):
    parser = argparse.ArgumentParser(prog="visualnet")
    search_command.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["search", *argv])


@pytest.fixture
def experiment_file(tmp_path, tiny):
    path = tmp_path / "tiny.vnet.json"
    tiny.save(path)
    return path


def test_a_search_prints_a_line_per_trial_and_the_best_and_writes_its_files(
        experiment_file, tmp_path, capsys):
    out = tmp_path / "found"
    args = _args(str(experiment_file), "--trials", "4", "--rounds", "2", "--workers", "2",
                 "--seed", "3", "--out", str(out))
    assert args.run(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Searching 'tiny' on 2 local workers: 4 trials per round, "
                               "2 rounds, seed 3")
    assert "round 1: 4 random trials" in lines and "round 2: 4 random trials" in lines
    assert "  training.optimizer.lr: log 0.0001 … 1" in lines
    header = next(line for line in lines if line.split()[:2] == ["trial", "verdict"])
    assert header.split()[-4:] == ["α", "β₁", "mini_batch_size", "hidden_units"]
    rows = [line.split() for line in lines if re.match(r"\s+\d+\.\d+\s", line)]
    assert sorted(row[0] for row in rows) == ["1.1", "1.2", "1.3", "1.4",
                                              "2.1", "2.2", "2.3", "2.4"]
    assert all(row[1] == "finished" and row[2].endswith("%") for row in rows)
    assert "2 rounds done" in lines
    best = lines.index(next(line for line in lines if line.startswith("best trials")))
    assert lines[best] == "best trials (8 trials: 8 finished, 0 diverged, 0 failed):"
    assert lines[best + 1].startswith("  1. trial ") and "α=" in lines[best + 1]
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == 8
    winner = Experiment.load(out / "best.vnet.json")
    best_record = min(records, key=lambda r: (r["dev_error"], r["best_dev_error"]))
    assert winner.training.optimizer.lr == best_record["params"]["training.optimizer.lr"]
    assert winner.search is not None  # the space comes along, to search again from there
    assert lines[-1].startswith(f"wrote {out / 'results.jsonl'}, {out / 'best.vnet.json'}")

    again = _args(str(experiment_file), "--trials", "4", "--rounds", "2", "--workers", "1",
                  "--seed", "3", "--out", str(out))
    assert again.run(again) == 0
    rerun = capsys.readouterr().out
    assert "round 1: 4 random trials (4 already done)" in rerun
    assert "round 2: 4 random trials (4 already done)" in rerun
    assert len((out / "results.jsonl").read_text().splitlines()) == 8


def test_the_default_folder_is_named_after_the_file(experiment_file, monkeypatch, capsys):
    monkeypatch.chdir(experiment_file.parent)
    args = _args(experiment_file.name, "--trials", "2", "--workers", "1", "--method", "grid")
    assert args.run(args) == 0
    assert "round 1: 2 grid trials" in capsys.readouterr().out
    assert len((experiment_file.parent / "tiny-search" / "results.jsonl").read_text()
               .splitlines()) == 2


def test_errors_say_what_to_change(experiment_file, tmp_path, tiny_dict):
    plain = tmp_path / "plain.vnet.json"
    Experiment.from_dict(tiny_dict).save(plain)
    with pytest.raises(ValueError, match="has no search space: add a \"search\" part"):
        search_command.run(_args(str(plain)))
    with pytest.raises(ValueError, match=r"trials must be in \[1, 100000\], got 0"):
        search_command.run(_args(str(experiment_file), "--trials", "0"))
    with pytest.raises(ValueError, match="not both"):
        search_command.run(_args(str(experiment_file), "--workers", "2", "--scheduler", "x"))


def test_an_unreachable_scheduler_is_named(experiment_file, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", 1)
    with pytest.raises(ValueError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        search_command.run(_args(str(experiment_file), "--scheduler", "tcp://127.0.0.1:9",
                                 "--out", str(tmp_path / "o")))


SCRIPT = textwrap.dedent("""
    import argparse, sys
    from visualnet.cli import search

    if __name__ == "__main__":
        parser = argparse.ArgumentParser(prog="visualnet")
        search.add_parser(parser.add_subparsers(dest="command"))
        args = parser.parse_args(["search", *sys.argv[1:]])
        sys.exit(args.run(args))
""")


def test_ctrl_c_stops_the_workers_and_keeps_every_finished_trial(tmp_path, tiny):
    # ~20 s a trial, whatever the draw: Ctrl-C comes mid-training (at 4,000 epochs, ~1-2 s a
    # trial, a fast machine finished all four first and the run ended on its own)
    tiny.training.epochs = 40_000
    tiny.search.trials = 4
    path = tmp_path / "slow.vnet.json"
    tiny.save(path)
    script = tmp_path / "visualnet_search.py"
    script.write_text(SCRIPT)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, str(script), str(path), "--workers", "2", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    header = ""
    while "trial" not in header.split()[:1]:  # workers are up once the table starts
        header = process.stdout.readline()
        assert header, process.stderr.read()
    time.sleep(1.0)
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: to every process
    stopped_at = time.monotonic()
    out_text, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert time.monotonic() - stopped_at < 10
    assert "stopped (Ctrl-C)" in err and "Traceback" not in err, err
    assert "run the same command again to resume" in err
    assert "stopped" in out_text  # the interrupted trials are listed as stopped…
    kept = (out / "results.jsonl").read_text().splitlines() if (out / "results.jsonl").exists() \
        else []
    assert all(json.loads(line)["status"] == "finished" for line in kept)  # …and not kept
