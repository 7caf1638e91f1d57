"""Inverted dropout.

Training: d = (rand < keep_prob); a = a ⊙ d / keep_prob, so E[a] is unchanged and nothing needs
rescaling at evaluation, where the layer is the identity. Backward: dA = dA ⊙ d / keep_prob.
d / keep_prob is formed once per step (in the buffer that held rand), so forward and backward
are one multiplication each.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.layers import Layer


class Dropout(Layer):
    """Inverted dropout with per-layer ``keep_prob`` in (0, 1]; may be changed between steps."""

    kind = "dropout"

    def __init__(self, index, input_dim, dtype, *, keep_prob, rng: np.random.Generator):
        super().__init__(index, input_dim, dtype)
        self.keep_prob = keep_prob
        self.rng = rng
        self.enabled = True
        self.mask: np.ndarray | None = None
        """The last training mask d: (n, m) booleans, True = kept; overwritten each step and
        None while nothing is dropped (keep_prob = 1 or dropout switched off)."""
        self._active = False

    def forward(self, a, training):
        if not training:  # leaves the last training mask for backward and for the app
            return a
        self._active = self.enabled and self.keep_prob < 1.0
        if not self._active:
            self.mask = None
            return a
        shape = a.shape
        rand = self._buffer("rand", shape)
        self.rng.random(out=rand, dtype=rand.dtype.type)
        self.mask = np.less(rand, self.keep_prob, out=self._buffer("mask", shape, dtype=np.bool_))
        self._scale = np.multiply(self.mask, rand.dtype.type(1.0 / self.keep_prob), out=rand)
        return np.multiply(a, self._scale, out=self._buffer("train", shape))

    def backward(self, da, need_input_grad):
        if self._active:
            da *= self._scale
        return da

    def spec(self):
        return {"type": "dropout", "keep_prob": self.keep_prob}
