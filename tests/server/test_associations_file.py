"""The ASSOCIATIONS file: custom objects named in it are reached by their p_ names, and a bad
entry is one line naming its place, with nothing from the file written."""

import json
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.server.associations import load_associations
from hubspot_toolkit.server.config import PORTAL_ID, ConfigError
from hubspot_toolkit.server.store import Store

PETS = {"objectTypeId": "2-7001", "name": "pets"}


def load(tmp_path: Path, document: Any) -> Store:
    path = tmp_path / "associations.json"
    path.write_text(json.dumps(document))
    store = Store(tmp_path / "db.sqlite3")
    load_associations(store, path)
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
        ([PETS, {"objectTypeId": "2-2", "name": "pets"}], "customObjects[1].name 'pets': p_pets"),
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


def test_a_record_of_a_custom_object_the_file_does_not_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"records\[0\].objectType is 'p_pets', not a known"):
        load(tmp_path, {"records": [{"objectType": "p_pets", "id": "1"}]})
