"""The training loop: epochs of reshuffled mini-batches, with events for whoever watches.

For each epoch e (from 0): α = schedule(α₀, e); for each mini-batch X{t}, Y{t}:
forward (dropout, batch statistics), J{t} (with the L2/L1 penalty of this mini-batch's m),
backward, optimizer step. After each epoch the data loss (no penalty) and error of each split.

Stops early when the dev cost has not dropped by ``min_delta`` for ``patience`` epochs (then the
best weights are restored), when asked to (``control.stop()``, Ctrl-C), or at once when the cost
or the weights stop being finite (the last finite weights are kept).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from visualnet.core import losses
from visualnet.core.data import Augmenter, prepare
from visualnet.core.data.prepared import PreparedData, Split
from visualnet.core.data.targets import targets
from visualnet.core.experiment import Experiment
from visualnet.core.minibatch import batch_count, minibatches
from visualnet.core.textfmt import count
from visualnet.core.training.control import TrainingControl
from visualnet.core.training.events import (
    EpochEvent,
    Event,
    IterationEvent,
    StatusEvent,
)
from visualnet.core.training.monitor import Monitor

EVAL_CHUNK = 4096
"""Evaluate large splits this many columns at a time, so buffers stay small."""


@dataclass
class TrainResult:
    """How a run ended and what it measured."""

    status: str
    message: str
    iterations: int
    epochs: int
    elapsed: float
    history: list[EpochEvent] = field(default_factory=list)
    best_epoch: int | None = None
    live_changes: list[tuple[int, str, object, float]] = field(default_factory=list)

    @property
    def final(self) -> EpochEvent | None:
        return self.history[-1] if self.history else None


class Trainer:
    """Trains ``experiment`` on ``data`` (prepared from the experiment when not given).

    Listeners get every event; ``sampling=False`` skips the sampled ones (blocks of iterations
    with their traced gradients, layer norms, dropout masks) for listeners that only follow
    progress, like a progress bar. A listener with ``wants_iterations = False`` is not called
    with each iteration's IterationEvent, for it reads the iterations from the blocks (so it
    gets none without sampling): a call per iteration costs a small network's training ~0.4%.
    """

    def __init__(
        self,
        experiment: Experiment,
        data: PreparedData | None = None,
        *,
        listeners: Iterable[Callable[[Event], None]] = (),
        control: TrainingControl | None = None,
        sampling: bool = True,
    ):
        self.experiment = experiment
        self.config = experiment.training
        self.data = data if data is not None else prepare(experiment.data)
        problem = experiment.training_problem(self.data)
        if problem:
            raise ValueError(problem)
        self.net = experiment.build_network(self.data.n_x)
        if self.config.early_stopping.enabled and self.data.dev.m == 0:
            raise ValueError(
                "early stopping watches the dev cost: give the dev split a fraction > 0"
            )
        self.optimizer = self.config.optimizer.build()
        self.schedule = self.config.schedule.build()
        self.lr0 = self.config.optimizer.lr
        self.control = control or TrainingControl()
        self.listeners = list(listeners)
        self.monitor = Monitor(self.net, self.optimizer, experiment.monitor, experiment.seed)
        self.sampling = sampling
        self.augmenter = Augmenter(experiment.data.augment, self.data)
        shuffle_seed, augment_seed = np.random.SeedSequence(experiment.seed).spawn(4)[2:]
        self._shuffle_rng = np.random.default_rng(shuffle_seed)
        self._augment_rng = np.random.default_rng(augment_seed)
        dtype = self.net.dtype
        train = self.data.train
        self._X = (train.X_raw if self.augmenter.active else train.X).astype(dtype)
        self._Y = targets(self.net.output, self.data.train).astype(dtype)
        self._backup = self.net.params.flat.copy()
        self.iteration = 0
        self.epoch = 0
        self.examples_seen = 0
        self.history: list[EpochEvent] = []
        self.live_changes: list[tuple[int, str, object, float]] = []
        self._best: tuple[float, int, dict] | None = None
        self._elapsed = 0.0

    @property
    def planned_iterations(self) -> int:
        """Mini-batch updates in all the epochs: epochs × ⌈m / mini-batch size⌉."""
        size = min(self.config.mini_batch_size, self._X.shape[1])
        return self.config.epochs * batch_count(self._X.shape[1], size)

    # --- running -----------------------------------------------------------------------------

    def run(self) -> TrainResult:
        """Train until the epochs are done or the run stops; returns how it ended."""
        self._emit(StatusEvent("running", iteration=self.iteration, epoch=self.epoch))
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported instead
                status, message = self._epochs()
        except KeyboardInterrupt:
            status, message = "stopped", "interrupted"
        if status == "stopped" and self.data.dev.m:
            self.restore_best()
        self._emit_traced()
        self._emit(StatusEvent(status, message, self.iteration, self.epoch))
        return TrainResult(
            status, message, self.iteration, self.epoch, self._elapsed, list(self.history),
            self._best[1] if self._best else None, list(self.live_changes),
        )

    def _epochs(self) -> tuple[str, str]:
        while self.epoch < self.config.epochs:
            outcome = self._train_epoch()
            if outcome:
                return outcome
            event = self._end_epoch()
            self.epoch += 1
            if self._patience_exhausted():
                best = self.restore_best()
                return "early_stopped", (
                    f"early stopping after epoch {event.epoch + 1}: the dev cost has not "
                    f"improved since epoch {best + 1}; restored those weights")
        return "finished", f"trained {count(self.config.epochs, 'epoch')}"

    def restore_best(self) -> int:
        """Load the weights of the epoch with the lowest dev cost, if better than now."""
        if self._best is None:
            return self.epoch - 1
        current = self.evaluate(self.data.dev)[0]
        cost, epoch, state = self._best
        if cost < current:
            self.net.load_state_dict(state)
            return epoch
        return self.epoch - 1

    def evaluate(self, split: Split) -> tuple[float, float]:
        """(cost, error) of the current network on ``split``: data loss only, no penalty."""
        if split.m == 0:
            return math.nan, math.nan
        Y = targets(self.net.output, split)
        X = split.X.astype(self.net.dtype, copy=False)
        total_cost, outputs = 0.0, []
        for start in range(0, split.m, EVAL_CHUNK):
            cols = slice(start, start + EVAL_CHUNK)
            A = self.net.forward(X[:, cols], training=False)
            total_cost += self.net.cost(A, Y[:, cols]) * A.shape[1]
            outputs.append(A)
        A = np.concatenate(outputs, axis=1)
        return total_cost / split.m, losses.error_rate(self.net.output, A, Y)

    # --- one epoch ---------------------------------------------------------------------------

    def _train_epoch(self) -> tuple[str, str] | None:
        """Run the mini-batches of one epoch; a (status, message) if the run must end."""
        cfg = self.config
        self.optimizer.lr = self.schedule.lr(self.lr0, self.epoch)
        size = min(cfg.mini_batch_size, self._X.shape[1])
        per_epoch = batch_count(self._X.shape[1], size)
        net, params = self.net, self.net.params
        stepwise = [listener for listener in self.listeners
                    if getattr(listener, "wants_iterations", True)]
        sampled = self.sampling and bool(self.listeners)
        batch_started = time.perf_counter()
        for batch, (Xb, Yb) in enumerate(minibatches(self._X, self._Y, size, self._shuffle_rng)):
            self.control.sit_out_suspension()  # counted as training time: the run waited
            if self.control.holding:
                self._elapsed += time.perf_counter() - batch_started
                self._emit_traced()
                self._emit(StatusEvent("paused", "", self.iteration, self.epoch))
                changes = self.control.checkpoint()
                batch_started = time.perf_counter()
                if changes is not None:
                    self._emit(StatusEvent("running", "", self.iteration, self.epoch))
            else:
                changes = self.control.checkpoint()
            if changes is None:
                return "stopped", f"stopped at iteration {self.iteration}"
            if changes:
                self._emit_traced()  # its rows' 1/(1 − βᵗ) use the β they were trained with
                self._apply(changes)
            by_hand = self.control.paused  # a mini-batch let through by Step
            if self.augmenter.active:
                Xb = self.augmenter.apply(Xb, self._augment_rng).astype(net.dtype, copy=False)
            A = net.forward(Xb, training=True)
            cost = net.cost(A, Yb, cfg.l2, cfg.l1)
            if not math.isfinite(cost):
                return self._diverged(f"the cost became {cost}")
            grads = net.backward(Yb, cfg.l2, cfg.l1)
            np.copyto(self._backup, params.flat)
            self.optimizer.step(params, grads)
            if not math.isfinite(float(params.flat.sum())):
                np.copyto(params.flat, self._backup)
                return self._diverged("the weights stopped being finite")
            self.iteration += 1
            self.examples_seen += Xb.shape[1]
            if stepwise or sampled:
                position = (
                    self.iteration, self.epoch, batch + 1, per_epoch, cost, self.optimizer.lr,
                    self.examples_seen, self._elapsed + time.perf_counter() - batch_started,
                )
                if stepwise:
                    step = IterationEvent(*position)
                    for listener in stepwise:
                        listener(step)
                if sampled and (self.monitor.record(position, grads) or by_hand):
                    for event in self.monitor.take(grads, everything=by_hand):
                        self._emit(event)
        self._elapsed += time.perf_counter() - batch_started
        return None

    def _end_epoch(self) -> EpochEvent:
        started = time.perf_counter()
        train = self.evaluate(self.data.train)
        dev = self.evaluate(self.data.dev)
        test = self.evaluate(self.data.test)
        self._elapsed += time.perf_counter() - started
        event = EpochEvent(self.epoch, self.iteration, *train, *dev, *test, self.optimizer.lr,
                           self._elapsed)
        self.history.append(event)
        if self.data.dev.m and math.isfinite(dev[0]):
            min_delta = self.config.early_stopping.min_delta
            if self._best is None or dev[0] < self._best[0] - min_delta:
                self._best = (dev[0], self.epoch, self.net.state_dict())
        self._emit(event)
        return event

    def _patience_exhausted(self) -> bool:
        stopping = self.config.early_stopping
        if not stopping.enabled or self._best is None:
            return False
        return self.epoch - 1 - self._best[1] >= stopping.patience

    def _diverged(self, what: str) -> tuple[str, str]:
        return "diverged", (
            f"diverged at iteration {self.iteration + 1} (epoch {self.epoch + 1}): {what}. "
            f"Try a smaller learning rate α (now {self.optimizer.lr:g}); the last finite "
            "weights are kept."
        )

    def _apply(self, changes: list[tuple[str, object, float]]) -> None:
        """Live changes: α₀ (the schedule scales it), β's, a dropout layer's keep_prob."""
        for name, target, value in changes:
            if name == "lr":
                if not 0 < value <= 10:
                    continue
                self.lr0 = value
                self.optimizer.lr = self.schedule.lr(self.lr0, self.epoch)
            elif name == "keep_prob":
                if not 0 < value <= 1:
                    continue
                for layer in self.net.dropout_layers:
                    if layer.index + 1 == target:
                        layer.keep_prob = value
            elif hasattr(self.optimizer, name) and 0 <= value < 1:
                setattr(self.optimizer, name, value)
            else:
                continue
            self.live_changes.append((self.iteration, name, target, value))

    def _emit(self, event: Event) -> None:
        for listener in self.listeners:
            listener(event)

    def _emit_traced(self) -> None:
        """Send the iterations the monitor still holds in its block (and the masks due with
        it): listeners have every one by the time the run holds or ends."""
        if self.listeners and self.sampling:
            for event in self.monitor.flush():
                self._emit(event)
