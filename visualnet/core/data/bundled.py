"""Real data sets shipped inside scikit-learn (read from its own files; nothing is downloaded).

    digits          1797 images of 8×8 pixels (values 0–16), 10 classes '0'…'9'
    iris             150 flowers, 4 measurements (cm), 3 species
    breast_cancer    569 tumours, 30 measurements, 2 classes (malignant, benign)
    wine             178 wines, 13 chemical measurements, 3 cultivars
"""

from __future__ import annotations

import numpy as np

from visualnet.core.data.raw import RawData

IMAGE_SHAPES = {"digits": (8, 8)}


def load_bundled(name: str) -> RawData:
    """One of the sets above, X: (n, m) with examples as columns, labels from sklearn's targets."""
    from sklearn import datasets  # imported here: sklearn is slow to import and rarely needed

    bunch = getattr(datasets, f"load_{name}")()
    return RawData(
        name,
        np.asarray(bunch.data, dtype=np.float64).T.copy(),
        labels=np.asarray(bunch.target, dtype=np.int64),
        class_names=[str(c) for c in bunch.target_names],
        input_names=[str(f) for f in bunch.feature_names],
        image_shape=IMAGE_SHAPES.get(name),
    )
