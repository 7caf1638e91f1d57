"""scikit-learn's bundled sets load without a download, as columns, with their class names."""

import numpy as np
import pytest

from visualnet.core.data.bundled import load_bundled

EXPECTED = {
    "digits": (64, 1797, 10, (8, 8)),
    "iris": (4, 150, 3, None),
    "breast_cancer": (30, 569, 2, None),
    "wine": (13, 178, 3, None),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_bundled_set_shapes_and_classes(name):
    n, m, classes, image_shape = EXPECTED[name]
    data = load_bundled(name)
    assert data.X.shape == (n, m) and data.X.dtype == np.float64
    assert data.labels.shape == (m,) and set(data.labels) == set(range(classes))
    assert len(data.class_names) == classes and len(data.input_names) == n
    assert data.image_shape == image_shape
    assert data.task == ("binary" if classes == 2 else "multiclass")


def test_class_and_feature_names_come_from_sklearn():
    assert load_bundled("iris").class_names == ["setosa", "versicolor", "virginica"]
    assert load_bundled("breast_cancer").class_names == ["malignant", "benign"]
    digits = load_bundled("digits")
    assert digits.class_names == [str(d) for d in range(10)]
    assert digits.input_names[:2] == ["pixel_0_0", "pixel_0_1"]


def test_digits_columns_are_flattened_images_row_by_row():
    from sklearn.datasets import load_digits

    images = load_digits().images
    digits = load_bundled("digits")
    np.testing.assert_array_equal(digits.X[:, 7].reshape(8, 8), images[7])
