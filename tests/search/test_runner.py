"""A search runs its rounds on any executor; a failing trial never stops it; it streams each
trial to the results file, resumes from it, and stops cleanly on Cancel or Ctrl-C."""

import concurrent.futures as cf
import json
import threading
import time

import pytest

from visualnet.core.experiment import Experiment
from visualnet.core.search import Dimension, SearchSpace
from visualnet.core.search.executors import open_executor
from visualnet.core.search.results import ResultsFile
from visualnet.core.search.runner import RoundStarted, Search, SearchEnded, SearchError, TrialDone


class Events(list):
    def __call__(self, event):
        self.append(event)

    def of(self, kind):
        return [e for e in self if isinstance(e, kind)]

    def records(self, resumed=False):
        return [e.record for e in self.of(TrialDone) if e.resumed == resumed]


def run(search, workers=2, **kwargs):
    with cf.ThreadPoolExecutor(workers) as executor:
        return search.run(executor, slots=workers, **kwargs)


def test_a_round_trains_every_trial_and_reports_errors_curves_and_time(tiny):
    events = Events()
    search = Search(tiny, listeners=[events])
    assert run(search) == "finished"
    started, = events.of(RoundStarted)
    assert (started.round, started.trials, started.resumed) == (0, 6, 0)
    records = events.records()
    assert sorted(r.index for r in records) == list(range(6))
    for r in records:
        assert r.status == "finished" and r.verdict == "finished" and r.task == "binary"
        assert 0 <= r.dev_error <= 1 and 0 <= r.train_error <= 1
        assert r.best_dev_error <= r.dev_error
        assert len(r.train_cost) == len(r.dev_cost) == r.epochs == 2
        assert r.elapsed > 0
        trained = Experiment.from_dict(r.experiment)
        assert trained.training.optimizer.lr == r.params["training.optimizer.lr"]
        assert trained.network.layers[0].units == r.params["network.hidden_units"]
        assert trained.name == f"tiny · trial 1.{r.index + 1}"
    assert events[-1] == SearchEnded("finished", "1 round done")


def test_the_same_seed_gives_the_same_trials_and_results(tiny):
    first, second = Search(tiny), Search(tiny)
    run(first, workers=1)
    run(second, workers=2)
    by_index = {r.index: r for r in second.records}
    for r in first.records:
        twin = by_index[r.index]
        assert (twin.params, twin.key, twin.dev_error, twin.dev_cost) == (
            r.params, r.key, r.dev_error, r.dev_cost)


def test_rounds_zoom_in_on_the_best_trials_of_the_round_before(tiny, make_space):
    events = Events()
    search = Search(tiny, make_space(rounds=2, keep=2), listeners=[events])
    run(search)
    first, second = events.of(RoundStarted)
    assert (first.round, second.round) == (0, 1)
    top = sorted(search.round_records(0, first.space), key=lambda r: r.rank_key)[:2]
    for old, new in zip(first.space.dimensions, second.space.dimensions, strict=True):
        assert old.low <= new.low <= new.high <= old.high
        for r in top:
            assert new.low <= r.params[new.field] <= new.high
    assert second.space.dimensions[0].high / second.space.dimensions[0].low < 1e4
    assert {r.round for r in search.records} == {0, 1} and len(search.records) == 12


def test_invalid_samples_and_diverging_trials_fail_alone(tiny_dict):
    # A regression with plain gradient descent: α ≥ 1 diverges. The space is built without
    # validation, so α above the schema's 10 reaches the trials and the schema refuses them.
    tiny_dict["data"] = {"source": "sine", "n": 120, "noise": 0.1}
    tiny_dict["network"]["layers"][-1] = {"type": "linear"}
    tiny_dict["training"]["optimizer"] = {"name": "gd", "lr": 0.01}
    lr = Dimension.model_construct(field="training.optimizer.lr", scale="log", low=0.01,
                                   high=100, values=None)
    space = SearchSpace.model_construct(dimensions=[lr], trials=12, seed=1)
    search = Search(Experiment.from_dict(tiny_dict), space)
    assert run(search) == "finished"
    records = sorted(search.records, key=lambda r: r.index)
    assert len(records) == 12
    verdicts = {r.verdict for r in records}
    assert verdicts == {"finished", "diverged", "failed"}
    for r in records:
        lr = r.params["training.optimizer.lr"]
        if lr > 10:
            assert r.verdict == "failed"
            assert f"lr must be in (0, 10], got {lr!r}" in r.message
        elif r.verdict == "diverged":
            assert lr >= 1 and "Try a smaller learning rate" in r.message
        else:
            assert lr < 1 and r.dev_error is not None


def test_a_broken_data_path_fails_each_trial_with_the_reason(tiny_dict, tmp_path, make_space):
    tiny_dict["data"] = {"source": "csv", "path": str(tmp_path / "missing.csv"),
                         "label_column": "y"}
    search = Search(Experiment.from_dict(tiny_dict), make_space(trials=3))
    assert run(search) == "finished"
    assert [r.verdict for r in search.records] == ["failed"] * 3
    assert all("missing.csv" in r.message for r in search.records)


def test_results_stream_to_the_file_and_a_rerun_resumes_after_a_crash(tiny, tmp_path):
    path = tmp_path / "out" / "results.jsonl"
    complete = Search(tiny, results=path)
    run(complete)
    lines = path.read_text().splitlines()
    assert len(lines) == 6 and all(json.loads(line)["status"] == "finished" for line in lines)
    # A crash: three whole lines on disk, the fourth cut short.
    path.write_text("\n".join(lines[:3]) + "\n" + lines[3][:40])
    events = Events()
    resumed = Search(tiny, results=path, listeners=[events])
    assert run(resumed) == "finished"
    assert events.of(RoundStarted)[0].resumed == 3
    assert len(events.records(resumed=True)) == 3 and len(events.records()) == 3
    file = ResultsFile(path)
    assert len(file.load()) == 6 and file.skipped == 1
    before = {r.index: r.dev_error for r in complete.records}
    assert {r.index: r.dev_error for r in resumed.records} == before
    # Nothing is left to do, and another space or experiment shares nothing with the file.
    again = Events()
    run(Search(tiny, results=path, listeners=[again]))
    assert again.records() == [] and len(again.records(resumed=True)) == 6
    tiny.training.epochs = 3
    other = Events()
    run(Search(tiny, results=path, listeners=[other]))
    assert len(other.records()) == 6


def test_cancel_drops_the_trials_not_started_and_keeps_the_finished(tiny, tmp_path):
    path = tmp_path / "results.jsonl"
    events = Events()
    search = Search(tiny, results=path, listeners=[events])
    search.listeners.append(lambda event: isinstance(event, TrialDone) and search.cancel())
    assert run(search, workers=1) == "cancelled"
    assert len(events.records()) == 1 and len(ResultsFile(path).load()) == 1
    assert isinstance(events[-1], SearchEnded) and events[-1].status == "cancelled"
    assert Search(tiny, results=path).next_round() == 0  # the round is unfinished: resume it


def test_ctrl_c_ends_the_search_and_keeps_what_finished(tiny, tmp_path):
    path = tmp_path / "results.jsonl"
    seen = []

    def interrupt(event):
        seen.append(event)
        if isinstance(event, TrialDone):
            raise KeyboardInterrupt

    search = Search(tiny, results=path, listeners=[interrupt])
    with pytest.raises(KeyboardInterrupt):
        run(search, workers=2)
    assert isinstance(seen[-1], SearchEnded) and seen[-1].status == "interrupted"
    kept = ResultsFile(path).load()
    assert 1 <= len(kept) <= 2


def test_next_round_continues_an_unfinished_round_else_starts_the_next(tiny, tmp_path,
                                                                         make_space):
    path = tmp_path / "results.jsonl"
    assert Search(tiny, results=path).next_round() == 0
    run(Search(tiny, results=path))
    search = Search(tiny, results=path)
    assert search.next_round() == 1
    assert search.next_round(make_space(trials=8)) == 0  # two trials of round 1 are missing
    events = Events()
    search.listeners.append(events)
    run(search, first_round=1)
    assert events.of(RoundStarted)[0].round == 1 and len(events.records()) == 6
    assert {r.round for r in search.done.values()} == {0, 1}


def test_a_missing_or_unfitting_space_is_refused_before_any_trial(tiny_dict, make_space):
    with pytest.raises(SearchError, match="experiment 'tiny' has no search space"):
        Search(Experiment.from_dict(tiny_dict))
    with pytest.raises(SearchError, match=r"network\.layers\.1\.units': layer 2 is a relu layer"):
        Search(Experiment.from_dict(tiny_dict), make_space(dimensions=[
            {"field": "network.layers.1.units", "scale": "int", "low": 2, "high": 4}]))


def test_the_local_process_pool_runs_the_same_trials(tiny):
    threads, processes = Search(tiny), Search(tiny)
    run(threads)
    with open_executor(workers=2) as executing:
        assert executing.where == "2 local workers" and executing.slots == 2
        assert processes.run(executing.executor, slots=executing.slots) == "finished"
    assert {r.index: (r.params, r.dev_error) for r in processes.records} == {
        r.index: (r.params, r.dev_error) for r in threads.records}


def test_bad_worker_counts_and_a_missing_dask_explain_themselves(monkeypatch):
    with pytest.raises(ValueError, match=r"workers must be in \[1, 256\], got 0"), \
            open_executor(workers=0):
        pass
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    with pytest.raises(ValueError, match=r'pip install -e "\.\[cluster\]"'), \
            open_executor(scheduler="tcp://127.0.0.1:1"):
        pass


def test_cancel_interrupts_the_trials_the_local_workers_are_training(tiny, make_space, tmp_path):
    tiny.training.epochs = 100_000  # minutes per trial, unless interrupted
    path = tmp_path / "results.jsonl"
    events = Events()
    search = Search(tiny, make_space(trials=4), results=path, listeners=[events])
    with open_executor(workers=2) as executing:
        assert len(executing.workers) == 2
        timer = threading.Timer(1.5, search.cancel)
        timer.start()
        started = time.monotonic()
        status = search.run(executing.executor, slots=executing.slots,
                            stop_running=executing.interrupt)
    assert status == "cancelled" and time.monotonic() - started < 15
    stopped = events.records()
    assert len(stopped) == 2 and {r.status for r in stopped} == {"stopped"}
    assert all(r.message == "interrupted" and r.epochs > 0 for r in stopped)
    assert not path.exists()  # nothing finished, nothing written: a resume runs all four
