"""The one rule that turns a label column into classes or regression targets."""

import numpy as np
import pytest

from visualnet.core.data import DataError
from visualnet.core.data.labels import MAX_CLASSES, interpret_labels


def test_text_and_booleans_are_classes_in_sorted_order():
    labels, targets, names = interpret_labels(np.array(["dog", "cat", "dog"]), "f: y")
    assert names == ["cat", "dog"] and labels.tolist() == [1, 0, 1] and targets is None
    labels, _, names = interpret_labels(np.array([True, False, True]), "f: y")
    assert names == ["False", "True"] and labels.tolist() == [1, 0, 1]


def test_up_to_max_classes_whole_numbers_are_classes_beyond_that_regression():
    labels, _, names = interpret_labels(np.arange(30.0) % MAX_CLASSES, "f: y")
    assert names == [str(c) for c in range(MAX_CLASSES)] and labels.max() == MAX_CLASSES - 1
    labels, targets, names = interpret_labels(np.arange(33) % (MAX_CLASSES + 1), "f: y")
    assert labels is None and names == [] and targets.shape == (1, 33)


def test_fractions_are_regression_targets_as_a_row():
    _, targets, _ = interpret_labels(np.array([0.5, 1.0, 2.0]), "f: y")
    np.testing.assert_array_equal(targets, [[0.5, 1.0, 2.0]])


def test_a_single_class_is_refused():
    with pytest.raises(DataError, match=r"^f\.csv: label column 'y' has only one value \(4\)"):
        interpret_labels(np.array([4, 4, 4]), "f.csv: label column 'y'")
