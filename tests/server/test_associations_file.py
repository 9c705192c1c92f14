"""The ASSOCIATIONS file: custom objects named in it are reached by their p_ names, and a bad
entry is one line naming its place, with nothing from the file written."""

import json
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.server.associations import load_associations
from hubspot_toolkit.server.config import PORTAL_ID, ConfigError
from hubspot_toolkit.server.requests import RequestChecker
from hubspot_toolkit.server.store import Store
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import READ, base_operation_id
from tests.paths import SPEC_DIR

PETS = {"objectTypeId": "2-7001", "name": "pets"}


def addressable(object_type: str) -> bool:
    """As the reference server judges it: the spec's association reads accept it in a path."""
    checkers = [
        RequestChecker.for_operation(op)
        for op in operations(bundle_spec_dir(SPEC_DIR))
        if base_operation_id(op.operation_id) == READ
    ]
    return all(checker.path_accepts(object_type) for checker in checkers)


def load(tmp_path: Path, document: Any) -> Store:
    path = tmp_path / "associations.json"
    path.write_text(json.dumps(document))
    store = Store(tmp_path / "db.sqlite3")
    load_associations(store, path, addressable)
    return store


def test_custom_objects_are_named_and_usable_by_name_in_the_file(tmp_path: Path) -> None:
    store = load(
        tmp_path,
        {
            "customObjects": [PETS],
            "records": [{"objectType": "p_pets", "id": "1"}],
            "associations": [
                {
                    "fromObjectType": f"p{PORTAL_ID}_pets",
                    "fromId": "1",
                    "toObjectType": "contacts",
                    "toId": "2",
                    "type": "pet_to_contact",
                }
            ],
        },
    )
    assert store.custom_types() == {
        "2-7001": "2-7001",
        "p_pets": "2-7001",
        "p12345678_pets": "2-7001",
    }
    assert store.associations_page("2-7001", 1, "0-1", None, 10) == [(2, "pet_to_contact")]


@pytest.mark.parametrize(
    ("custom_objects", "message"),
    [
        ({"objectTypeId": "2-1"}, "'customObjects' must be lists"),
        (["x"], "customObjects[0] is not an object"),
        ([{"objectTypeId": "0-1", "name": "pets"}], "customObjects[0].objectTypeId is '0-1'"),
        ([{"objectTypeId": "2-1", "name": "my pets"}], "customObjects[0].name is 'my pets'"),
        # HubSpot's naming rule allows capitals; the spec's paths do not carry them
        (
            [{"objectTypeId": "2-1", "name": "Pets"}],
            "customObjects[0].name is 'Pets': the spec's object type pattern refuses 'p1",
        ),
        (
            [PETS, {"objectTypeId": "2-2", "name": "pets"}],
            "customObjects[1].name 'pets': p_pets names custom object type 2-7001 in the database",
        ),
        (
            [PETS, {"objectTypeId": "2-7001", "name": "cats"}],
            "customObjects[1].name 'cats': 2-7001 is named p12345678_pets already in the database",
        ),
    ],
)
def test_a_bad_custom_object_is_one_line_and_nothing_is_written(
    tmp_path: Path, custom_objects: Any, message: str
) -> None:
    document = {
        "customObjects": custom_objects,
        "associations": [
            {
                "fromObjectType": "deals",
                "fromId": "1",
                "toObjectType": "contacts",
                "toId": "2",
                "type": "deal_to_contact",
            }
        ],
    }
    with pytest.raises(ConfigError) as refused:
        load(tmp_path, document)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    store = Store(tmp_path / "db.sqlite3")
    assert store.custom_types() == {}
    assert store.associations_page("0-3", 1, "0-1", None, 10) == []


def test_every_spelling_a_name_gives_is_one_the_spec_carries(tmp_path: Path) -> None:
    store = load(tmp_path, {"customObjects": [PETS]})
    assert all(addressable(spelling) for spelling in store.custom_types())


def test_loading_the_same_file_again_changes_nothing(tmp_path: Path) -> None:
    load(tmp_path, {"customObjects": [PETS]})
    assert load(tmp_path, {"customObjects": [PETS]}).custom_types()["p_pets"] == "2-7001"


def test_a_record_of_a_custom_object_the_file_does_not_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"records\[0\].objectType is 'p_pets', not a known"):
        load(tmp_path, {"records": [{"objectType": "p_pets", "id": "1"}]})


def test_a_missing_field_is_named_missing_under_the_option_the_user_typed(
    tmp_path: Path,
) -> None:
    """Not `ASSOCIATIONS=…: …toObjectType is None` (issue 24): the option, and "missing"."""
    entry = {"fromObjectType": "deals", "fromId": "1", "toId": "2", "type": "deal_to_contact"}
    with pytest.raises(ConfigError) as refused:
        load(tmp_path, {"associations": [entry]})
    path = tmp_path / "associations.json"
    assert str(refused.value) == f"--associations {path}: associations[0].toObjectType is missing"
