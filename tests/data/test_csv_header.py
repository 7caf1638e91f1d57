"""Reading a CSV header alone, for the app's label-column choice."""

import pytest

from visualnet.core.data import DataError
from visualnet.core.data.csv_header import likely_label_column, read_header


def write(tmp_path, content, name="data.csv"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_names_are_trimmed_and_only_the_first_line_is_read(tmp_path):
    path = write(tmp_path, "\ufeff x1 , x2,label\n1,2,a\nnot,even,csv,rows\n")
    assert read_header(path) == ["x1", "x2", "label"]


@pytest.mark.parametrize(("content", "problem"), [
    ("", "the first line is empty"),
    ("\n1,2\n", "the first line is empty"),
    ("only\n1\n", "the header has one column ('only')"),
    ("a,b,a\n1,2,3\n", "column name(s) 'a' appear more than once"),
    (b"\xff\xfe\x00binary", "not a text file"),
    ('a,"b\n', "not a valid CSV file"),
])
def test_a_bad_header_names_the_file_and_the_fault(tmp_path, content, problem):
    with pytest.raises(DataError, match=r"^bad\.csv: ") as info:
        read_header(write(tmp_path, content, "bad.csv"))
    assert problem in str(info.value)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match=r"^gone\.csv: file not found"):
        read_header(tmp_path / "gone.csv")


@pytest.mark.parametrize(("header", "label"), [
    (["x1", "x2", "Species", "y"], "Species"),
    (["label", "x"], "label"),
    (["a", "b", "c"], "c"),
])
def test_the_likely_label_is_a_label_name_else_the_last_column(header, label):
    assert likely_label_column(header) == label
