"""Trained models on disk: VisualNet's own files and exports to PyTorch and ONNX.

    from visualnet.core.export import save_model, load_model, export_model
    save_model("moons.safetensors", net, preprocessor, {"task": "binary"})
    model = load_model("moons.safetensors")   # or .npz
    model.predict(X_raw)                      # A[L] for raw X: (n_x, m), examples as columns
    export_model(model, "moons.onnx", "onnx") # also "npz", "safetensors", "torch"

Every write is atomic; every unreadable file raises ModelFileError (a ValueError) naming the
file and the problem. The ``.safetensors`` key layout is documented in ``sequential``.
"""

from visualnet.core.export.errors import ModelFileError
from visualnet.core.export.formats import FORMATS, export_model, load_model, save_model
from visualnet.core.export.model import Model
from visualnet.core.export.onnx_export import build_onnx, write_onnx
from visualnet.core.export.torch_script import torch_script, write_torch_script

__all__ = [
    "FORMATS",
    "Model",
    "ModelFileError",
    "build_onnx",
    "export_model",
    "load_model",
    "save_model",
    "torch_script",
    "write_onnx",
    "write_torch_script",
]
