"""prepare(config): from a data setting to train/dev/test splits ready for the network.

    1. load or generate the raw examples (``sources.load``);
    2. split them train/dev/test by ``config.split`` (stratified by class, seeded);
    3. append the clicked ``extra_points`` to the training split (not before splitting, so
       adding a point never reshuffles the other examples between the splits);
    4. fit the Preprocessor on the training split only: feature transforms (2-D points only),
       then μ and σ² if ``config.normalize``; apply it unchanged to train, dev and test;
    5. targets: binary → Y (1, m) of 0/1; multiclass → one-hot Y (C, m); regression → (n_y, m).
The same config always gives the same data.
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.config import DataConfig
from visualnet.core.data.errors import DataError
from visualnet.core.data.prepared import PreparedData, Split
from visualnet.core.data.preprocess import FEATURES, Preprocessor
from visualnet.core.data.raw import RawData
from visualnet.core.data.sources import load
from visualnet.core.data.split import split_indices


def prepare(config: DataConfig) -> PreparedData:
    """The train/dev/test splits of ``config``'s data and the preprocessing fitted on train."""
    raw = load(config)
    features = config.features.enabled()
    if features and not raw.is_planar:
        raise DataError(f"{raw.name}: feature transforms (x₁², x₂², x₁·x₂, sin x₁, sin x₂) "
                        f"need 2-D points; this data has {raw.X.shape[0]} inputs per example")
    ratios = (config.split.train, config.split.dev, config.split.test)
    rng = np.random.default_rng([config.seed, 1])  # a stream apart from the generators' own
    train, dev, test = (_subset(raw, idx)
                        for idx in split_indices(raw.m, ratios, rng, raw.labels, raw.name))
    if config.extra_points:
        train = _with_points(train, config.extra_points)
    preprocessor = Preprocessor.fit(train.X, features, config.normalize)
    return PreparedData(
        *(_split(part, preprocessor) for part in (train, dev, test)),
        preprocessor=preprocessor,
        task=raw.task,
        class_names=list(raw.class_names),
        feature_names=raw.input_names + [FEATURES[f][0] for f in FEATURES if f in features],
        image_shape=raw.image_shape,
        source=config.source,
    )


def _subset(raw: RawData, idx: np.ndarray) -> RawData:
    return RawData(
        raw.name,
        raw.X[:, idx],
        None if raw.labels is None else raw.labels[idx],
        None if raw.targets is None else raw.targets[:, idx],
        raw.class_names,
        raw.input_names,
        raw.image_shape,
    )


def _with_points(train: RawData, points: list[tuple[float, float, int]]) -> RawData:
    """Training examples plus the points (x₁, x₂, class) added by clicking on the plot."""
    if not train.is_planar or train.labels is None:
        raise DataError(f"{train.name}: extra points (x₁, x₂, class) can only be added to 2-D "
                        "points with classes")
    classes = len(train.class_names)
    for i, (x1, x2, c) in enumerate(points, start=1):
        if not 0 <= c < classes:
            raise DataError(f"{train.name}: extra point {i} ({x1:g}, {x2:g}) has class {c}; "
                            f"the classes are 0 to {classes - 1}")
    P = np.asarray(points, dtype=np.float64).T
    return RawData(
        train.name,
        np.concatenate([train.X, P[:2]], axis=1),
        np.concatenate([train.labels, P[2].astype(np.int64)]),
        class_names=train.class_names,
        input_names=train.input_names,
    )


def _split(part: RawData, preprocessor: Preprocessor) -> Split:
    if part.task == "regression":
        Y = part.targets
    elif part.task == "binary":
        Y = part.labels[None, :].astype(np.float64)
    else:
        Y = np.eye(len(part.class_names))[:, part.labels]
    return Split(preprocessor.apply(part.X), Y, part.X, part.labels)
