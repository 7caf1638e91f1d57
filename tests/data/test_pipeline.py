"""prepare(): splits, targets, normalization fitted on train only, features, extra points."""

import numpy as np
import pytest

from visualnet.core.data import DataError, prepare
from visualnet.core.data.config import DataConfig
from visualnet.core.data.preprocess import Preprocessor

ALL_FEATURES = dict.fromkeys(["x1_squared", "x2_squared", "x1_x2", "sin_x1", "sin_x2"], True)


@pytest.mark.parametrize(
    ("source", "n_x", "n_y", "task", "m"),
    [
        ("moons", 2, 1, "binary", 400),
        ("spiral", 2, 3, "multiclass", 400),
        ("sine", 1, 1, "regression", 400),
        ("digits", 64, 10, "multiclass", 1797),
        ("breast_cancer", 30, 1, "binary", 569),
    ],
)
def test_shapes_task_and_targets(source, n_x, n_y, task, m):
    data = prepare(DataConfig(source=source))
    assert data.task == task and data.n_x == n_x and data.n_y == n_y
    assert data.train.m + data.dev.m + data.test.m == m
    assert len(data.feature_names) == n_x and data.source == source
    for split in (data.train, data.dev, data.test):
        assert split.X.shape == (n_x, split.m) and split.X.dtype == np.float64
        assert split.Y.shape == (n_y, split.m) and split.X_raw.shape[1] == split.m
        if task == "binary":
            np.testing.assert_array_equal(split.Y[0], split.labels)
        if task == "multiclass":
            np.testing.assert_array_equal(split.Y.argmax(axis=0), split.labels)
            np.testing.assert_array_equal(split.Y.sum(axis=0), 1.0)
        if task == "regression":
            assert split.labels is None


def test_same_config_same_data_and_the_seed_changes_it():
    a, b = prepare(DataConfig(source="flower")), prepare(DataConfig(source="flower"))
    c = prepare(DataConfig(source="flower", seed=1))
    np.testing.assert_array_equal(a.train.X, b.train.X)
    np.testing.assert_array_equal(a.test.labels, b.test.labels)
    assert not np.array_equal(a.train.X_raw, c.train.X_raw)


def test_preprocessor_normalizes_with_hand_computed_mean_and_variance():
    pre = Preprocessor.fit(np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]]), [])
    np.testing.assert_allclose(pre.mean, [[2.0], [4.0]])
    np.testing.assert_allclose(pre.var, [[2 / 3], [0.0]])
    # new data uses the training μ and σ unchanged; a constant row keeps σ = 1
    np.testing.assert_allclose(pre.apply(np.array([[5.0], [6.0]])),
                               [[3 / np.sqrt(2 / 3)], [2.0]])


def test_normalization_is_fitted_on_train_only_and_applied_unchanged_to_dev_and_test():
    data = prepare(DataConfig(source="iris", split={"train": 0.5, "dev": 0.25, "test": 0.25}))
    mu = data.train.X_raw.mean(axis=1, keepdims=True)
    sigma = data.train.X_raw.std(axis=1, keepdims=True)
    np.testing.assert_allclose(data.preprocessor.mean, mu)
    np.testing.assert_allclose(data.train.X.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(data.train.X.std(axis=1), 1)
    for split in (data.dev, data.test):
        np.testing.assert_allclose(split.X, (split.X_raw - mu) / sigma)
        assert np.abs(split.X.mean(axis=1)).max() > 1e-3  # dev/test were not re-centred
    everything = np.concatenate([data.train.X_raw, data.dev.X_raw, data.test.X_raw], axis=1)
    assert not np.allclose(data.preprocessor.mean[:, 0], everything.mean(axis=1))


def test_without_normalization_the_input_is_the_raw_data():
    data = prepare(DataConfig(source="wine", normalize=False))
    assert data.preprocessor.mean is None
    np.testing.assert_array_equal(data.dev.X, data.dev.X_raw)


def test_feature_transforms_values_and_names():
    data = prepare(DataConfig(source="moons", normalize=False, features=ALL_FEATURES))
    assert data.feature_names == ["x₁", "x₂", "x₁²", "x₂²", "x₁·x₂", "sin x₁", "sin x₂"]
    x1, x2 = data.test.X_raw
    expected = [x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]
    np.testing.assert_allclose(data.test.X, np.stack(expected))
    assert data.is_planar and data.n_x == 7


def test_feature_transforms_then_normalization_by_hand():
    pre = Preprocessor.fit(np.array([[1.0, 3.0], [0.0, 2.0]]), ["x1_x2"])
    # x₁·x₂ over train: [0, 6], μ = 3, σ = 3; for (2, 2): x₁·x₂ = 4 → (4 − 3)/3
    np.testing.assert_allclose(pre.apply(np.array([[2.0], [2.0]])), [[0.0], [1.0], [1 / 3]])


@pytest.mark.parametrize("source", ["iris", "digits", "sine"])
def test_feature_transforms_need_planar_points(source):
    with pytest.raises(DataError, match=rf"^{source}: feature transforms .* need 2-D points"):
        prepare(DataConfig(source=source, features={"x1_squared": True}))


def test_extra_points_are_appended_to_the_training_split_only():
    plain = prepare(DataConfig(source="circles"))
    points = [(0.5, -1.0, 1), (3.5, 0.0, 0)]
    data = prepare(DataConfig(source="circles", extra_points=points))
    assert data.train.m == plain.train.m + 2
    np.testing.assert_array_equal(data.train.X_raw[:, -2:], [[0.5, 3.5], [-1.0, 0.0]])
    np.testing.assert_array_equal(data.train.labels[-2:], [1, 0])
    np.testing.assert_array_equal(data.train.Y[0, -2:], [1.0, 0.0])
    np.testing.assert_array_equal(data.train.X_raw[:, :-2], plain.train.X_raw)
    np.testing.assert_array_equal(data.dev.X_raw, plain.dev.X_raw)
    np.testing.assert_array_equal(data.test.labels, plain.test.labels)


def test_extra_points_are_checked():
    with pytest.raises(DataError, match=r"^spiral: extra point 2 \(1, 1\) has class 3; the "
                                        r"classes are 0 to 2"):
        prepare(DataConfig(source="spiral", extra_points=[(0, 0, 0), (1, 1, 3)]))
    with pytest.raises(DataError, match=r"^iris: extra points"):
        prepare(DataConfig(source="iris", extra_points=[(0, 0, 0)]))
    with pytest.raises(DataError, match=r"^sine: extra points"):
        prepare(DataConfig(source="sine", extra_points=[(0, 0, 0)]))


def test_a_zero_ratio_gives_an_empty_split_with_the_right_rows():
    data = prepare(DataConfig(source="blobs", split={"train": 0.8, "dev": 0.2, "test": 0.0}))
    assert data.test.m == 0
    assert data.test.X.shape == (2, 0) and data.test.Y.shape == (3, 0)


def test_file_sources_go_through_the_same_pipeline(tmp_path):
    path = tmp_path / "points.csv"
    rows = [f"{np.cos(i)},{np.sin(i)},{'in' if i % 3 else 'out'}" for i in range(30)]
    path.write_text("a,b,where\n" + "\n".join(rows))
    data = prepare(DataConfig(source="csv", path=str(path), label_column="where",
                              features={"x1_squared": True}))
    assert data.class_names == ["in", "out"] and data.task == "binary"
    assert data.feature_names == ["a", "b", "x₁²"] and data.train.m == 18
    with pytest.raises(DataError, match=r"^nothing\.npz: file not found"):
        prepare(DataConfig(source="npz", path=str(tmp_path / "nothing.npz")))
