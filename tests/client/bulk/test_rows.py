"""Rows are checked before anything is sent, and every problem names its line."""

import pytest

from hubspot_toolkit.client.bulk import InvalidRowsError, LineItemRow, check_rows


def test_good_rows_pass_unchanged() -> None:
    rows = [LineItemRow(1, {"hs_sku": "A", "name": "a"}), LineItemRow(2, {"hs_sku": "B"})]
    assert check_rows(rows, "hs_sku") == rows


def test_every_problem_is_reported_with_its_line() -> None:
    rows = [
        LineItemRow(1, {"hs_sku": "A"}),
        LineItemRow(2, {"name": "no key"}),
        LineItemRow(3, {"hs_sku": ""}),
        LineItemRow(4, {"hs_sku": "A"}),
        LineItemRow(5, {"hs_sku": "C", "price": 3}),  # type: ignore[dict-item]
    ]
    with pytest.raises(InvalidRowsError) as caught:
        check_rows(rows, "hs_sku")
    problems = {p.line: p.message for p in caught.value.problems}
    assert set(problems) == {2, 3, 4, 5}
    assert "no value for the key property 'hs_sku'" in problems[2]
    assert "no value for the key property" in problems[3]
    assert "hs_sku='A' repeats line 1" in problems[4]
    assert "values must be text: price" in problems[5]
    assert "line 4: hs_sku='A' repeats line 1" in str(caught.value)
