"""Matching the network's output layer to the data's task, and the targets it trains on.

binary      → dense(1) + sigmoid (Y: (1, m) of 0/1), or dense(2) + softmax (Y one-hot (2, m))
multiclass  → dense(C) + softmax (Y one-hot (C, m))
regression  → dense(n_y) + linear (Y: (n_y, m))
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.prepared import PreparedData, Split


def output_problem(output: str, units: int, data: PreparedData) -> str | None:
    """Why an output layer (activation, units) cannot fit this data, or None if it can."""
    classes = len(data.class_names) or data.n_y
    if data.task == "binary":
        if (output, units) in (("sigmoid", 1), ("softmax", 2)):
            return None
        return (
            f"the data has 2 classes: end the network with dense(1) + sigmoid or "
            f"dense(2) + softmax (now dense({units}) + {output})"
        )
    if data.task == "multiclass":
        if (output, units) == ("softmax", classes):
            return None
        return (
            f"the data has {classes} classes: end the network with dense({classes}) + softmax "
            f"(now dense({units}) + {output})"
        )
    if (output, units) == ("linear", data.n_y):
        return None
    return (
        f"the data is a regression with {data.n_y} target(s): end the network with "
        f"dense({data.n_y}) + linear (now dense({units}) + {output})"
    )


def targets(output: str, split: Split) -> np.ndarray:
    """Y as the output layer needs it (binary labels become one-hot for a 2-unit softmax)."""
    if output == "softmax" and split.Y.shape[0] == 1:
        labels = split.Y[0].astype(np.int64)
        return np.eye(2)[:, labels]
    return split.Y
