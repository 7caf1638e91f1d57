"""File ▸ Export ▸ trained weights: npz, safetensors, ONNX, or a runnable PyTorch script.

The weights are read only while no mini-batch is being trained (paused or ended), so an export
never catches a half-updated network.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from visualnet.core.export import Model, export_model

FORMATS = (
    ("npz", "Weights as NumPy .npz…", "NumPy archive (*.npz)", ".npz"),
    ("safetensors", "Weights as .safetensors…", "safetensors (*.safetensors)", ".safetensors"),
    ("onnx", "Model as ONNX…", "ONNX model (*.onnx)", ".onnx"),
    ("torch", "Model as PyTorch script…", "Python script (*.py)", ".py"),
)
TIPS = {
    "npz": "W[l], b[l], γ, β, running μ and σ², the spec and the normalization, for VisualNet",
    "safetensors": "Keys of the matching torch.nn.Sequential: load_state_dict(strict=True)",
    "onnx": "Normalization included; examples as rows; runs in ONNX Runtime",
    "torch": "model.py builds the nn.Sequential, loads model.safetensors beside it, predicts",
}


class WeightsExport(QObject):
    """The export actions for the network of the current (or last) run."""

    def __init__(self, controller, session, parent: QWidget):
        super().__init__(parent)
        self.controller, self.session, self.window = controller, session, parent
        self.actions: dict[str, QAction] = {}
        for key, text, _, _ in FORMATS:
            action = QAction(text, parent)
            action.setToolTip(TIPS[key])
            action.setStatusTip(TIPS[key])
            action.triggered.connect(lambda _=False, k=key: self.export(k))
            self.actions[key] = action
        controller.stateChanged.connect(self._update)
        self._update(controller.state)

    def add_to(self, menu: QMenu) -> None:
        menu.setToolTipsVisible(True)
        menu.addActions(list(self.actions.values()))

    def export(self, key: str, path: str | None = None) -> list[Path]:
        """Write the current network as ``key``; asks for a file name unless ``path`` is given."""
        _, text, filters, suffix = next(f for f in FORMATS if f[0] == key)
        if path is None:
            start = str(Path.home() / f"{self.session.experiment.name}{suffix}")
            path, _ = QFileDialog.getSaveFileName(self.window, text.rstrip("…"), start, filters)
            if not path:
                return []
        if not path.endswith(suffix):
            path += suffix
        try:
            return export_model(self._model(), path, key)
        except (ValueError, OSError) as error:
            QMessageBox.warning(self.window, "Export failed", f"{path}: {error}")
            return []

    def _model(self) -> Model:
        trainer = self.controller.trainer
        data = trainer.data
        metadata = {"experiment": trainer.experiment.to_dict(), "task": data.task,
                    "class_names": data.class_names}
        return Model(trainer.net, data.preprocessor, metadata)

    def _update(self, state: str) -> None:
        ready = self.controller.trainer is not None and state != "running"
        reason = "" if ready else (
            "Pause or stop training first" if state == "running" else "Train a network first")
        for key, action in self.actions.items():
            action.setEnabled(ready)
            action.setToolTip(TIPS[key] if ready else reason)
