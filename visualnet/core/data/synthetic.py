"""Built-in toy sets, generated from a seed: 2-D points for classification, and a 1-D sine.

Each 2-D set is drawn at unit scale, noise is added there (ε ~ N(0, 1) per coordinate), and
the points are then scaled into roughly [−4, 4] so a decision boundary plot frames them well.
Classes are as equal in size as n allows (the first n mod C classes get one extra point).
With noise = 0 the sets are exact curves or regions; a larger noise blurs the classes together.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.raw import RawData, class_names

SCALE = 3.0
"""Unit-scale points are multiplied by this (flower and sine keep their own sizes)."""


def flower(n: int = 400, noise: float = 0.2, seed: int = 0) -> RawData:
    """The course's planar "flower": two colours on the petals of the rose r = a·sin(4θ), a = 4.

    Class j (0 or 1) takes angles evenly spaced over θ ∈ [jπ, (j + 1)π], then
        θ ← θ + noise·ε,   r = a·sin(4θ) + noise·ε,   x = (r·sin θ, r·cos θ).
    r changes sign every quarter of π, so each class covers every other petal; a straight line
    cannot separate them (logistic regression stays near 50%).
    """
    rng = np.random.default_rng(seed)
    theta = np.concatenate([np.linspace(j * np.pi, (j + 1) * np.pi, size)
                            for j, size in enumerate(_class_sizes(n, 2))])
    theta = theta + noise * rng.standard_normal(n)
    r = 4.0 * np.sin(4 * theta) + noise * rng.standard_normal(n)
    X = np.stack([r * np.sin(theta), r * np.cos(theta)])
    return RawData("flower", X, _labels(n, 2), class_names=class_names(2))


def moons(n: int = 400, noise: float = 0.2, seed: int = 0) -> RawData:
    """Two interleaved half circles, t ~ U[0, π]:
        class 0: (cos t, sin t),   class 1: (1 − cos t, ½ − sin t),
    then x = 2·(p − (½, ¼) + noise·ε), centred on the origin.
    """
    rng = np.random.default_rng(seed)
    labels = _labels(n, 2)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)])
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)])
    P = np.where(labels == 0, upper, lower) - np.array([[0.5], [0.25]])
    X = 2.0 * (P + noise * rng.standard_normal((2, n)))
    return RawData("moons", X, labels, class_names=class_names(2))


def circles(n: int = 400, noise: float = 0.2, seed: int = 0) -> RawData:
    """Two rings: class 0 on radius 1, class 1 on radius ½, angle φ ~ U[0, 2π),
        x = 3·(r·(cos φ, sin φ) + ½·noise·ε)
    (half the noise of the other sets: the rings are only ½ apart).
    """
    rng = np.random.default_rng(seed)
    labels = _labels(n, 2)
    phi = rng.uniform(0, 2 * np.pi, n)
    r = np.where(labels == 0, 1.0, 0.5)
    P = r * np.stack([np.cos(phi), np.sin(phi)])
    X = SCALE * (P + 0.5 * noise * rng.standard_normal((2, n)))
    return RawData("circles", X, labels, class_names=class_names(2))


def spiral(n: int = 400, noise: float = 0.2, classes: int = 3, seed: int = 0) -> RawData:
    """K = ``classes`` interleaved spiral arms. Arm k takes radii r evenly spaced over [0, 1] and
        θ = 2πk/K + 4r + noise·ε   (radians),   x = 3·r·(cos θ, sin θ).
    Noise here turns the points around the centre, so arms blur into each other far out.
    """
    rng = np.random.default_rng(seed)
    labels = _labels(n, classes)
    r = np.concatenate([np.linspace(0, 1, size) for size in _class_sizes(n, classes)])
    theta = 2 * np.pi * labels / classes + 4 * r + noise * rng.standard_normal(n)
    X = SCALE * r * np.stack([np.cos(theta), np.sin(theta)])
    return RawData("spiral", X, labels, class_names=class_names(classes))


def xor(n: int = 400, noise: float = 0.2, seed: int = 0) -> RawData:
    """Exclusive or of the signs: class 1 where x₁ and x₂ have the same sign (quadrants I, III),
    class 0 where they differ (II, IV). Each point is |u| ~ U[0, 1]² with random signs fitting
    its class, then x = 3·(u + ½·noise·ε) (half the noise: the classes touch at the axes).
    """
    rng = np.random.default_rng(seed)
    labels = _labels(n, 2)
    sign1 = rng.choice([-1.0, 1.0], n)
    sign2 = np.where(labels == 1, sign1, -sign1)
    U = np.stack([sign1, sign2]) * rng.uniform(0, 1, (2, n))
    X = SCALE * (U + 0.5 * noise * rng.standard_normal((2, n)))
    return RawData("xor", X, labels, class_names=class_names(2))


def blobs(n: int = 400, noise: float = 0.2, classes: int = 3, seed: int = 0) -> RawData:
    """K = ``classes`` Gaussian blobs with centres evenly spaced on the unit circle,
        c_k = (cos 2πk/K, sin 2πk/K),   x = 3·(c_k + noise·ε),
    so noise is each blob's σ at unit scale (noise = 0 puts every point on its centre).
    """
    rng = np.random.default_rng(seed)
    labels = _labels(n, classes)
    angle = 2 * np.pi * labels / classes
    C = np.stack([np.cos(angle), np.sin(angle)])
    X = SCALE * (C + noise * rng.standard_normal((2, n)))
    return RawData("blobs", X, labels, class_names=class_names(classes))


def sine(n: int = 400, noise: float = 0.2, seed: int = 0) -> RawData:
    """Regression on one input: x ~ U[−π, π],  y = sin x + noise·ε.  X: (1, m), Y: (1, m)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, n)
    y = np.sin(x) + noise * rng.standard_normal(n)
    return RawData("sine", x[None, :], targets=y[None, :])


def _class_sizes(n: int, classes: int) -> list[int]:
    return [n // classes + (c < n % classes) for c in range(classes)]


def _labels(n: int, classes: int) -> np.ndarray:
    """Class indices in blocks: 0 … 0, 1 … 1, …, sized by ``_class_sizes``."""
    return np.repeat(np.arange(classes), _class_sizes(n, classes))
