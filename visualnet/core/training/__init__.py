"""The training loop, its events and controls, and the bias/variance diagnosis."""

from visualnet.core.data.targets import output_problem
from visualnet.core.training.control import TrainingControl
from visualnet.core.training.diagnosis import Diagnosis, diagnose
from visualnet.core.training.events import (
    EpochEvent,
    Event,
    IterationBlock,
    IterationEvent,
    LayerStatsEvent,
    MaskEvent,
    StatusEvent,
)
from visualnet.core.training.trainer import Trainer, TrainResult

__all__ = [
    "Diagnosis",
    "EpochEvent",
    "Event",
    "IterationBlock",
    "IterationEvent",
    "LayerStatsEvent",
    "MaskEvent",
    "StatusEvent",
    "TrainResult",
    "Trainer",
    "TrainingControl",
    "diagnose",
    "output_problem",
]
