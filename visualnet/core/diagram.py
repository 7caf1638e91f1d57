"""The network diagram, computed: columns of units, where they sit, how strong each link is,
what each unit's map over the input plane shows, and the text shown when hovering.

Columns, left to right: the input features x₁, x₂, x₁², …; then one column per dense layer l,
its units a[l]ⱼ after the activation that follows it (the last activation before the next
dense layer; with none, a = z and the column is "linear"); the last column is the output ŷ.
Units are numbered from 0 like the rows of W[l], so the link a[l-1]ₖ → a[l]ⱼ carries W[l][j,k].
Columns with more than ``MAX_UNITS`` units show the first ones and say how many more there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from visualnet.core.data.preprocess import Preprocessor
from visualnet.core.visualize import PlaneGrid

MAX_UNITS = 16
"""At most this many units of a column are drawn."""

NODE = 1.0
"""A node's side, in diagram units."""
OUTPUT_NODE = 1.6
"""The output column's nodes are larger: they show what the network predicts."""
ROW = 1.4
"""Vertical distance between the centres of two nodes of a column."""
PITCH = 3.6
"""Least horizontal distance between the centres of two columns."""
ASPECT = 1.2
"""Columns spread out until the diagram is this much wider than tall (docks are wider)."""

LABELS = {"input": "input", "relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh",
          "sigmoid": "sigmoid", "linear": "linear", "softmax": "softmax"}
"""How each column kind is written, as in the layer palette."""
ACTIVATIONS = ("relu", "leaky_relu", "tanh", "sigmoid", "linear", "softmax")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Column:
    """One column of the diagram: the inputs (number 0) or dense layer ``number``'s units."""

    number: int
    kind: str
    """'input', or the activation applied to the dense layer's z ('linear' when none)."""
    units: int
    """n[l]: how many units the layer has."""
    shown: int
    """How many of them are drawn (the first ones)."""
    map_index: int | None = None
    """Which entry of Snapshot.unit_maps holds these units' maps (None: no activation)."""
    is_output: bool = False
    names: tuple[str, ...] = ()
    """Input feature names (only for the inputs)."""

    @property
    def weight_name(self) -> str | None:
        """The weights of the links coming in: 'W1' for layer 1, None for the inputs."""
        return f"W{self.number}" if self.number else None

    @property
    def more(self) -> int:
        """Units not drawn."""
        return self.units - self.shown

    @property
    def title(self) -> str:
        if self.number == 0:
            return "Input"
        return "Output" if self.is_output else f"Layer {self.number}"

    @property
    def label(self) -> str:
        """The activation as the layer palette writes it ('ReLU'), or 'input'."""
        return LABELS[self.kind]

    @property
    def size_text(self) -> str:
        """'2 features', '8 units', '1 unit'."""
        noun = "feature" if self.number == 0 else "unit"
        return f"{self.units} {noun}{'s' if self.units != 1 else ''}"

    @property
    def node_size(self) -> float:
        return OUTPUT_NODE if self.is_output else NODE

    def unit_name(self, j: int) -> str:
        """'x₁' for an input, 'a[1]₃' for unit 3 of layer 1."""
        if self.number == 0:
            return self.names[j] if j < len(self.names) else f"x{j + 1}".translate(SUBSCRIPTS)
        return f"a[{self.number}]{str(j).translate(SUBSCRIPTS)}"


def columns(layers: list[dict], feature_names: list[str],
            max_units: int = MAX_UNITS) -> list[Column]:
    """The diagram's columns for a layer stack (spec dicts, input to output) on these inputs."""
    n_x = len(feature_names)
    out = [Column(0, "input", n_x, min(n_x, max_units), names=tuple(feature_names))]
    blocks: list[dict] = []
    activation_count = 0
    for layer in layers:
        kind = layer["type"]
        if kind == "dense":
            blocks.append({"units": int(layer["units"]), "kind": "linear", "map": None})
        elif kind in ACTIVATIONS:
            if blocks:
                blocks[-1]["kind"], blocks[-1]["map"] = kind, activation_count
            activation_count += 1
    for number, block in enumerate(blocks, start=1):
        out.append(Column(number, block["kind"], block["units"],
                          min(block["units"], max_units), block["map"],
                          is_output=number == len(blocks)))
    return out


def node_centres(cols: list[Column]) -> list[np.ndarray]:
    """For each column, its drawn nodes' centres (shown, 2): unit 0 on top, centred on y = 0.

    Column i sits at x = i·pitch(cols); nodes are ROW apart (output nodes further, as they are
    larger).
    """
    step = pitch(cols)
    centres = []
    for i, col in enumerate(cols):
        y = ((col.shown - 1) / 2 - np.arange(col.shown)) * _row(col)
        centres.append(np.column_stack([np.full(col.shown, i * step), y]))
    return centres


def pitch(cols: list[Column]) -> float:
    """Distance between columns: PITCH, or more when a tall column would leave the diagram
    narrow: the columns then span ASPECT times the tallest column's height h,
    pitch = ASPECT·h / (number of columns − 1)."""
    if len(cols) < 2:
        return PITCH
    tallest = max((col.shown - 1) * _row(col) + col.node_size for col in cols)
    return max(PITCH, ASPECT * tallest / (len(cols) - 1))


def node_bounds(cols: list[Column]) -> tuple[float, float, float, float]:
    """(x_min, y_min, x_max, y_max) of the drawn nodes' edges."""
    edges = [(c[0, 0] - col.node_size / 2, c[-1, 1] - col.node_size / 2,
              c[0, 0] + col.node_size / 2, c[0, 1] + col.node_size / 2)
             for col, c in zip(cols, node_centres(cols), strict=True) if col.shown]
    if not edges:
        return 0.0, 0.0, 0.0, 0.0
    x0, y0, x1, y1 = np.array(edges).T
    return float(x0.min()), float(y0.min()), float(x1.max()), float(y1.max())


def view_rect(cols: list[Column], width_px: float, height_px: float,
              margins_px: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The part of the diagram plane (x, y, width, height) a width_px × height_px view shows so
    that the nodes fill it at one scale s (pixels per unit, the same both ways), centred, with
    fixed pixel margins (left, top, right, bottom) around them for the text.

    s = min((width_px − left − right)/w, (height_px − top − bottom)/h) for nodes spanning w × h.
    """
    x0, y0, x1, y1 = node_bounds(cols)
    w, h = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    left, top, right, bottom = margins_px
    room_x, room_y = max(width_px - left - right, 1.0), max(height_px - top - bottom, 1.0)
    s = min(room_x / w, room_y / h)
    x = x0 - (left + (room_x - w * s) / 2) / s
    y = y0 - (bottom + (room_y - h * s) / 2) / s
    return x, y, width_px / s, height_px / s


def weight_scale(weights: dict[str, np.ndarray]) -> float:
    """The largest |w| of any layer: links are drawn relative to it (1.0 without weights)."""
    largest = max((float(np.abs(w).max()) for w in weights.values() if w.size), default=0.0)
    return largest if np.isfinite(largest) and largest > 0 else 1.0


def link_strengths(W: np.ndarray, col: Column, prev: Column, scale: float) -> np.ndarray:
    """W[l][j,k]/scale for the drawn units (col.shown, prev.shown), in [−1, 1]: its sign gives
    the link's colour, its size the width."""
    return np.clip(W[:col.shown, :prev.shown] / scale, -1.0, 1.0)


def input_maps(pre: Preprocessor, grid: PlaneGrid) -> np.ndarray:
    """Each network input over the plane (n_x, res, res): x₁, x₂, x₁², … as the network sees
    them (after the preprocessor's normalization)."""
    X = pre.apply(grid.points())
    return X.reshape(X.shape[0], grid.res, grid.res)


def output_maps(boundary: np.ndarray | None) -> np.ndarray | None:
    """The network's output ŷ over the plane as maps (n_y, res, res), from the recorder's
    decision map, (res, res) for one output unit or (res, res, C) for softmax; it is finer than
    the unit maps, and the output is the largest node."""
    if boundary is None:
        return None
    return boundary[None] if boundary.ndim == 2 else np.moveaxis(boundary, -1, 0)


def column_maps(col: Column, unit_maps: list[np.ndarray], inputs: np.ndarray | None,
                outputs: np.ndarray | None = None) -> np.ndarray | None:
    """The drawn units' maps (shown, res, res), or None when there is nothing to draw: the
    inputs' maps for the inputs, the output maps for the output, else the unit maps."""
    if col.number == 0:
        return None if inputs is None else inputs[:col.shown]
    if col.is_output and outputs is not None and outputs.shape[0] == col.units:
        return outputs[:col.shown]
    if col.map_index is None or col.map_index >= len(unit_maps):
        return None
    return unit_maps[col.map_index][:col.shown]


def map_levels(kind: str, maps: np.ndarray) -> np.ndarray:
    """Each drawn map's (low, high) ends of the diverging colour scale (orange low, white
    middle, blue high): an array (n, 2).

    Bounded activations have fixed levels: tanh −1…1, sigmoid and softmax 0…1. Unbounded ones
    use the largest |a| m over the column, so units compare at a glance: relu −m…m (a = 0 is
    white, the largest a blue), linear and leaky relu −m…m. Inputs have scales of their own
    (x₁ and x₁² differ), so each input uses its own m.
    """
    n = maps.shape[0]
    if kind == "tanh":
        return np.tile([-1.0, 1.0], (n, 1))
    if kind in ("sigmoid", "softmax"):
        return np.tile([0.0, 1.0], (n, 1))
    size = np.abs(np.where(np.isfinite(maps), maps, 0.0)).reshape(n, -1)
    top = size.max(axis=1) if kind == "input" else np.full(n, size.max(initial=0.0))
    top = np.where(top > 0, top, 1.0)
    return np.column_stack([-top, top])


def fits(cols: list[Column], weights: dict[str, np.ndarray], unit_maps: list[np.ndarray]) -> bool:
    """Whether a snapshot's weights and maps belong to the network these columns describe."""
    for prev, col in pairwise(cols):
        W = weights.get(col.weight_name)
        if W is None or W.shape != (col.units, prev.units):
            return False
        if unit_maps and col.map_index is not None and (
                col.map_index >= len(unit_maps) or unit_maps[col.map_index].shape[0] != col.units):
            return False
    return True


def node_text(col: Column, j: int) -> str:
    """What hovering a node says: 'x₁, input', 'a[1]₃, ReLU', 'ŷ = a[2]₀, sigmoid'."""
    name = col.unit_name(j)
    if col.is_output:
        y_hat = "ŷ" if col.units == 1 else f"ŷ{str(j).translate(SUBSCRIPTS)}"
        name = f"{y_hat} = {name}"
    return f"{name}, {col.label}"


def link_text(col: Column, prev: Column, j: int, k: int, W: np.ndarray | None) -> str:
    """What hovering a link says: 'W[2][0,3] = −0.42  (a[1]₃ → a[2]₀)'."""
    ends = f"({prev.unit_name(k)} → {col.unit_name(j)})"
    value = "not yet initialized" if W is None else signed(float(W[j, k]))
    return f"W[{col.number}][{j},{k}] = {value}  {ends}"


def value_at(grid: PlaneGrid, image: np.ndarray, col: float, row: float) -> tuple[float, ...]:
    """(x₁, x₂, value) of the grid point under pixel (col, row) of a (res, res) map over the
    plane of ``grid`` (at the map's own resolution): pixel (c, r) covers [c, c+1) × [r, r+1)
    and shows the grid point x₁ = x_min + c·Δx, x₂ = y_min + r·Δy, Δ = span / (res − 1)."""
    res = image.shape[0]
    c = int(np.clip(np.floor(col), 0, res - 1))
    r = int(np.clip(np.floor(row), 0, res - 1))
    step_x = (grid.x_max - grid.x_min) / (res - 1)
    step_y = (grid.y_max - grid.y_min) / (res - 1)
    return grid.x_min + c * step_x, grid.y_min + r * step_y, float(image[r, c])


def signed(value: float, digits: int = 2) -> str:
    """A number with a true minus sign, as the course prints it: '−0.42'."""
    return f"{value:.{digits}f}".replace("-", "−")


def _row(col: Column) -> float:
    """Distance between the centres of two of the column's nodes."""
    return ROW + col.node_size - NODE
