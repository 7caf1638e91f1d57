"""The layer base class, Dense, and activation layers (course notation: examples are columns).

A layer sees A[l-1]: (n[l-1], m) and produces its output (n[l], m). Layers own their output
buffers (one set per batch size m, separate for training and evaluation) so a training step
allocates nothing; the network copies only the final output it returns.
"""

from __future__ import annotations

import numpy as np

from visualnet.core import activations, initializers


class Layer:
    """Base class. Subclasses set ``kind`` and override what they need."""

    kind = "layer"

    def __init__(self, index: int, input_dim: int, dtype: np.dtype):
        self.index = index
        self.input_dim = input_dim
        self.dtype = dtype
        self._buffers: dict[tuple[str, tuple[int, ...]], np.ndarray] = {}

    @property
    def output_dim(self) -> int:
        return self.input_dim

    def param_shapes(self) -> list[tuple[str, tuple[int, ...]]]:
        """[(global parameter name, shape)] this layer trains, input to output."""
        return []

    def bind(self, params, grads) -> None:
        """Take this layer's views of the network's parameter and gradient stores."""

    def initialize(self, rng: np.random.Generator) -> None:
        """Draw fresh parameter values (in place) from ``rng``."""

    def forward(self, a_prev: np.ndarray, training: bool) -> np.ndarray:
        raise NotImplementedError

    def backward(self, da: np.ndarray, need_input_grad: bool) -> np.ndarray | None:
        raise NotImplementedError

    def spec(self) -> dict:
        return {"type": self.kind}

    def _buffer(self, tag: str, shape: tuple[int, ...], dtype=None) -> np.ndarray:
        key = (tag, shape)
        buf = self._buffers.get(key)
        if buf is None:
            buf = np.empty(shape, dtype=dtype or self.dtype)
            self._buffers[key] = buf
        return buf

    def _ones(self, m: int) -> np.ndarray:
        """A column of m ones: X·1 sums the columns of X."""
        key = ("ones", (m, 1))
        ones = self._buffers.get(key)
        if ones is None:
            ones = self._buffers[key] = np.ones((m, 1), dtype=self.dtype)
        return ones


class Dense(Layer):
    """Z[l] = W[l] A[l-1] + b[l], with W[l]: (n[l], n[l-1]) and b[l]: (n[l], 1).

    Backward, given dZ[l] (already carrying the 1/m of the cost):
    dW[l] = dZ[l] A[l-1]ᵀ, db[l] = Σ_i dZ[l] = dZ[l]·1 (a matrix-vector product: the BLAS
    does it several times faster than a row sum), dA[l-1] = W[l]ᵀ dZ[l].
    Without a bias when batch norm follows: its β takes b's place.
    """

    kind = "dense"

    def __init__(self, index, input_dim, dtype, *, units, number, init="he", use_bias=True,
                 scale=0.01, c=2.0, gain=1.0):
        super().__init__(index, input_dim, dtype)
        self.units = units
        self.number = number
        self.init = init
        self.init_options = {"scale": scale, "c": c, "gain": gain}
        self.use_bias = use_bias
        self.w_name = f"W{number}"
        self.b_name = f"b{number}"
        self._a_prev: np.ndarray | None = None

    @property
    def output_dim(self) -> int:
        return self.units

    def param_shapes(self):
        shapes = [(self.w_name, (self.units, self.input_dim))]
        if self.use_bias:
            shapes.append((self.b_name, (self.units, 1)))
        return shapes

    def bind(self, params, grads):
        self.W, self.dW = params[self.w_name], grads[self.w_name]
        if self.use_bias:
            self.b, self.db = params[self.b_name], grads[self.b_name]

    def initialize(self, rng):
        w = initializers.initialize(self.init, self.W.shape, rng, **self.init_options)
        self.W[...] = w
        if self.use_bias:
            self.b[...] = 0

    def forward(self, a_prev, training):
        z = self._buffer("train" if training else "eval", (self.units, a_prev.shape[1]))
        np.matmul(self.W, a_prev, out=z)
        if self.use_bias:
            z += self.b
        if training:
            self._a_prev = a_prev
        return z

    def backward(self, dz, need_input_grad):
        np.matmul(dz, self._a_prev.T, out=self.dW)
        if self.use_bias:
            np.matmul(dz, self._ones(dz.shape[1]), out=self.db)
        if not need_input_grad:
            return None
        da_prev = self._buffer("grad", (self.input_dim, dz.shape[1]))
        return np.matmul(self.W.T, dz, out=da_prev)

    def spec(self):
        out = {"type": "dense", "units": self.units, "init": self.init}
        if self.init == "random":
            out["scale"] = self.init_options["scale"]
        elif self.init == "custom":
            out["c"] = self.init_options["c"]
        elif self.init == "identity":
            out["gain"] = self.init_options["gain"]
        return out


class Activation(Layer):
    """A[l] = g(Z[l]) elementwise (softmax: per column). Backward: dZ = dA ⊙ g'(Z)."""

    def __init__(self, index, input_dim, dtype, *, kind, slope=0.01):
        super().__init__(index, input_dim, dtype)
        self.kind = kind
        self.slope = slope
        self._z: np.ndarray | None = None
        self._a: np.ndarray | None = None
        self.last_input: np.ndarray | None = None

    def forward(self, z, training):
        a = self._buffer("train" if training else "eval", z.shape)
        activations.forward(self.kind, z, a, self.slope)
        self.last_input = z
        if training:
            self._z, self._a = z, a
        return a

    def backward(self, da, need_input_grad):
        # relu's g' = 1[z > 0] fits in booleans: a quarter of the bytes to write and read
        dtype = np.bool_ if self.kind == "relu" else self.dtype
        scratch = self._buffer("scratch", da.shape, dtype)
        return activations.backward(self.kind, self._z, self._a, da, scratch, self.slope)

    def spec(self):
        if self.kind == "leaky_relu":
            return {"type": "leaky_relu", "slope": self.slope}
        return {"type": self.kind}
