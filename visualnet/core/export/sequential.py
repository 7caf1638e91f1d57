"""The network as a ``torch.nn.Sequential``: one module per spec layer, at the same index.

Spec layer i (counted from 0) becomes module i, and its tensors are named ``"<i>.<name>"`` as
``Sequential.state_dict()`` names them, so a ``.safetensors`` file loads with
``load_state_dict(strict=True)``. With n = n[l-1] inputs and u = n[l] units:

    spec layer i            module i                      its tensors: shape = value
    dense                   Linear(n, u)                  <i>.weight: (u, n) = W[l]
                                                          <i>.bias: (u,) = b[l] flattened
    dense, batchnorm next   Linear(n, u, bias=False)      <i>.weight: (u, n) = W[l]
    batchnorm (β_bn, ε)     BatchNorm1d(u, eps=ε,         <i>.weight: (u,) = γ[l]
                              momentum=1 − β_bn)          <i>.bias: (u,) = β[l]
                                                          <i>.running_mean: (u,) = μ_run
                                                          <i>.running_var: (u,) = σ²_run
                                                          <i>.num_batches_tracked: () int64
    relu                    ReLU()                        none
    leaky_relu (a)          LeakyReLU(a)                  none
    tanh                    Tanh()                        none
    sigmoid                 Sigmoid()                     none
    linear                  Identity()                    none
    softmax                 Softmax(dim=1)                none
    dropout (keep_prob)     Dropout(p=1 − keep_prob)      none

For example dense(16) → batchnorm → relu → dropout → dense(3) → softmax on 2 inputs gives
``0.weight`` (16, 2); ``1.weight``, ``1.bias``, ``1.running_mean``, ``1.running_var`` (16,),
``1.num_batches_tracked`` (); ``4.weight`` (3, 16), ``4.bias`` (3,). Tensors have the network's
dtype (float32 or float64). PyTorch's momentum is the weight of the *new* batch, hence
1 − β_bn; its running variance is fed the unbiased batch variance, as VisualNet's is.
The spec, the feature transforms, the normalization μ and σ² and the metadata are in the
file's header metadata, not among its tensors, so a strict load sees only the keys above.
PyTorch takes examples as rows: feed Xᵀ, shape (m, n_x), after the same preprocessing.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.batchnorm import BatchNorm
from visualnet.core.layers import Dense
from visualnet.core.network import Network

_ACTIVATIONS = {
    "relu": "nn.ReLU()",
    "tanh": "nn.Tanh()",
    "sigmoid": "nn.Sigmoid()",
    "linear": "nn.Identity()",
    "softmax": "nn.Softmax(dim=1)",
}


def to_sequential(network: Network) -> dict[str, np.ndarray]:
    """The network's parameters and running statistics under Sequential keys (copies)."""
    tensors: dict[str, np.ndarray] = {}
    for layer in network.layers:
        i = layer.index
        if isinstance(layer, Dense):
            tensors[f"{i}.weight"] = np.ascontiguousarray(layer.W)
            if layer.use_bias:
                tensors[f"{i}.bias"] = layer.b.ravel()
        elif isinstance(layer, BatchNorm):
            tensors[f"{i}.weight"] = layer.gamma.ravel()
            tensors[f"{i}.bias"] = layer.beta.ravel()
            tensors[f"{i}.running_mean"] = layer.running_mean.ravel()
            tensors[f"{i}.running_var"] = layer.running_var.ravel()
            tensors[f"{i}.num_batches_tracked"] = np.array(
                layer.num_batches_tracked, dtype=np.int64
            )
    return {name: array.copy() for name, array in tensors.items()}


def from_sequential(network: Network, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``network.state_dict()``-style names (W1, b1, gamma1…) for Sequential-keyed tensors.

    ``tensors`` must already match ``to_sequential(network)`` in names and shapes.
    """
    state: dict[str, np.ndarray] = {}
    for layer in network.layers:
        i = layer.index
        if isinstance(layer, Dense):
            state[layer.w_name] = tensors[f"{i}.weight"]
            if layer.use_bias:
                state[layer.b_name] = tensors[f"{i}.bias"].reshape(-1, 1)
        elif isinstance(layer, BatchNorm):
            n = layer.number
            state[layer.gamma_name] = tensors[f"{i}.weight"].reshape(-1, 1)
            state[layer.beta_name] = tensors[f"{i}.bias"].reshape(-1, 1)
            state[f"running_mean{n}"] = tensors[f"{i}.running_mean"].reshape(-1, 1)
            state[f"running_var{n}"] = tensors[f"{i}.running_var"].reshape(-1, 1)
            state[f"num_batches_tracked{n}"] = tensors[f"{i}.num_batches_tracked"]
    return state


def torch_modules(network: Network) -> list[str]:
    """Python source of each layer's ``torch.nn`` module (``nn`` = ``torch.nn``), in order."""
    modules = []
    for layer in network.layers:
        if isinstance(layer, Dense):
            bias = "" if layer.use_bias else ", bias=False"
            modules.append(f"nn.Linear({layer.input_dim}, {layer.units}{bias})")
        elif isinstance(layer, BatchNorm):
            modules.append(
                f"nn.BatchNorm1d({layer.input_dim}, eps={layer.eps!r}, "
                f"momentum={round(1.0 - layer.momentum, 12)!r})"
            )
        elif layer.kind == "dropout":
            modules.append(f"nn.Dropout(p={round(1.0 - layer.keep_prob, 12)!r})")
        elif layer.kind == "leaky_relu":
            modules.append(f"nn.LeakyReLU({layer.slope!r})")
        else:
            modules.append(_ACTIVATIONS[layer.kind])
    return modules
