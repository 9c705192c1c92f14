"""The checking pass: repeated keys found anywhere in a file, with their lines, from an index
on disk instead of the rows."""

import pytest

from hubspot_toolkit.client.bulk import InvalidRowsError, RowProblem
from hubspot_toolkit.client.bulk.files.checking_pass import check_keys
from hubspot_toolkit.client.bulk.files.key_index import BATCH


def test_keys_repeated_far_apart_and_side_by_side_are_all_found() -> None:
    keys: list[tuple[int, str] | RowProblem] = [(n, f"K{n}") for n in range(1, 3 * BATCH)]
    keys[2 * BATCH + 7] = (2 * BATCH + 8, "K1")  # two batches after its first line
    keys[11] = (12, "K11")  # the line before has it too
    keys.append(RowProblem(3 * BATCH, "not JSON: …"))
    with pytest.raises(InvalidRowsError) as caught:
        check_keys(keys, "hs_sku")
    assert [str(p) for p in caught.value.problems] == [
        "line 12: hs_sku='K11' repeats line 11",
        f"line {2 * BATCH + 8}: hs_sku='K1' repeats line 1",
        f"line {3 * BATCH}: not JSON: …",
    ]


def test_good_keys_are_counted() -> None:
    assert check_keys(((n, f"K{n}") for n in range(1, 12_001)), "hs_sku") == 12_000
