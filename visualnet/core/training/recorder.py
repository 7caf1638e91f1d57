"""A training listener that keeps what live views draw, and hands out consistent copies.

The recorder runs in the training thread (events arrive there); ``snapshot()`` is called from
another thread (the GUI) at its own pace, at most ≈30 times a second, and returns copies taken
under a lock. Long per-iteration histories are kept as ThinnedSeries, so a snapshot stays
small after a million iterations. Iterations arrive in blocks (the monitor's IterationBlocks:
J{t}, α and the traced coordinates of up to PROBE_BLOCK iterations, and where the run stood),
each folded in with a few NumPy calls; the recorder asks not to be called with each single
iteration's IterationEvent (``wants_iterations``). The layer norms, which cost more, are asked
of the trainer's monitor at most NORM_SAMPLES times over the planned iterations.
Costly views (decision boundary, unit maps, weight histograms, confusion matrix) are
recomputed at most ``heavy_hz`` times a second, within a time budget (HEAVY_SHARE), only once
a snapshot has taken the last ones (a view that draws once a second needs them no more
often), and always when the run pauses or ends. What the views show beyond the raw records
(drop rates, the bias/variance verdict, class colours, the prediction curve of 1-D data) is
derived here too, so the views only draw.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from visualnet.core.contour import level_segments
from visualnet.core.ewma import RunningEWMA
from visualnet.core.history import RecentSeries, ThinnedSeries
from visualnet.core.training.diagnosis import Diagnosis, diagnose
from visualnet.core.training.events import (
    EpochEvent,
    IterationBlock,
    IterationEvent,
    LayerStatsEvent,
    MaskEvent,
    StatusEvent,
)
from visualnet.core.visualize import (
    LineGrid,
    PlaneGrid,
    class_shading,
    confusion_matrix,
    confusion_rates,
    decision_map,
    drop_rates,
    histogram,
    predicted_classes,
    prediction_curve,
    unit_maps,
)

HEAVY_SHARE = 0.05
"""At most this fraction of the training thread's time goes to recomputing the costly views."""

NORM_SAMPLES = 1024
"""Layer norms ‖W[l]‖, ‖dW[l]‖ taken over a whole run, at most: more than their plot has pixels
across. A sample costs ~11–15 µs on a small net (a dot per layer of W and of dW, and an
event), so 4,096 of them cost a 50,000-iteration run of 100 µs iterations about 0.9%, 1,024
about 0.2%."""

RECENT_ITERATIONS = 2048
"""How many of the latest traced iterations are kept raw (the velocity plot's short windows)."""

SMOOTHING_BETA = 0.98
"""β of the EWMA drawn over the mini-batch cost (≈ the last 50 iterations)."""


@dataclass
class ProbeTrace:
    """Traced weight coordinates at iterations ``x``: arrays (n, K), a column per weight."""

    x: np.ndarray
    gradient: np.ndarray
    velocity: np.ndarray
    velocity_corrected: np.ndarray
    sqrt_s: np.ndarray

    @classmethod
    def of(cls, series: ThinnedSeries | RecentSeries, k: int) -> ProbeTrace:
        """From a series whose 4K columns are dW, V_dW, V_dW/(1 − βᵗ), √S_dW, K each."""
        y = series.y
        return cls(series.x, y[:, :k], y[:, k:2 * k], y[:, 2 * k:3 * k], y[:, 3 * k:])


@dataclass
class Snapshot:
    """Copies of everything the live views show, at one moment of a run."""

    version: int = 0
    state: str = "idle"
    message: str = ""
    iteration: int = 0
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches_per_epoch: int = 0
    examples_seen: int = 0
    elapsed: float = 0.0
    lr: float = float("nan")
    cost: float = float("nan")
    progress: float = 0.0
    """Fraction of all epochs' mini-batches done."""
    eta: float = float("nan")
    """Seconds left at the current speed."""
    rate: float = 0.0
    """Training examples per second (paused time excluded)."""
    # per iteration (thinned): x = iteration number
    cost_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    cost_y: np.ndarray = field(default_factory=lambda: np.empty(0))
    cost_smooth: np.ndarray = field(default_factory=lambda: np.empty(0))
    lr_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    lr_y: np.ndarray = field(default_factory=lambda: np.empty(0))
    # per epoch: x = epoch number from 1; columns train, dev, test
    epoch_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    epoch_iteration: np.ndarray = field(default_factory=lambda: np.empty(0))
    epoch_cost: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))
    epoch_error: np.ndarray = field(default_factory=lambda: np.empty((0, 3)))
    human_level_error: float = 0.0
    diagnosis: Diagnosis | None = None
    """Bias/variance verdict of the last epoch (classification with a dev split; else None)."""
    # traced coordinates (None when no weight is traced)
    probe_names: tuple[str, ...] = ()
    probe: ProbeTrace | None = None
    """The whole run, thinned."""
    probe_recent: ProbeTrace | None = None
    """The last RECENT_ITERATIONS of the same, each iteration as it was (not thinned)."""
    # per-layer norms (thinned): arrays (n, L)
    norm_names: tuple[str, ...] = ()
    norm_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    weight_norms: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    grad_norms: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    running_mean: dict[str, np.ndarray] = field(default_factory=dict)
    running_var: dict[str, np.ndarray] = field(default_factory=dict)
    # dropout: by layer row (1-based)
    masks: dict[int, np.ndarray] = field(default_factory=dict)
    keep_probs: dict[int, float] = field(default_factory=dict)
    drop_rates: dict[int, np.ndarray] = field(default_factory=dict)
    """Each unit's fraction of dropped examples in the latest mask, (units,) by layer row."""
    # heavy views
    heavy_version: int = 0
    weights: dict[str, np.ndarray] = field(default_factory=dict)
    histograms: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    grid: PlaneGrid | None = None
    boundary: np.ndarray | None = None
    boundary_line: tuple[np.ndarray, np.ndarray] | None = None
    """One output unit of a classifier: the ŷ = 0.5 line as (x, y) point pairs in the pixels of
    ``boundary`` (``level_segments``)."""
    class_map: np.ndarray | None = None
    """Softmax boundaries: (res, res, 3) uint8 RGB, class colour lightened where unsure."""
    line: LineGrid | None = None
    curve: np.ndarray | None = None
    """1-D inputs with one output: ŷ on ``line``'s points, (n_y, res)."""
    unit_maps: list[np.ndarray] = field(default_factory=list)
    confusion: np.ndarray | None = None
    confusion_rates: np.ndarray | None = None
    """Rows of ``confusion`` divided by their totals (share of class i predicted as j)."""


class LiveRecorder:
    """Listener for a Trainer that samples (the default); ``snapshot()`` from any thread."""

    wants_iterations = False
    """The blocks bring every iteration; the trainer need not call this with each one."""

    def __init__(self, trainer, capacity: int = 4096, heavy_hz: float = 10.0,
                 grid_res: int = 80, unit_res: int = 28, *, state: str = "idle"):
        """``state``: what the snapshots say until the trainer's first StatusEvent ("running"
        for a run about to start, so views need not wait for its first mini-batch)."""
        self.trainer = trainer
        self.heavy_interval = 1.0 / heavy_hz
        self._lock = threading.Lock()
        self._snap = Snapshot(state=state, epochs=trainer.config.epochs,
                              probe_names=trainer.monitor.names,
                              norm_names=tuple(d.w_name for d in trainer.net.dense_layers),
                              human_level_error=trainer.config.human_level_error)
        k, n_layers = len(trainer.monitor.names), len(self._snap.norm_names)
        self._cost = ThinnedSeries(capacity, 3)
        """Columns: mini-batch cost J{t}, its EWMA, α."""
        self._smooth = RunningEWMA(SMOOTHING_BETA, bias_correction=True)
        self._probes = ThinnedSeries(capacity, 4 * k) if k else None
        self._recent_probes = RecentSeries(RECENT_ITERATIONS, 4 * k) if k else None
        self._norms = ThinnedSeries(capacity, 2 * n_layers)
        trainer.monitor.spread_norms(trainer.planned_iterations, min(capacity, NORM_SAMPLES))
        self._epochs: list[EpochEvent] = []
        self._epoch_series = ThinnedSeries(capacity, 7)
        self._next_heavy = 0.0
        self._heavy_taken = True
        """Whether a snapshot has taken the costly views since they were last recomputed."""
        self._iteration: IterationEvent | None = None
        """Where the run stood at the end of the latest block."""
        self._rates: tuple[dict, dict] = ({}, {})
        data = trainer.data
        self._grid = PlaneGrid.around(data.train.X_raw, grid_res) if data.is_planar else None
        self._unit_grid = PlaneGrid.around(data.train.X_raw, unit_res) if data.is_planar else None
        on_a_line = data.train.X_raw.shape[0] == 1 and data.n_y == 1 and data.train.m > 0
        self._line = LineGrid.around(data.train.X_raw) if on_a_line else None

    def __call__(self, event) -> None:
        if isinstance(event, IterationBlock):
            self._on_block(event)
        elif isinstance(event, LayerStatsEvent):
            values = [event.weight_norms[n] for n in self._snap.norm_names]
            values += [event.grad_norms[n] for n in self._snap.norm_names]
            with self._lock:
                self._norms.append(event.iteration, values)
                self._snap.running_mean = event.running_mean
                self._snap.running_var = event.running_var
        elif isinstance(event, MaskEvent):
            with self._lock:
                self._snap.masks, self._snap.keep_probs = event.masks, event.keep_probs
        elif isinstance(event, EpochEvent):
            verdict = self._diagnose(event)
            row = (event.iteration, event.train_cost, event.dev_cost, event.test_cost,
                   event.train_error, event.dev_error, event.test_error)
            with self._lock:
                self._epochs.append(event)
                self._epoch_series.append(event.epoch + 1, row)
                self._snap.diagnosis = verdict
                self._snap.version += 1
            self._refresh_if_due()
        elif isinstance(event, StatusEvent):
            with self._lock:
                self._snap.state, self._snap.message = event.state, event.message
                self._snap.version += 1
            if event.state != "running":
                self.refresh()

    def snapshot(self) -> Snapshot:
        """A consistent copy of the latest state (call from any thread)."""
        with self._lock:
            s = Snapshot(**vars(self._snap))
            self._heavy_taken = True
            self._progress(s)
            s.cost_x, cost = self._cost.x, self._cost.y
            s.cost_y, s.cost_smooth, s.lr_y = cost[:, 0], cost[:, 1], cost[:, 2]
            s.lr_x = s.cost_x
            s.epoch_x, epochs = self._epoch_series.x, self._epoch_series.y
            s.epoch_iteration = epochs[:, 0]
            s.epoch_cost, s.epoch_error = epochs[:, 1:4], epochs[:, 4:7]
            if self._probes is not None:
                k = len(s.probe_names)
                s.probe = ProbeTrace.of(self._probes, k)
                s.probe_recent = ProbeTrace.of(self._recent_probes, k)
            n_layers = len(s.norm_names)
            s.norm_x, norms = self._norms.x, self._norms.y
            s.weight_norms, s.grad_norms = norms[:, :n_layers], norms[:, n_layers:]
        s.drop_rates = self._drop_rates(s.masks)
        return s

    def history(self) -> list[EpochEvent]:
        """The epochs recorded so far (what File ▸ Export ▸ Metrics writes)."""
        with self._lock:
            return list(self._epochs)

    def _progress(self, s: Snapshot) -> None:
        """Fill ``s`` from the latest iteration: position, progress, ETA and rate."""
        e = self._iteration
        if e is None:
            return
        s.iteration, s.epoch, s.batch = e.iteration, e.epoch, e.batch
        s.batches_per_epoch, s.examples_seen = e.batches_per_epoch, e.examples_seen
        s.elapsed, s.lr, s.cost = e.elapsed, e.lr, e.cost
        done = (e.epoch + e.batch / e.batches_per_epoch) / max(s.epochs, 1)
        s.progress = min(done, 1.0)
        s.eta = e.elapsed * (1 - done) / done if done > 0 else float("nan")
        s.rate = e.examples_seen / e.elapsed if e.elapsed > 0 else 0.0

    def _on_block(self, e: IterationBlock) -> None:
        """Extend the series by a block of iterations: the cost series by J{t}, its EWMA (fed
        the costs in order) and α; the traced series by dW, V_dW, V_dW/(1 − βᵗ), √S_dW (K
        columns each)."""
        costs = np.column_stack([e.cost, self._smooth.update_all(e.cost), e.lr])
        if self._probes is not None:
            probes = np.hstack([e.gradient, e.velocity, e.velocity_corrected, e.sqrt_s])
        with self._lock:
            self._cost.extend(e.iterations, costs)
            if self._probes is not None:
                self._probes.extend(e.iterations, probes)
                self._recent_probes.extend(e.iterations, probes)
            self._iteration = e.latest
            self._snap.version += 1
        self._refresh_if_due()

    def _refresh_if_due(self) -> None:
        """Refresh when the rate limit and the time budget allow it, and a view has taken the
        last refresh."""
        if self._heavy_taken and time.monotonic() >= self._next_heavy:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the costly views from the network.

        Call it from the thread that trains the network, or when no training runs. The next
        refresh waits at least ``heavy_interval`` and long enough that refreshing takes at most
        HEAVY_SHARE of the training time, however slow the views are for this network.
        """
        started = time.monotonic()
        trainer = self.trainer
        net, pre = trainer.net, trainer.data.preprocessor
        weights = {d.w_name: d.W.astype(np.float64) for d in net.dense_layers}
        hists = {name: histogram(w) for name, w in weights.items()}
        boundary = decision_map(net, pre, self._grid) if self._grid else None
        class_map = class_shading(boundary) if boundary is not None and boundary.ndim == 3 else None
        binary = boundary is not None and boundary.ndim == 2 and trainer.data.task != "regression"
        boundary_line = level_segments(boundary, 0.5) if binary else None
        curve = prediction_curve(net, pre, self._line) if self._line else None
        maps = unit_maps(net, pre, self._unit_grid) if self._unit_grid else []
        confusion = self._confusion()
        rates = confusion_rates(confusion) if confusion is not None else None
        with self._lock:
            snap = self._snap
            snap.weights, snap.histograms = weights, hists
            snap.grid, snap.boundary, snap.unit_maps = self._grid, boundary, maps
            snap.boundary_line = boundary_line
            snap.class_map, snap.line, snap.curve = class_map, self._line, curve
            snap.confusion, snap.confusion_rates = confusion, rates
            snap.heavy_version += 1
            snap.version += 1
            self._heavy_taken = False
        spent = time.monotonic() - started
        self._next_heavy = started + max(self.heavy_interval, spent / HEAVY_SHARE)

    def _diagnose(self, e: EpochEvent) -> Diagnosis | None:
        if self.trainer.data.task == "regression" or not np.isfinite(e.dev_error):
            return None
        return diagnose(e.train_error, e.dev_error, self._snap.human_level_error)

    def _drop_rates(self, masks: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
        """Drop rates of ``masks``, computed once per new set of masks (not per snapshot)."""
        seen, rates = self._rates
        if masks is not seen:
            rates = {row: drop_rates(mask) for row, mask in masks.items()}
            self._rates = (masks, rates)
        return rates

    def _confusion(self) -> np.ndarray | None:
        data = self.trainer.data
        split = data.dev if data.dev.m else data.train
        if data.task != "multiclass" or split.labels is None:
            return None
        net = self.trainer.net
        A = net.predict(split.X.astype(net.dtype))
        return confusion_matrix(split.labels, predicted_classes(A), len(data.class_names))
