"""The layer stack as plain data: an ordered list of layer dicts, input to output. No Qt.

Undo commands change it through the Qt list model, which wraps each method in Qt's notices.
"""

from __future__ import annotations

import copy

from visualnet.app.builder import catalog


class LayerStack:
    """Layer dicts such as ``{"type": "dropout", "keep_prob": 0.8}``, row 0 nearest the input."""

    def __init__(self, layers: list[dict] | None = None):
        """ValueError if a layer's type is not one the builder knows."""
        self._layers = [_checked(layer) for layer in layers or []]

    def __len__(self) -> int:
        return len(self._layers)

    def __getitem__(self, row: int) -> dict:
        return self._layers[row]

    def layers(self) -> list[dict]:
        """A deep copy: callers may keep or change it freely."""
        return copy.deepcopy(self._layers)

    def insert(self, row: int, layer: dict) -> None:
        self._layers.insert(row, _checked(layer))

    def remove(self, row: int) -> dict:
        return self._layers.pop(row)

    def move(self, source: int, target: int) -> None:
        """Move the layer at ``source`` so that it ends up at row ``target``."""
        self._layers.insert(target, self._layers.pop(source))

    def set_field(self, row: int, name: str, value) -> None:
        self._layers[row][name] = value



def _checked(layer: dict) -> dict:
    """A private copy of ``layer``; ValueError if its type is not one the builder knows."""
    kind = layer.get("type") if isinstance(layer, dict) else None
    if kind not in catalog.NAMES:
        raise ValueError(f"unknown layer type {kind!r}; allowed: {', '.join(catalog.NAMES)}")
    return copy.deepcopy(layer)
