"""Finished runs, kept for comparison: each run's experiment and its curves."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from visualnet.core.training import EpochEvent, Trainer, TrainResult
from visualnet.core.training.recorder import Snapshot


@dataclass
class RunRecord:
    """One run: what was trained (the experiment as a dict) and what it measured."""

    run_id: int
    label: str
    experiment: dict
    status: str
    message: str
    history: list[EpochEvent] = field(default_factory=list)
    cost_x: np.ndarray = field(default_factory=lambda: np.empty(0))
    cost_smooth: np.ndarray = field(default_factory=lambda: np.empty(0))
    elapsed: float = 0.0

    @classmethod
    def from_run(cls, run_id: int, trainer: Trainer, result: TrainResult, snap: Snapshot):
        return cls(run_id, describe(run_id, trainer), trainer.experiment.to_dict(),
                   result.status, result.message, list(result.history), snap.cost_x,
                   snap.cost_smooth, result.elapsed)

    @property
    def final(self) -> EpochEvent | None:
        return self.history[-1] if self.history else None


def describe(run_id: int, trainer: Trainer) -> str:
    """A short label: '#3 Adam α=0.01, batch 64, L2 0.7'."""
    cfg = trainer.experiment.training
    opt = cfg.optimizer
    parts = [f"#{run_id} {trainer.optimizer.label} α={opt.lr:g}", f"batch {cfg.mini_batch_size}"]
    if cfg.l2:
        parts.append(f"L2 {cfg.l2:g}")
    if cfg.l1:
        parts.append(f"L1 {cfg.l1:g}")
    drops = [d.keep_prob for d in trainer.net.dropout_layers]
    if drops:
        parts.append("keep " + "/".join(f"{p:g}" for p in drops))
    return ", ".join(parts)
