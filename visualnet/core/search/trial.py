"""One trial: train one experiment and report how it did. ``run_trial`` runs in a worker process.

A trial never raises: whatever goes wrong (a sample the schema refuses, data that cannot be
read, a network that cannot fit the data, a bug) comes back as a record with status "failed" and
the reason, so one bad trial never stops a search. The experiment seeds everything, so a trial
trains the same weights on any worker.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from visualnet.core.data import prepare
from visualnet.core.data.prepared import PreparedData
from visualnet.core.experiment import Experiment
from visualnet.core.training import Trainer

COMPLETED = ("finished", "early_stopped", "diverged", "failed")
"""Statuses of a trial that ran to its end: written to the results file, skipped on resume.
The others — "stopped" (Ctrl-C) and "lost" (its worker died) — run again on resume."""

VERDICTS = {"finished": "finished", "early_stopped": "finished", "diverged": "diverged",
            "failed": "failed", "stopped": "stopped", "lost": "failed"}

_in_pool = False
_data_cache: dict[str, PreparedData] = {}


@dataclass(frozen=True)
class Trial:
    """What a worker needs to run one trial: the experiment with the trial's values set."""

    round: int
    index: int
    params: dict
    experiment: dict | None
    key: str
    problem: str = ""
    """Why the values make no experiment (the trial fails without training), or ''."""

    @property
    def name(self) -> str:
        """'2.7': round 2, trial 7 (both counted from 1, as tables show them)."""
        return f"{self.round + 1}.{self.index + 1}"


@dataclass
class TrialRecord:
    """How one trial went: its values, verdict, errors, per-epoch costs and time."""

    round: int
    index: int
    params: dict
    key: str
    status: str
    message: str = ""
    dev_error: float | None = None
    best_dev_error: float | None = None
    train_error: float | None = None
    train_cost: list[float | None] = field(default_factory=list)
    dev_cost: list[float | None] = field(default_factory=list)
    epochs: int = 0
    elapsed: float = 0.0
    task: str = ""
    """binary, multiclass or regression: errors are fractions misclassified, or the MSE."""
    experiment: dict | None = None

    @property
    def name(self) -> str:
        return f"{self.round + 1}.{self.index + 1}"

    @property
    def verdict(self) -> str:
        """finished (also when stopped early), diverged or failed."""
        return VERDICTS.get(self.status, "failed")

    @property
    def completed(self) -> bool:
        return self.status in COMPLETED

    @property
    def ranked(self) -> bool:
        """Whether the trial can be ranked: it finished with a dev error."""
        return self.verdict == "finished" and self.dev_error is not None

    @property
    def rank_key(self) -> tuple[float, float]:
        """Sort key, best first: final dev error, then best dev error; unranked trials last."""
        if not self.ranked:
            return (math.inf, math.inf)
        best = self.best_dev_error if self.best_dev_error is not None else math.inf
        return (self.dev_error, best)

    def identity(self) -> tuple[int, int, str]:
        return (self.round, self.index, self.key)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrialRecord:
        """A record read back from a results file; KeyError/TypeError if it is not one."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def run_trial(trial: Trial) -> TrialRecord:
    """Train the trial's experiment; a record with the outcome, never an exception."""
    started = time.perf_counter()
    record = TrialRecord(trial.round, trial.index, trial.params, trial.key, "failed",
                         experiment=trial.experiment)
    if trial.problem:
        record.message = trial.problem
        return record
    try:
        with _interrupts_stop_training():
            experiment = Experiment.from_dict(trial.experiment, source=f"trial {trial.name}")
            data = _prepared(experiment)
            record.task = data.task
            result = Trainer(experiment, data).run()
    except KeyboardInterrupt:
        record.status, record.message = "stopped", "interrupted"
    except (ValueError, OSError) as error:
        record.message = str(error)
    except Exception as error:  # a bug must fail this trial, not the search
        record.message = f"{type(error).__name__}: {error}"
    else:
        _measure(record, result)
    record.elapsed = time.perf_counter() - started
    return record


def pool_worker() -> None:
    """Initializer of a local pool's worker processes: Ctrl-C (sent to the whole terminal
    process group) must not kill an idle worker, only stop a trial that is training."""
    global _in_pool
    _in_pool = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # started with Ctrl-C held back: now ignored
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


# --- helpers -------------------------------------------------------------------------------


def _measure(record: TrialRecord, result) -> None:
    history = result.history
    record.status, record.message = result.status, result.message
    record.epochs = len(history)
    record.train_cost = [_number(e.train_cost) for e in history]
    record.dev_cost = [_number(e.dev_cost) for e in history]
    if history:
        record.dev_error = _number(history[-1].dev_error)
        record.train_error = _number(history[-1].train_error)
        errors = [e.dev_error for e in history if math.isfinite(e.dev_error)]
        record.best_dev_error = min(errors) if errors else None


def _number(x: float) -> float | None:
    """JSON has no NaN: a value that is not finite is stored as null."""
    return float(x) if math.isfinite(x) else None


def _prepared(experiment: Experiment) -> PreparedData:
    """The experiment's data, prepared once per worker process for trials that share it."""
    key = experiment.data.model_dump_json()
    if key not in _data_cache:
        _data_cache.clear()
        _data_cache[key] = prepare(experiment.data)
    return _data_cache[key]


@contextmanager
def _interrupts_stop_training():
    """In a pool worker, let Ctrl-C stop the trial's training (the Trainer then returns)."""
    if not _in_pool or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
