"""A feed-forward network built from a spec: forward, cost, backward, params.

Examples are columns: X: (n_x, m), Y: (n_y, m). ``params`` and ``grads`` are ParamStores
(ordered dicts of views into one flat buffer each): W1, b1, W2, …; a dense layer followed by
batch norm has no b, its batch norm adds gamma<l>, beta<l>.

Cost J = (1/m)·Σ L(ŷ, y) + (λ₂/2m)·Σ_l ‖W[l]‖²_F + (λ₁/2m)·Σ_l ‖W[l]‖₁,
and backward adds (λ₂/m)·W[l] + (λ₁/2m)·sign(W[l]) to each dW[l]. Biases, γ and β are not
regularized.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from visualnet.core import losses
from visualnet.core.batchnorm import BatchNorm
from visualnet.core.dropout import Dropout
from visualnet.core.layers import Activation, Dense, Layer
from visualnet.core.params import ParamStore
from visualnet.core.spec import NetworkSpec, validate_spec

DTYPES = ("float32", "float64")


class Network:
    """Build with ``Network.from_spec(spec, seed=0, dtype="float32")``."""

    def __init__(self, spec: NetworkSpec, seed: int = 0, dtype: str = "float32"):
        if str(dtype) not in DTYPES:
            raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
        self.model = spec
        self.dtype = np.dtype(dtype)
        self.seed = int(seed)
        init_seed, dropout_seed = np.random.SeedSequence(self.seed).spawn(2)
        self._dropout_rng = np.random.default_rng(dropout_seed)
        self.layers: list[Layer] = self._build_layers()
        shapes = [shape for layer in self.layers for shape in layer.param_shapes()]
        self.params = ParamStore(shapes, self.dtype)
        self.grads = ParamStore(shapes, self.dtype)
        for layer in self.layers:
            layer.bind(self.params, self.grads)
        self._initialize(np.random.default_rng(init_seed))
        self._first_trainable = next(i for i, la in enumerate(self.layers) if la.param_shapes())
        self._last_output: np.ndarray | None = None
        self._trained_m: int | None = None

    @classmethod
    def from_spec(cls, spec: dict, seed: int = 0, dtype: str = "float32") -> Network:
        """Validate ``spec`` (ValueError naming the layer and field if bad) and build it."""
        return cls(validate_spec(spec), seed=seed, dtype=dtype)

    # --- structure ---------------------------------------------------------------------------

    @property
    def spec(self) -> dict:
        """The full spec as a plain dict, defaults filled in."""
        return {"input_dim": self.input_dim, "layers": [layer.spec() for layer in self.layers]}

    @property
    def input_dim(self) -> int:
        return self.model.input_dim

    @property
    def output_dim(self) -> int:
        return self.layers[-1].output_dim

    @property
    def output(self) -> str:
        """The output activation: 'softmax', 'sigmoid' or 'linear' (it picks the loss)."""
        return self.layers[-1].kind

    @property
    def loss_name(self) -> str:
        return losses.NAMES[self.output]

    @property
    def dense_layers(self) -> list[Dense]:
        return [layer for layer in self.layers if isinstance(layer, Dense)]

    @property
    def dropout_layers(self) -> list[Dropout]:
        return [layer for layer in self.layers if isinstance(layer, Dropout)]

    @property
    def batchnorm_layers(self) -> list[BatchNorm]:
        return [layer for layer in self.layers if isinstance(layer, BatchNorm)]

    @property
    def param_count(self) -> int:
        return int(self.params.flat.size)

    # --- computation -------------------------------------------------------------------------

    def forward(self, X: np.ndarray, training: bool = False) -> np.ndarray:
        """Ŷ = A[L] for X: (n_x, m). ``training`` turns on dropout and batch statistics."""
        a = self._check_x(X)
        for layer in self.layers:
            a = layer.forward(a, training)
        out = a.copy()
        self._last_output = out
        if training:
            self._trained_m = X.shape[1]
        return out

    def predict(self, X: np.ndarray) -> np.ndarray:
        """A[L] at evaluation (no dropout, running batch-norm statistics)."""
        return self.forward(X, training=False)

    def cost(self, A: np.ndarray, Y: np.ndarray, l2: float = 0.0, l1: float = 0.0) -> float:
        """J: the loss of A against Y plus the L2/L1 penalties (see the module docstring)."""
        Y = self._check_y(Y, A.shape[1])
        if A is self._last_output:
            data_cost = losses.cost_from_logits(self.output, self.layers[-1].last_input, Y)
        else:
            data_cost = _cost_from_probabilities(self.output, A, Y)
        return data_cost + self.penalty(Y.shape[1], l2, l1)

    def penalty(self, m: int, l2: float = 0.0, l1: float = 0.0) -> float:
        """(λ₂/2m)·Σ‖W[l]‖²_F + (λ₁/2m)·Σ‖W[l]‖₁."""
        total = 0.0
        for layer in self.dense_layers:
            w = layer.W
            if l2:
                total += l2 / (2 * m) * float(np.vdot(w, w))
            if l1:
                total += l1 / (2 * m) * float(np.abs(w).sum())
        return total

    def backward(self, Y: np.ndarray, l2: float = 0.0, l1: float = 0.0) -> ParamStore:
        """Gradients of J for the last training forward; same keys and order as ``params``.

        The returned store is reused: the next call overwrites it (copy it to keep it).
        """
        if self._trained_m is None:
            raise ValueError("call forward(X, training=True) before backward(Y)")
        Y = self._check_y(Y, self._trained_m)
        output = self.layers[-1]
        delta = output._buffer("delta", output._a.shape)
        da = losses.output_delta(self.output, output._a, Y, delta)
        for i in range(len(self.layers) - 2, self._first_trainable - 1, -1):
            da = self.layers[i].backward(da, need_input_grad=i > self._first_trainable)
        if l2 or l1:
            self._add_penalty_gradients(Y.shape[1], l2, l1)
        return self.grads

    # --- state -------------------------------------------------------------------------------

    def reset_parameters(self, seed: int | None = None) -> None:
        """Fresh weights from ``seed`` (default: the network's own), as if newly built."""
        if seed is not None:
            self.seed = int(seed)
        init_seed, dropout_seed = np.random.SeedSequence(self.seed).spawn(2)
        self._dropout_rng.bit_generator.state = np.random.default_rng(
            dropout_seed
        ).bit_generator.state
        self._initialize(np.random.default_rng(init_seed))

    def buffers(self) -> dict[str, np.ndarray]:
        """Batch-norm running statistics: running_mean<l>, running_var<l> (not trained)."""
        out = {}
        for layer in self.batchnorm_layers:
            out[f"running_mean{layer.number}"] = layer.running_mean
            out[f"running_var{layer.number}"] = layer.running_var
        return out

    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter and running statistic, by name."""
        state = {name: value.copy() for name, value in self.params.items()}
        state.update({name: value.copy() for name, value in self.buffers().items()})
        for layer in self.batchnorm_layers:
            state[f"num_batches_tracked{layer.number}"] = np.array(layer.num_batches_tracked)
        return state

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        """Restore what ``state_dict`` returned (names and shapes must match)."""
        self.params.assign({name: state[name] for name in self.params if name in state})
        for name, buf in self.buffers().items():
            buf[...] = state[name]
        for layer in self.batchnorm_layers:
            key = f"num_batches_tracked{layer.number}"
            if key in state:
                layer.num_batches_tracked = int(state[key])

    def copy(self, dtype: str | None = None) -> Network:
        """An independent network with the same spec, seed and current weights."""
        twin = Network(self.model, seed=self.seed, dtype=dtype or str(self.dtype))
        twin.load_state_dict(self.state_dict())
        for mine, theirs in zip(self.dropout_layers, twin.dropout_layers, strict=True):
            theirs.keep_prob = mine.keep_prob
        return twin

    @contextmanager
    def dropout_disabled(self) -> Iterator[None]:
        """Within the block, dropout layers pass activations through even when training."""
        saved = [layer.enabled for layer in self.dropout_layers]
        for layer in self.dropout_layers:
            layer.enabled = False
        try:
            yield
        finally:
            for layer, enabled in zip(self.dropout_layers, saved, strict=True):
                layer.enabled = enabled

    # --- helpers -----------------------------------------------------------------------------

    def _build_layers(self) -> list[Layer]:
        layers: list[Layer] = []
        specs = self.model.layers
        dim, number = self.model.input_dim, 0
        for i, s in enumerate(specs):
            next_type = specs[i + 1].type if i + 1 < len(specs) else None
            if s.type == "dense":
                number += 1
                layer = Dense(
                    i, dim, self.dtype, units=s.units, number=number, init=s.init,
                    use_bias=next_type != "batchnorm", scale=s.scale, c=s.c, gain=s.gain,
                )
            elif s.type == "dropout":
                layer = Dropout(i, dim, self.dtype, keep_prob=s.keep_prob, rng=self._dropout_rng)
            elif s.type == "batchnorm":
                layer = BatchNorm(i, dim, self.dtype, number=number, momentum=s.momentum,
                                  eps=s.eps)
            elif s.type == "leaky_relu":
                layer = Activation(i, dim, self.dtype, kind="leaky_relu", slope=s.slope)
            else:
                layer = Activation(i, dim, self.dtype, kind=s.type)
            layers.append(layer)
            dim = layer.output_dim
        return layers

    def _initialize(self, rng: np.random.Generator) -> None:
        for layer in self.layers:
            layer.initialize(rng)

    def _add_penalty_gradients(self, m: int, l2: float, l1: float) -> None:
        for layer in self.dense_layers:
            scratch = layer._buffer("penalty", layer.W.shape)
            if l2:
                np.multiply(layer.W, l2 / m, out=scratch)
                layer.dW += scratch
            if l1:
                np.sign(layer.W, out=scratch)
                scratch *= l1 / (2 * m)
                layer.dW += scratch

    def _check_x(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[0] != self.input_dim:
            raise ValueError(
                f"X must have shape (n_x, m) = ({self.input_dim}, m), one example per column, "
                f"as the network's input_dim is {self.input_dim}; got {X.shape}"
            )
        if X.shape[1] < 1:
            raise ValueError("X has no examples (m = 0)")
        return X.astype(self.dtype, copy=False)

    def _check_y(self, Y: np.ndarray, m: int) -> np.ndarray:
        Y = np.asarray(Y)
        if Y.shape != (self.output_dim, m):
            raise ValueError(
                f"Y must have shape (n_y, m) = ({self.output_dim}, {m}), got {Y.shape}"
            )
        return Y


def _cost_from_probabilities(output: str, a: np.ndarray, y: np.ndarray) -> float:
    """J from probabilities Ŷ when the logits are not at hand (ŷ clipped away from 0 and 1)."""
    a = a.astype(np.float64)
    m = a.shape[1]
    if output == "linear":
        return float(((a - y) ** 2).sum() / m)
    tiny = 1e-12
    a = np.clip(a, tiny, 1 - tiny)
    if output == "sigmoid":
        return float(-(y * np.log(a) + (1 - y) * np.log(1 - a)).sum() / m)
    return float(-(y * np.log(a)).sum() / m)
