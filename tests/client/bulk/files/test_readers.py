"""JSONL and CSV rows become property text, each with the line it starts on."""

from pathlib import Path

import pytest

from hubspot_toolkit.client.bulk.files.failed_rows import default_path
from hubspot_toolkit.client.bulk.files.readers import UnreadableFileError, file_format, read_rows


def test_jsonl_values_become_hubspot_property_text(tmp_path: Path) -> None:
    file = tmp_path / "rows.jsonl"
    file.write_text(
        '{"hs_sku": "A", "price": 1.10, "quantity": 3, "taxable": true, "note": null}\n'
        "\n"
        '{"hs_sku": "B", "name": "", "_error": "line 9: an earlier failure"}\r\n'
        '{"hs_sku": "C", "name": "a\u2028b"}\n'
    )
    read = read_rows(file, "jsonl")
    assert read.problems == []
    assert [(r.line, dict(r.properties)) for r in read.rows] == [
        (1, {"hs_sku": "A", "price": "1.10", "quantity": "3", "taxable": "true"}),
        (3, {"hs_sku": "B", "name": ""}),
        (4, {"hs_sku": "C", "name": "a\u2028b"}),
    ]
    assert read.columns == ["hs_sku", "price", "quantity", "taxable", "name"]


def test_csv_rows_keep_the_line_they_start_on(tmp_path: Path) -> None:
    file = tmp_path / "rows.csv"
    file.write_bytes(
        "\ufeffhs_sku,description,price\r\n"
        'A,"two\r\nlines",1.00\r\n'
        "B,,2.00\r\n"
        "\r\n"
        "C,déjà\u2028vu,3.00\r\n".encode()
    )
    read = read_rows(file, "csv")
    assert read.problems == []
    assert [(r.line, dict(r.properties)) for r in read.rows] == [
        (2, {"hs_sku": "A", "description": "two\r\nlines", "price": "1.00"}),
        (4, {"hs_sku": "B", "price": "2.00"}),  # an empty cell is "not given"
        (6, {"hs_sku": "C", "description": "déjà\u2028vu", "price": "3.00"}),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "line 1: no header row"),
        ("hs_sku,,name\nA,b,c\n", "line 1: header has blank column(s) [2]"),
        ("hs_sku,name,name\nA,b,c\n", "line 1: repeated column(s) ['name']"),
        ('hs_sku,name\nA,"open quote\n', "line 2: not valid CSV: unexpected end of data"),
    ],
)
def test_broken_csv_is_reported_by_line(tmp_path: Path, text: str, problem: str) -> None:
    file = tmp_path / "rows.csv"
    file.write_text(text)
    assert problem in "; ".join(str(p) for p in read_rows(file, "csv").problems)


def test_files_that_cannot_be_read_at_all(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(b"hs_sku\ncaf\xe9\n")
    with pytest.raises(UnreadableFileError, match="not UTF-8 text"):
        read_rows(latin1, "csv")
    with pytest.raises(UnreadableFileError, match="is a directory"):
        read_rows(tmp_path, "csv")
    assert file_format(tmp_path / "x.NDJSON", None) == "jsonl"
    assert file_format(tmp_path / "x.data", "csv") == "csv"


def test_the_failed_rows_file_is_named_for_its_format(tmp_path: Path) -> None:
    assert default_path(tmp_path / "rows.jsonl", "jsonl").name == "rows.failed.jsonl"
    assert default_path(tmp_path / "rows.CSV", "csv").name == "rows.failed.CSV"
    assert default_path(tmp_path / "export", "csv").name == "export.failed.csv"
    assert default_path(tmp_path / "rows.txt", "jsonl").name == "rows.txt.failed.jsonl"


def test_a_csv_syntax_error_does_not_hide_the_rows_below_it(tmp_path: Path) -> None:
    file = tmp_path / "rows.csv"
    file.write_text('hs_sku,name\nA,"fine"\nB,"bad"quote\nC,ok\nD,"x"y\nE\n"F,open\n')
    read = read_rows(file, "csv")
    assert [r.line for r in read.rows] == [2, 4]
    assert [(p.line, p.message.split(":")[0]) for p in read.problems] == [
        (3, "not valid CSV"),
        (5, "not valid CSV"),
        (6, "1 fields where the header has 2"),
        (7, "not valid CSV"),
    ]
