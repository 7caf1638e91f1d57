"""Batch normalization of Z[l] over the examples of a mini-batch.

Training, per unit over the m columns of the mini-batch:
    μ = (1/m)·Σ z,   σ² = (1/m)·Σ (z − μ)²   (biased),
    z_norm = (z − μ) / √(σ² + ε),   z̃ = γ·z_norm + β,
and running averages (an exponentially weighted average over mini-batches, momentum β_bn):
    μ_run = β_bn·μ_run + (1 − β_bn)·μ,   σ²_run = β_bn·σ²_run + (1 − β_bn)·σ²·m/(m − 1)
(the unbiased variance feeds σ²_run, as PyTorch does). Evaluation uses μ_run and σ²_run.

Backward (with S = Σ over the m columns):
    dγ = S(dz̃ ⊙ z_norm),  dβ = S(dz̃),  dz = γ/√(σ² + ε) · (dz̃ − dβ/m − z_norm ⊙ dγ/m).
Sums over the columns are products with a column of ones (X·1), which the BLAS does several
times faster than a row sum.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.layers import Layer


class BatchNorm(Layer):
    """Learnable γ[l], β[l]: (n[l], 1); running μ, σ² in ``running_mean``, ``running_var``."""

    kind = "batchnorm"

    def __init__(self, index, input_dim, dtype, *, number, momentum=0.9, eps=1e-5):
        super().__init__(index, input_dim, dtype)
        self.number = number
        self.momentum = momentum
        self.eps = eps
        self.gamma_name = f"gamma{number}"
        self.beta_name = f"beta{number}"
        self.running_mean = np.zeros((input_dim, 1), dtype=dtype)
        self.running_var = np.ones((input_dim, 1), dtype=dtype)
        self.num_batches_tracked = 0
        self.batch_mean: np.ndarray | None = None
        self.batch_var: np.ndarray | None = None

    def param_shapes(self):
        n = self.input_dim
        return [(self.gamma_name, (n, 1)), (self.beta_name, (n, 1))]

    def bind(self, params, grads):
        self.gamma, self.dgamma = params[self.gamma_name], grads[self.gamma_name]
        self.beta, self.dbeta = params[self.beta_name], grads[self.beta_name]

    def initialize(self, rng):
        self.gamma[...] = 1
        self.beta[...] = 0
        self.running_mean[...] = 0
        self.running_var[...] = 1
        self.num_batches_tracked = 0

    def forward(self, z, training):
        n, m = z.shape
        out = self._buffer("train" if training else "eval", (n, m))
        if not training:
            inv_std = 1.0 / np.sqrt(self.running_var + self.eps)
            np.subtract(z, self.running_mean, out=out)
            out *= inv_std * self.gamma
            out += self.beta
            return out
        ones = self._ones(m)
        mean = np.matmul(z, ones) / m
        z_norm = self._buffer("z_norm", (n, m))
        np.subtract(z, mean, out=z_norm)
        np.multiply(z_norm, z_norm, out=out)
        var = np.matmul(out, ones) / m
        self._inv_std = 1.0 / np.sqrt(var + self.eps)
        z_norm *= self._inv_std
        self._z_norm = z_norm
        np.multiply(z_norm, self.gamma, out=out)
        out += self.beta
        self._update_running(mean, var, m)
        return out

    def backward(self, dout, need_input_grad):
        z_norm = self._z_norm
        m = dout.shape[1]
        scratch, ones = self._buffer("scratch", dout.shape), self._ones(m)
        np.multiply(dout, z_norm, out=scratch)
        np.matmul(scratch, ones, out=self.dgamma)
        np.matmul(dout, ones, out=self.dbeta)
        np.multiply(z_norm, self.dgamma / m, out=scratch)
        dout -= self.dbeta / m
        dout -= scratch
        dout *= self.gamma * self._inv_std
        return dout

    def spec(self):
        return {"type": "batchnorm", "momentum": self.momentum, "eps": self.eps}

    def _update_running(self, mean, var, m):
        self.batch_mean, self.batch_var = mean, var
        beta = self.momentum
        self.running_mean *= beta
        self.running_mean += (1.0 - beta) * mean
        if m > 1:
            self.running_var *= beta
            self.running_var += (1.0 - beta) * var * (m / (m - 1))
        self.num_batches_tracked += 1
