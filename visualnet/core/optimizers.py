"""Optimizers, in course notation, updating parameters in place.

    GD         W −= α·dW
    Momentum   v = β·v + (1 − β)·dW;  W −= α·v   (or α·v/(1 − βᵗ) with bias correction)
    Nesterov   v = β·v + (1 − β)·dW;  W −= α·(β·v + (1 − β)·dW)   (look-ahead form)
    RMSprop    s = β·s + (1 − β)·dW²;  W −= α·dW/(√s + ε)
    Adam       v = β₁·v + (1 − β₁)·dW;  s = β₂·s + (1 − β₂)·dW²;
               v̂ = v/(1 − β₁ᵗ);  ŝ = s/(1 − β₂ᵗ);  W −= α·v̂/(√ŝ + ε)
    AdaGrad    s = s + dW²;  W −= α·dW/(√s + ε)

``step(params, grads)`` takes two mappings name → array. When both are ParamStores with the same
layout (as a Network's are) the update runs on the whole flat buffers at once (chunk by chunk
so that each chunk stays in cache, see ``params.in_chunks``); otherwise array by array. State lives
in the optimizer, keyed by parameter name (``opt.state["W1"]["v"]``), and the hyperparameters
are plain attributes read at every step, so changing α or β between steps takes effect at the
next step. ``hyperparameters`` is a JSON-ready dict.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from visualnet.core.params import ParamStore, in_chunks

FLUSH_EVERY = 100
"""Every this many steps, state values below the smallest normal number of their dtype (|x| <
1.2e-38 in float32) are set to 0. A unit whose gradient is exactly 0 (a dead ReLU) has its
V_dW decay as β·v until β·v rounds back to v, a few multiples of 1e-45, where it stays; x86
takes a slow path for every operation on such subnormal numbers: after 800 epochs on the
spiral net 42% of Adam's v were subnormal, and a step took 261 µs instead of 40. Setting them
to 0 changes no update (α·v < 1e-40) and costs one pass over the state every FLUSH_EVERY
steps."""


def bias_correction(beta: float, t):
    """1/(1 − βᵗ), which bias-corrects an EWMA of β after t steps: for an int t (1 before the
    first step, t = 0) or an array of steps t ≥ 1."""
    if np.ndim(t) == 0:
        return 1 / (1 - beta**t) if t > 0 else 1.0
    return 1 / (1 - beta ** np.asarray(t, dtype=np.float64))


class Optimizer:
    """Base class: subclasses name their state slots and implement ``_update``."""

    name = "optimizer"
    label = "Optimizer"
    slots: tuple[str, ...] = ()

    def __init__(self, lr: float = 0.01):
        self.lr = lr
        self.t = 0
        self._stores: dict[str, ParamStore] = {}
        self.flat_states: dict[str, np.ndarray] = {}
        """{slot: that state of every parameter as one flat array, in ``ParamStore.flat``
        order}: the optimizer's own buffers, not copies; empty until the first step. A new dict
        whenever the state is made anew."""
        self._layout = None

    @property
    def hyperparameters(self) -> dict:
        """The settings that define this optimizer, JSON-ready."""
        return {"lr": self.lr}

    @property
    def state(self) -> dict[str, dict[str, np.ndarray]]:
        """{parameter name: {slot: array}}, e.g. state['W1']['v'] is V_dW[1]."""
        if not self._stores:
            return {}
        names = next(iter(self._stores.values())).keys()
        return {n: {slot: store[n] for slot, store in self._stores.items()} for n in names}

    def step(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """One update of every parameter from its gradient (t increases by one first)."""
        self._ensure_state(params)
        self.t += 1
        if isinstance(params, ParamStore) and params.same_layout(grads):
            in_chunks(self._update, params.flat, grads.flat, self._scratch,
                      *self.flat_states.values())
        else:
            for name, p in params.items():
                tmp = self._scratch[: p.size].reshape(p.shape)
                state = (store[name] for store in self._stores.values())
                self._update(p, np.asarray(grads[name]), tmp, *state)
        if self.t % FLUSH_EVERY == 0:
            self._flush_subnormals()

    def reset(self) -> None:
        """Forget all state (velocities, squares, t), as if newly created."""
        self.t = 0
        self._stores = {}
        self.flat_states = {}
        self._layout = None

    def corrected(self, slot: str, value: np.ndarray) -> np.ndarray:
        """The bias-corrected value of a state slot at the current t (identity if none)."""
        return value * self.correction(slot)

    def correction(self, slot: str, t=None):
        """The factor 1/(1 − βᵗ) that bias-corrects state ``slot`` after step t (an int or an
        array of steps; the current t if None): 1 (or ones) if the slot needs none."""
        return 1.0 if np.ndim(t) == 0 else np.ones(np.shape(t))

    def _ensure_state(self, params: Mapping[str, np.ndarray]) -> None:
        if isinstance(params, ParamStore):
            layout = (params.layout, params.dtype.str)
        else:
            layout = tuple((n, np.shape(p), np.asarray(p).dtype.str) for n, p in params.items())
        if layout == self._layout:
            return
        if self._layout is not None:
            raise ValueError("the parameters changed shape; call reset() before stepping again")
        self._layout = layout
        dtype = np.result_type(*[np.asarray(p).dtype for p in params.values()])
        shapes = [(n, np.shape(p)) for n, p in params.items()]
        self._stores = {slot: ParamStore(shapes, dtype) for slot in self.slots}
        self.flat_states = {slot: store.flat for slot, store in self._stores.items()}
        self._scratch = ParamStore(shapes, dtype).flat

    def _flush_subnormals(self) -> None:
        """Set the state's values below the normal range to 0 (FLUSH_EVERY)."""
        for flat in self.flat_states.values():
            magnitude = np.abs(flat, out=self._scratch)
            np.copyto(flat, 0, where=magnitude < np.finfo(flat.dtype).tiny)

    def _update(self, p: np.ndarray, g: np.ndarray, tmp: np.ndarray, *state: np.ndarray) -> None:
        """Update ``p`` in place from ``g`` and the state arrays (in ``slots`` order).

        ``tmp`` is scratch of p's size.
        """
        raise NotImplementedError


class GD(Optimizer):
    """W −= α·dW."""

    name, label = "gd", "Gradient descent"

    def _update(self, p, g, tmp):
        np.multiply(g, float(self.lr), out=tmp)
        p -= tmp


class Momentum(Optimizer):
    """v = β·v + (1 − β)·dW;  W −= α·v, or α·v/(1 − βᵗ) when ``bias_correction``."""

    name, label = "momentum", "Momentum"
    slots = ("v",)

    def __init__(self, lr: float = 0.01, beta: float = 0.9, bias_correction: bool = False):
        super().__init__(lr)
        self.beta = beta
        self.bias_correction = bias_correction

    @property
    def hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta, "bias_correction": self.bias_correction}

    def correction(self, slot, t=None):
        if slot == "v":
            return bias_correction(self.beta, self.t if t is None else t)
        return super().correction(slot, t)

    def _update(self, p, g, tmp, v):
        _ewma_step(v, g, self.beta, tmp)
        scale = self.lr / (1 - self.beta**self.t) if self.bias_correction else self.lr
        np.multiply(v, float(scale), out=tmp)
        p -= tmp


class Nesterov(Momentum):
    """v = β·v + (1 − β)·dW;  W −= α·(β·v + (1 − β)·dW): the step looks ahead along v."""

    name, label = "nesterov", "Nesterov momentum"

    def __init__(self, lr: float = 0.01, beta: float = 0.9):
        super().__init__(lr, beta, bias_correction=False)

    @property
    def hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta}

    def _update(self, p, g, tmp, v):
        _ewma_step(v, g, self.beta, tmp)
        np.multiply(g, float(self.lr * (1 - self.beta)), out=tmp)
        p -= tmp
        np.multiply(v, float(self.lr * self.beta), out=tmp)
        p -= tmp


class RMSprop(Optimizer):
    """s = β·s + (1 − β)·dW²;  W −= α·dW/(√s + ε)."""

    name, label = "rmsprop", "RMSprop"
    slots = ("s",)

    def __init__(self, lr: float = 0.001, beta: float = 0.9, eps: float = 1e-8):
        super().__init__(lr)
        self.beta = beta
        self.eps = eps

    @property
    def hyperparameters(self):
        return {"lr": self.lr, "beta": self.beta, "eps": self.eps}

    def _update(self, p, g, tmp, sq):
        np.multiply(g, g, out=tmp)
        _ewma_step(sq, tmp, self.beta, tmp)
        _step_over_root(p, g, sq, float(self.eps), float(self.lr), tmp)


class Adam(Optimizer):
    """v = β₁v + (1 − β₁)dW;  s = β₂s + (1 − β₂)dW²;  W −= α·v̂/(√ŝ + ε).

    v̂ = v/(1 − β₁ᵗ) and ŝ = s/(1 − β₂ᵗ) correct the bias of the zero start.
    """

    name, label = "adam", "Adam"
    slots = ("v", "s")

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8):
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

    @property
    def hyperparameters(self):
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}

    def correction(self, slot, t=None):
        return bias_correction(self.beta1 if slot == "v" else self.beta2,
                               self.t if t is None else t)

    def _update(self, p, g, tmp, v, sq):
        _ewma_step(v, g, self.beta1, tmp)
        np.multiply(g, g, out=tmp)
        _ewma_step(sq, tmp, self.beta2, tmp)
        # α·v̂/(√ŝ + ε) = (α·r/(1 − β₁ᵗ))·v/(√s + ε·r) with r = √(1 − β₂ᵗ): one pass fewer.
        r = math.sqrt(1 - self.beta2**self.t)
        lr = self.lr * r / (1 - self.beta1**self.t)
        _step_over_root(p, v, sq, float(self.eps * r), float(lr), tmp)


class AdaGrad(Optimizer):
    """s = s + dW²;  W −= α·dW/(√s + ε)."""

    name, label = "adagrad", "AdaGrad"
    slots = ("s",)

    def __init__(self, lr: float = 0.01, eps: float = 1e-8):
        super().__init__(lr)
        self.eps = eps

    @property
    def hyperparameters(self):
        return {"lr": self.lr, "eps": self.eps}

    def _update(self, p, g, tmp, sq):
        np.multiply(g, g, out=tmp)
        sq += tmp
        _step_over_root(p, g, sq, float(self.eps), float(self.lr), tmp)


REGISTRY: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (GD, Momentum, Nesterov, RMSprop, Adam, AdaGrad)
}


def create(name: str, **hyperparameters) -> Optimizer:
    """An optimizer by registry name: gd, momentum, nesterov, rmsprop, adam or adagrad."""
    try:
        cls = REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; allowed: {', '.join(REGISTRY)}"
        ) from None
    return cls(**hyperparameters)


def _ewma_step(avg: np.ndarray, x: np.ndarray, beta: float, tmp: np.ndarray) -> None:
    """avg = β·avg + (1 − β)·x, in place (``tmp`` may alias ``x``)."""
    avg *= float(beta)
    np.multiply(x, float(1.0 - beta), out=tmp)
    avg += tmp


def _step_over_root(p, numerator, sq, eps: float, lr: float, tmp) -> None:
    """p −= lr·numerator/(√sq + eps), in place, through ``tmp``."""
    np.sqrt(sq, out=tmp)
    tmp += eps
    np.divide(numerator, tmp, out=tmp)
    tmp *= lr
    p -= tmp
