"""The NumPy core: layers, losses, optimizers, schedules, gradient checking.

It never imports Qt. Course notation throughout: examples are columns, X: (n_x, m),
W[l]: (n[l], n[l-1]), Z[l] = W[l] A[l-1] + b[l].
"""

from visualnet.core import optimizers, schedules
from visualnet.core.ewma import effective_window, ewma
from visualnet.core.export import load_model
from visualnet.core.gradcheck import GradCheckResult, gradient_check
from visualnet.core.minibatch import minibatches
from visualnet.core.network import Network
from visualnet.core.params import ParamStore

__all__ = [
    "GradCheckResult",
    "Network",
    "ParamStore",
    "effective_window",
    "ewma",
    "gradient_check",
    "load_model",
    "minibatches",
    "optimizers",
    "schedules",
]
