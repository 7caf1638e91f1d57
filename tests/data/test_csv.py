"""CSV files: the happy paths, and every bad input getting an error that names file and fault."""

import numpy as np
import pytest

from visualnet.core.data import DataError, csv_header
from visualnet.core.data.csv_file import load_csv


def write(tmp_path, text, name="data.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def table(rows=12, label=lambda i: ["a", "b", "c"][i % 3], header="x1,x2,label"):
    lines = [header] + [f"{i},{i * 0.5},{label(i)}" for i in range(rows)]
    return "\n".join(lines) + "\n"


def test_text_labels_become_sorted_classes_and_inputs_become_rows(tmp_path):
    data = load_csv(write(tmp_path, table()), "label")
    assert data.X.shape == (2, 12)
    np.testing.assert_array_equal(data.X[:, 3], [3.0, 1.5])
    assert data.class_names == ["a", "b", "c"] and data.task == "multiclass"
    np.testing.assert_array_equal(data.labels[:4], [0, 1, 2, 0])
    assert data.input_names == ["x1", "x2"] and data.name == "data.csv"


def test_label_column_may_be_anywhere_and_names_are_trimmed(tmp_path):
    text = " label , x1\n" + "".join(f"{i % 2}, {i}\n" for i in range(10))
    data = load_csv(write(tmp_path, text), "label")
    assert data.input_names == ["x1"] and data.task == "binary"
    assert data.class_names == ["0", "1"]


def test_few_whole_numbers_are_classes(tmp_path):
    data = load_csv(write(tmp_path, table(label=lambda i: [3, 7, 9][i % 3])), "label")
    assert data.task == "multiclass" and data.class_names == ["3", "7", "9"]
    data = load_csv(write(tmp_path, table(label=lambda i: f"{i % 2}.0")), "label")
    assert data.task == "binary" and data.class_names == ["0", "1"]


def test_fractional_or_many_distinct_numbers_are_regression(tmp_path):
    data = load_csv(write(tmp_path, table(label=lambda i: i * 0.25)), "label")
    assert data.task == "regression" and data.labels is None
    np.testing.assert_allclose(data.targets, [np.arange(12) * 0.25])
    many = load_csv(write(tmp_path, table(rows=20, label=lambda i: i)), "label")
    assert many.task == "regression" and many.targets.shape == (1, 20)


def test_blank_lines_and_a_byte_order_mark_are_fine(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + table().replace("\n", "\n\n", 3).encode())
    data = load_csv(path, "label")
    assert data.X.shape == (2, 12) and data.input_names == ["x1", "x2"]


def bad(tmp_path, text, match, label="label", name="data.csv"):
    with pytest.raises(DataError, match=match) as info:
        load_csv(write(tmp_path, text, name), label)
    assert str(info.value).startswith(f"{name}: ")
    return str(info.value)


def test_non_numeric_feature_names_column_value_and_line(tmp_path):
    text = table().replace("6,3.0,a", "6,abc,a")
    message = bad(tmp_path, text, "non-numeric", name="iris.csv")
    assert message == "iris.csv: column 'x2' has a non-numeric value 'abc' on line 8"


def test_nan_and_infinity_and_empty_cells_are_refused(tmp_path):
    assert "NaN value 'nan' on line 3" in bad(tmp_path, table().replace("1,0.5,b", "1,nan,b"),
                                              "NaN")
    assert "infinite value 'inf' on line 4" in bad(
        tmp_path, table().replace("2,1.0,c", "2,inf,c"), "infinite")
    assert "column 'x1' has a missing value on line 5" in bad(
        tmp_path, table().replace("3,1.5,a", ",1.5,a"), "missing")


def test_numeric_labels_with_nan_and_missing_labels_are_refused(tmp_path):
    text = table(label=lambda i: i % 2).replace("4,2.0,0", "4,2.0,nan")
    assert "label column 'label' has a NaN value 'nan' on line 6" in bad(tmp_path, text, "NaN")
    text = table().replace("4,2.0,b", "4,2.0,")
    assert "label column 'label' has a missing value on line 6" in bad(tmp_path, text, "missing")


def test_missing_label_column_lists_the_columns(tmp_path):
    message = bad(tmp_path, table(), "no column named 'species'", label="species")
    assert "'x1', 'x2', 'label'" in message


def test_fewer_than_ten_rows(tmp_path):
    assert "only 9 data row(s)" in bad(tmp_path, table(rows=9), "at least 10")


def test_wrong_row_length(tmp_path):
    text = table().replace("5,2.5,c", "5,2.5,c,extra")
    assert "line 7 has 4 values but the header has 3 columns" in bad(tmp_path, text, "line 7")


def test_only_a_label_column_and_a_single_class(tmp_path):
    bad(tmp_path, "label\n" + "a\n" * 12, "no input columns")
    bad(tmp_path, table(label=lambda i: "same"), "only one value")


def test_duplicate_column_names(tmp_path):
    bad(tmp_path, table(header="x,x,label"), "'x' appear more than once")


def test_empty_missing_folder_binary_and_corrupt_files(tmp_path):
    bad(tmp_path, "", "first line is empty")
    bad(tmp_path, "\n" + table(), "first line is empty")
    with pytest.raises(DataError, match=r"^gone\.csv: file not found"):
        load_csv(tmp_path / "gone.csv", "label")
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(DataError, match=r"^folder\.csv: is a folder"):
        load_csv(tmp_path / "folder.csv", "label")
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00")
    with pytest.raises(DataError, match=r"^image\.csv: not a text file"):
        load_csv(binary, "label")
    broken = write(tmp_path, 'x1,label\n1,"a"b\n' + "2,a\n" * 12, "broken.csv")
    with pytest.raises(DataError, match=r"^broken\.csv: not a valid CSV file"):
        load_csv(broken, "label")


@pytest.mark.parametrize(
    ("error", "message"),
    [(PermissionError(13, "Permission denied"), "permission denied"),
     (OSError(5, "Input/output error"), r"cannot read the file \(Input/output error\)")],
)
def test_unreadable_file(tmp_path, monkeypatch, error, message):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(csv_header, "open", refuse, raising=False)  # csv_file reads through it
    with pytest.raises(DataError, match=rf"^secret\.csv: {message}"):
        load_csv(write(tmp_path, table(), "secret.csv"), "label")
