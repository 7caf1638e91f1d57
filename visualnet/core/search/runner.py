"""Running a search: rounds of trials on any ``concurrent.futures`` executor.

    search = Search(experiment, results="out/results.jsonl", listeners=[print])
    with open_executor(workers=2) as executing:          # or scheduler="tcp://host:8786"
        search.run(executing.executor, slots=executing.slots)

Round r samples the space (round 0: the experiment's; then each round narrows the one before
around its best trials), skips the trials the results file already holds (same round, index
and trained experiment), and submits the rest. Each record is written to the file as soon as
its trial ends. ``cancel()`` (from any thread) stops trials that have not started; running ones
finish and are kept. On Ctrl-C the running trials stop too, and are not written, so a resumed
search runs them again.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from visualnet.core.experiment import Experiment
from visualnet.core.search import fields, refine, sampling
from visualnet.core.search.results import ResultsFile
from visualnet.core.search.space import SearchSpace
from visualnet.core.search.trial import Trial, TrialRecord, run_trial

POLL = 0.1
"""Seconds between looks at the cancel flag while trials run."""


class SearchError(ValueError):
    """A search that cannot start, with what to change."""


@dataclass(frozen=True)
class RoundStarted:
    """Round ``round`` (from 0) begins over ``space``; ``resumed`` of its trials are on file."""

    round: int
    space: SearchSpace
    trials: int
    resumed: int


@dataclass(frozen=True)
class TrialDone:
    """A trial ended (or was read back from the results file when ``resumed``)."""

    record: TrialRecord
    resumed: bool = False


@dataclass(frozen=True)
class SearchEnded:
    """The search stopped: finished, cancelled or interrupted (Ctrl-C); why, in words."""

    status: str
    message: str


SearchEvent = RoundStarted | TrialDone | SearchEnded


class Search:
    """A search over ``experiment`` (its ``search`` space unless ``space`` is given).

    ``results`` is the JSON-lines file to stream to and resume from (None: keep in memory).
    Listeners are called with each SearchEvent, in the thread that calls ``run``.
    """

    def __init__(
        self,
        experiment: Experiment,
        space: SearchSpace | None = None,
        results: str | os.PathLike | None = None,
        listeners: Iterable[Callable[[SearchEvent], None]] = (),
    ):
        space = space or experiment.search
        if space is None:
            raise SearchError(
                f"experiment {experiment.name!r} has no search space: add a \"search\" part, "
                'e.g. "search": {"dimensions": [{"field": "training.optimizer.lr", '
                '"scale": "log", "low": 0.0001, "high": 1}]}, or define it in the app\'s '
                "Search tab")
        problems = space.problems_with(experiment)
        if problems:
            raise SearchError("the search space does not fit the experiment:\n"
                              + "\n".join(problems))
        self.experiment = experiment
        self.space = space
        self.listeners = list(listeners)
        self.base = {k: v for k, v in experiment.to_dict().items() if k != "search"}
        self.results = ResultsFile(results) if results is not None else None
        loaded = self.results.load() if self.results is not None else []
        self.done: dict[tuple, TrialRecord] = {r.identity(): r for r in loaded if r.completed}
        """Every completed trial, from the file and from this run, by (round, index, key)."""
        self.spaces: dict[int, SearchSpace] = {}
        """The space each round of this run sampled."""
        self._ran: dict[tuple, TrialRecord] = {}
        self._unfinished = 0
        self._cancel = threading.Event()

    # --- planning ------------------------------------------------------------------------------

    def plan(self, round: int, space: SearchSpace | None = None) -> list[Trial]:
        """The trials of round ``round`` over ``space`` (default: the search's own)."""
        space = space or self.space
        name = self.base.get("name", "experiment")
        trials = []
        for index, params in enumerate(sampling.plan(space, round)):
            try:
                experiment = fields.apply(self.base, params)
                experiment["name"] = f"{name} · trial {round + 1}.{index + 1}"
                problem, key = "", fields.fingerprint(experiment)
            except ValueError as error:
                experiment, problem = None, str(error)
                key = fields.fingerprint({**self.base, "params": params})
            trials.append(Trial(round, index, params, experiment, key, problem))
        return trials

    def round_records(self, round: int, space: SearchSpace | None = None) -> list[TrialRecord]:
        """The completed trials of a round over ``space``."""
        ids = ((t.round, t.index, t.key) for t in self.plan(round, space))
        return [self.done[i] for i in ids if i in self.done]

    def next_round(self, space: SearchSpace | None = None) -> int:
        """Where another run continues: the last round on file if some of its trials over
        ``space`` are missing, else the round after it (0 for a new search)."""
        if not self.done:
            return 0
        last = max(r.round for r in self.done.values())
        planned = [(t.round, t.index, t.key) for t in self.plan(last, space)]
        done = sum(i in self.done for i in planned)
        return last if 0 < done < len(planned) else last + 1

    @property
    def records(self) -> list[TrialRecord]:
        """The completed trials of the rounds run so far (resumed ones included)."""
        return list(self._ran.values())

    # --- running -------------------------------------------------------------------------------

    def run(self, executor: cf.Executor, rounds: int | None = None, first_round: int = 0,
            slots: int | None = None, stop_running: Callable[[], None] | None = None) -> str:
        """Run ``rounds`` rounds (default: the space's) from ``first_round``; the final status.

        ``slots`` caps the trials submitted at once (a local pool: one per worker, so Cancel and
        Ctrl-C leave nothing queued); None submits a whole round (a Dask cluster).
        ``stop_running`` (``Executing.interrupt``) is called while a cancelled or interrupted
        search waits for its running trials, so they stop instead of training to the end.
        """
        self._cancel.clear()
        self._unfinished = 0
        space = self.space
        last = first_round + (rounds or self.space.rounds) - 1
        for round in range(first_round, last + 1):
            if round > first_round:
                try:
                    space = refine.narrowed(space, self.round_records(round - 1, space))
                except ValueError as error:
                    return self._end("finished", f"stopped before round {round + 1}: {error}")
            self.spaces[round] = space
            trials = self.plan(round, space)
            resumed = [self.done[i] for i in (_identity(t) for t in trials) if i in self.done]
            self._emit(RoundStarted(round, space, len(trials), len(resumed)))
            for record in resumed:
                self._ran[record.identity()] = record
                self._emit(TrialDone(record, resumed=True))
            try:
                self._run_trials([t for t in trials if _identity(t) not in self.done],
                                 executor, slots, stop_running)
            except KeyboardInterrupt:
                self._end("interrupted", "interrupted: running trials stopped, finished "
                          "trials kept")
                raise
            if self._cancel.is_set():
                return self._end("cancelled", "cancelled: trials not yet started were dropped")
        done = last - first_round + 1
        message = f"{done} round{'s' if done > 1 else ''} done"
        if self._unfinished:
            message += (f"; {self._unfinished} trial{'s' if self._unfinished > 1 else ''} "
                        "stopped or lost: run the search again to finish them")
        return self._end("finished", message)

    def cancel(self) -> None:
        """Stop submitting trials and drop those not yet started (safe from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # --- helpers -------------------------------------------------------------------------------

    def _run_trials(self, trials: list[Trial], executor: cf.Executor, slots: int | None,
                    stop_running: Callable[[], None] | None) -> None:
        waiting = list(reversed(trials))
        running: dict[cf.Future, Trial] = {}
        try:
            while (waiting or running) and not self._cancel.is_set():
                while waiting and (slots is None or len(running) < slots):
                    trial = waiting.pop()
                    try:
                        running[executor.submit(run_trial, trial)] = trial
                    except cf.BrokenExecutor as error:
                        raise SearchError(f"the workers stopped ({error}); finished trials "
                                          "are kept, run the search again to resume") from None
                finished, _ = cf.wait(running, timeout=POLL, return_when=cf.FIRST_COMPLETED)
                for future in finished:
                    self._finish(running.pop(future), future)
        finally:  # cancelled, Ctrl-C or an error: what has not started never will
            for future in running:
                future.cancel()
            left = {f for f in running if not f.cancelled()}
            while left:
                if stop_running is not None:  # again and again: a worker may just be starting
                    stop_running()
                finished, left = cf.wait(left, timeout=POLL)
                for future in finished:
                    self._finish(running[future], future)

    def _finish(self, trial: Trial, future: cf.Future) -> None:
        try:
            record = future.result()
        except cf.CancelledError:
            return
        except Exception as error:  # the worker died or the cluster lost it: run it again later
            record = TrialRecord(trial.round, trial.index, trial.params, trial.key, "lost",
                                 f"its worker failed ({type(error).__name__}: {error})",
                                 experiment=trial.experiment)
        if record.completed:
            self.done[record.identity()] = record
            self._ran[record.identity()] = record
            if self.results is not None:
                self.results.append(record)
        else:
            self._unfinished += 1
        self._emit(TrialDone(record))

    def _end(self, status: str, message: str) -> str:
        self._emit(SearchEnded(status, message))
        return status

    def _emit(self, event: SearchEvent) -> None:
        for listener in self.listeners:
            listener(event)


def _identity(trial: Trial) -> tuple[int, int, str]:
    return (trial.round, trial.index, trial.key)
