"""The layer types a student can add: palette label, starting settings, badge colour, formula.

Qt-free: colours are hex strings, tooltips plain text in course notation.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    kind: str
    label: str
    color: str
    formula: str
    layer: dict = field(default_factory=dict)


_HIDDEN = "#2e9e6b"
_OUTPUT = "#c2553a"

PALETTE = (
    Entry(
        "dense", "Dense", "#3b74c7",
        "Fully connected layer\nZ[l] = W[l] A[l-1] + b[l]\nW[l]: (n[l], n[l-1]),  b[l]: (n[l], 1)",
        {"type": "dense", "units": 16, "init": "he"},
    ),
    Entry("relu", "ReLU", _HIDDEN, "g(z) = max(0, z)\ng'(z) = 1 if z > 0, else 0"),
    Entry(
        "leaky_relu", "Leaky ReLU", _HIDDEN,
        "g(z) = max(a·z, z), a small (0.01)\ng'(z) = 1 if z > 0, else a",
        {"type": "leaky_relu", "slope": 0.01},
    ),
    Entry("tanh", "tanh", _HIDDEN, "g(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ)\ng'(z) = 1 − a²"),
    Entry(
        "sigmoid", "sigmoid", _HIDDEN,
        "σ(z) = 1 / (1 + e⁻ᶻ),  g'(z) = a(1 − a)\nAs the last layer: ŷ = P(y = 1 | x)",
    ),
    Entry("linear", "linear", _HIDDEN, "g(z) = z\nAs the last layer: ŷ = z (regression)"),
    Entry(
        "dropout", "Dropout", "#d98a1c",
        "Inverted dropout, training only:\nd = (rand < keep_prob)\na = a ⊙ d / keep_prob",
        {"type": "dropout", "keep_prob": 0.8},
    ),
    Entry(
        "batchnorm", "BatchNorm", "#8a5cc9",
        "Batch norm of Z[l] over the mini-batch:\nμ = (1/m) Σ z,  σ² = (1/m) Σ (z − μ)²\n"
        "z_norm = (z − μ) / √(σ² + ε)\nz̃ = γ · z_norm + β\n"
        "Put it between a dense layer and its activation.",
        {"type": "batchnorm", "momentum": 0.9, "eps": 1e-5},
    ),
    Entry(
        "softmax", "Softmax output", _OUTPUT,
        "aᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)\nC classes: the dense layer before it needs C units.",
    ),
)

BY_KIND = {entry.kind: entry for entry in PALETTE}

NAMES = {**{entry.kind: entry.label for entry in PALETTE}, "softmax": "Softmax"}
"""The short name a stack row shows for each layer type."""


def new_layer(kind: str) -> dict:
    """A fresh layer dict of ``kind`` with the palette's starting settings."""
    entry = BY_KIND[kind]
    return dict(entry.layer) if entry.layer else {"type": kind}
