""".npz files: rows-as-examples transposed to columns, images, and every bad input's error."""

import numpy as np
import pytest

from visualnet.core.data import DataError
from visualnet.core.data.npz_file import load_npz


def save(tmp_path, name="data.npz", **arrays):
    path = tmp_path / name
    np.savez(path, **arrays)
    return path


def rows(m=12, n=3):
    return np.arange(m * n, dtype=float).reshape(m, n)


def test_rows_are_examples_and_become_columns(tmp_path):
    X = rows()
    data = load_npz(save(tmp_path, X=X, y=np.arange(12) % 2))
    assert data.X.shape == (3, 12)
    np.testing.assert_array_equal(data.X[:, 4], X[4])
    assert data.task == "binary" and data.class_names == ["0", "1"]
    assert data.input_names == ["x₁", "x₂", "x₃"] and data.image_shape is None


def test_labels_as_text_column_vector_or_regression(tmp_path):
    text = load_npz(save(tmp_path, X=rows(), y=np.array(["cat", "dog", "eel"] * 4)))
    assert text.class_names == ["cat", "dog", "eel"] and text.task == "multiclass"
    column = load_npz(save(tmp_path, X=rows(), y=(np.arange(12) % 3)[:, None]))
    np.testing.assert_array_equal(column.labels, np.arange(12) % 3)
    values = np.linspace(0, 1, 12)
    regression = load_npz(save(tmp_path, X=rows(), y=values))
    assert regression.task == "regression"
    np.testing.assert_array_equal(regression.targets, values[None, :])


def test_images_m_h_w_are_flattened_row_by_row(tmp_path):
    images = np.random.default_rng(0).random((15, 4, 5))
    data = load_npz(save(tmp_path, X=images, y=np.arange(15) % 3))
    assert data.X.shape == (20, 15) and data.image_shape == (4, 5)
    np.testing.assert_array_equal(data.X[:, 2].reshape(4, 5), images[2])


def bad(tmp_path, match, name="data.npz", **arrays):
    with pytest.raises(DataError, match=match) as info:
        load_npz(save(tmp_path, name, **arrays))
    assert str(info.value).startswith(f"{name}: ")
    return str(info.value)


def test_wrong_shapes(tmp_path):
    y = np.arange(12) % 2
    bad(tmp_path, r"X must be \(m, n\).*got shape \(12,\)", X=np.arange(12.0), y=y)
    bad(tmp_path, r"got shape \(12, 2, 2, 2\)", X=np.zeros((12, 2, 2, 2)), y=y)
    bad(tmp_path, r"y must hold one label per example.*\(12, 2\)", X=rows(), y=np.zeros((12, 2)))
    message = bad(tmp_path, "X has 12 rows but y has 11 labels", X=rows(), y=y[:11])
    assert "one example per row" in message


def test_transposed_x_gets_a_hint(tmp_path):
    message = bad(tmp_path, "X looks transposed", X=rows().T, y=np.arange(12) % 2)
    assert "(12, 3)" in message


def test_nan_and_inf_are_located(tmp_path):
    X = rows()
    X[4, 1] = np.nan
    bad(tmp_path, r"X\[4, 1\] is nan", name="train.npz", X=X, y=np.arange(12) % 2)
    y = np.linspace(0, 1, 12)
    y[7] = np.inf
    bad(tmp_path, r"y\[7\] is inf", X=rows(), y=y)


def test_non_numeric_arrays(tmp_path):
    bad(tmp_path, "X must hold numbers, got dtype <U1", X=np.full((12, 2), "a"),
        y=np.arange(12) % 2)
    bad(tmp_path, "y must hold numbers or text", X=rows(),
        y=np.arange(12).astype("complex128"))


def test_fewer_than_ten_examples(tmp_path):
    bad(tmp_path, "only 9 examples; at least 10", X=rows(9), y=np.arange(9) % 2)


def test_missing_arrays_are_named(tmp_path):
    message = bad(tmp_path, "missing y", X=rows(), labels=np.arange(12))
    assert "arrays found: X, labels" in message


def test_missing_corrupt_truncated_npy_and_pickled_files(tmp_path):
    with pytest.raises(DataError, match=r"^gone\.npz: file not found"):
        load_npz(tmp_path / "gone.npz")
    text = tmp_path / "notes.npz"
    text.write_text("hello, world\n")
    with pytest.raises(DataError, match=r"^notes\.npz: not a valid \.npz file"):
        load_npz(text)
    good = save(tmp_path, X=rows(), y=np.arange(12) % 2).read_bytes()
    truncated = tmp_path / "cut.npz"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(DataError, match=r"^cut\.npz: not a valid \.npz file"):
        load_npz(truncated)
    single = tmp_path / "single.npz"
    with open(single, "wb") as f:
        np.save(f, rows())
    with pytest.raises(DataError, match=r"^single\.npz: holds a single \.npy array"):
        load_npz(single)
    objects = save(tmp_path, "objects.npz", X=np.array([{}, 1], dtype=object), y=np.arange(2))
    with pytest.raises(DataError, match=r"^objects\.npz: not a valid \.npz file"):
        load_npz(objects)
