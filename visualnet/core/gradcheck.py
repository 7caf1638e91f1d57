"""Gradient checking with two-sided differences.

For each parameter θ_i:  dθ_approx[i] = (J(θ + ε·e_i) − J(θ − ε·e_i)) / (2ε),
and the check reports  ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂)  overall and per parameter.
The course's bands: < 1e-7 great; < 1e-5 look closer; up to 1e-3 suspect; > 1e-3 a bug.

Two-sided differences cannot resolve a derivative smaller than their rounding noise, about
u·|J|/ε per component (u the float64 unit roundoff). A parameter whose backprop and difference
gradients are both below that (e.g. the bias of a dense layer that batch norm follows through a
linear activation: its true gradient is 0) would otherwise get noise/noise ≈ 1 and be called a
bug; its difference is reported as 0.

ReLU, leaky ReLU and the L1 penalty have kinks: at z = 0 (or w = 0) the derivative jumps, and
a difference that straddles the kink measures the average of two slopes — no backprop can match
it, correct or not. It happens for real: with zero biases, a unit whose inputs are all off has
z = 0 exactly. Such a component shows as one-sided slopes that disagree,
(J(θ + ε) − J(θ))/ε ≠ (J(θ) − J(θ − ε))/ε, far beyond rounding; it is left out of the
comparison and counted in ``kinks``.

The check runs on a float64 copy of the network with dropout switched off (its random masks
would make J a different function at every evaluation), so the original network, its running
batch-norm statistics and its random streams are untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from visualnet.core.network import Network

BANDS = (
    (1e-7, "great", "the gradient is correct"),
    (1e-5, "look closer", "probably fine, but check the components with the largest differences"),
    (1e-3, "suspect", "worry: look for a bug in backpropagation"),
    (np.inf, "bug", "there is almost certainly a bug in backpropagation"),
)
_ROUNDING = 100 * np.finfo(np.float64).eps
"""Rounding error of J relative to |J| (a generous bound: J sums many rounded terms)."""
KINK_JUMP = 1e-3
"""One-sided slopes differing by more than this fraction of their size (and more than their
rounding noise and a curvature allowance) mean the difference straddled a kink."""


@dataclass
class GradCheckResult:
    """``difference`` overall; ``per_parameter`` by name; ``checked`` = components compared;
    ``kinks`` = components left out because their difference straddled a kink."""

    difference: float
    per_parameter: dict[str, float] = field(default_factory=dict)
    checked: int = 0
    total: int = 0
    kinks: int = 0

    @property
    def verdict(self) -> str:
        return verdict(self.difference)

    @property
    def advice(self) -> str:
        return next(text for limit, _, text in BANDS if self.difference < limit)


def verdict(difference: float) -> str:
    """The course's band for a relative difference."""
    if not np.isfinite(difference):
        return "bug"
    return next(name for limit, name, _ in BANDS if difference < limit)


def gradient_check(
    net: Network,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    l2: float = 0.0,
    l1: float = 0.0,
    eps: float = 1e-7,
    max_components: int | None = None,
    seed: int = 0,
) -> GradCheckResult:
    """Compare backprop's gradient with two-sided differences (see the module docstring).

    With ``max_components`` set and smaller than the parameter count, a seeded random sample
    of that many components is checked (every parameter keeps at least one component).
    """
    twin = net.copy(dtype="float64")
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    running = {name: value.copy() for name, value in twin.buffers().items()}

    def cost() -> float:
        value = twin.cost(twin.forward(X, training=True), Y, l2=l2, l1=l1)
        for name, buf in twin.buffers().items():  # J must not drift with running statistics
            buf[...] = running[name]
        return value

    with twin.dropout_disabled():
        base = cost()
        noise = _ROUNDING * max(abs(base), 1.0) / eps
        analytic = twin.backward(Y, l2=l2, l1=l1).flat.copy()
        indices = _components(twin, max_components, seed)
        theta = twin.params.flat
        approx = np.empty(len(indices))
        smooth = np.ones(len(indices), dtype=bool)
        for k, i in enumerate(indices):
            original = theta[i]
            theta[i] = original + eps
            plus = cost()
            theta[i] = original - eps
            minus = cost()
            theta[i] = original
            approx[k] = (plus - minus) / (2 * eps)
            smooth[k] = not _straddles_kink(plus, base, minus, eps, noise)
    indices, approx = indices[smooth], approx[smooth]
    exact = analytic[indices]
    per = {}
    for name in twin.params:
        where = twin.params.slice_of(name)
        chosen = (indices >= where.start) & (indices < where.stop)
        if chosen.any():
            per[name] = _relative(exact[chosen], approx[chosen], noise)
    return GradCheckResult(_relative(exact, approx, noise), per, len(indices), theta.size,
                           int((~smooth).sum()))


def _straddles_kink(plus: float, base: float, minus: float, eps: float, noise: float) -> bool:
    """Whether the one-sided slopes disagree by more than rounding and smooth curvature allow."""
    right, left = (plus - base) / eps, (base - minus) / eps
    jump = abs(right - left)
    return jump > KINK_JUMP * max(abs(right), abs(left)) + 4 * noise + 1e-5


def _relative(exact: np.ndarray, approx: np.ndarray, noise: float) -> float:
    """‖g − g̃‖ / (‖g‖ + ‖g̃‖); 0 when both are within the differences' noise of 0."""
    floor = noise * np.sqrt(exact.size)
    norm_exact, norm_approx = np.linalg.norm(exact), np.linalg.norm(approx)
    if max(norm_exact, norm_approx) <= floor:
        return 0.0
    return float(np.linalg.norm(exact - approx) / (norm_exact + norm_approx))


def _components(net: Network, limit: int | None, seed: int) -> np.ndarray:
    size = net.params.flat.size
    if limit is None or limit >= size:
        return np.arange(size)
    rng = np.random.default_rng(seed)
    picks = np.array([rng.integers(net.params.slice_of(n).start, net.params.slice_of(n).stop)
                      for n in net.params])
    others = np.setdiff1d(np.arange(size), picks)
    rest = rng.choice(others, size=max(limit - len(picks), 0), replace=False)
    return np.sort(np.concatenate([picks, rest]))
