"""The drag-and-drop payload of a layer: its dict, plus where it came from when it is a move."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from visualnet.app.builder import catalog

MIME_TYPE = "application/x-visualnet-layer"


def encode(layer: dict, stack: str | None = None, row: int | None = None) -> QMimeData:
    """A palette item carries only ``layer``; a stack row also its ``stack`` id and ``row``."""
    payload = {"layer": layer, "stack": stack, "row": row}
    data = QMimeData()
    data.setData(MIME_TYPE, json.dumps(payload).encode())
    return data


def decode(data: QMimeData) -> dict | None:
    """The payload, or None if ``data`` holds no layer of a type the builder knows."""
    if not data.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(data.data(MIME_TYPE)).decode())
    except ValueError:
        return None
    layer = payload.get("layer") if isinstance(payload, dict) else None
    return payload if isinstance(layer, dict) and layer.get("type") in catalog.NAMES else None
