"""The suite's property shaping (positive upserts get properties the target defines) and the
semantics behind hubspot_property_rules."""

import copy
from typing import Any

from contract_tests.checks import semantics
from contract_tests.checks.shaping import defined_upsert_body, is_valid_upsert_body
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY, PropertyDefinitions

DEFAULT = PropertyDefinitions.default()
KEY = SHIPPED_UNIQUE_KEY


def generated() -> dict[str, Any]:
    return {
        "inputs": [
            {"id": "a", "properties": {"zz": "text", "0": "", "\u00e9": "x y"}},
            {
                "id": "b",
                "idProperty": "random",
                "properties": {"q": "1"},
                "objectWriteTraceId": "t",
            },
        ]
    }


def test_a_positive_body_gets_defined_properties_keyed_by_the_unique_one() -> None:
    body = defined_upsert_body(generated(), DEFAULT, KEY)
    assert is_valid_upsert_body(body)
    for item in body["inputs"]:
        assert item["idProperty"] == KEY
        assert KEY not in item["properties"]
        assert DEFAULT.check(item["properties"]) == []
    assert body["inputs"][1]["objectWriteTraceId"] == "t"
    assert defined_upsert_body(generated(), DEFAULT, KEY) == body  # a case replays the same


def test_a_negative_body_is_left_as_it_is() -> None:
    negative = generated()
    negative["inputs"][0]["properties"]["zz"] = 5  # values must be strings
    assert defined_upsert_body(copy.deepcopy(negative), DEFAULT, KEY) == negative


def test_unknown_property_rule() -> None:
    name = "contract_test_no_such_property"
    good = {
        "errors": [
            {"code": "PROPERTY_DOESNT_EXIST", "message": "m", "context": {"propertyName": [name]}}
        ]
    }
    assert semantics.unknown_property_problems(400, good, name) == []
    assert semantics.unknown_property_problems(200, {}, name)
    assert semantics.unknown_property_problems(400, {"errors": [{"code": "OTHER"}]}, name)


def test_non_unique_id_property_rule() -> None:
    message = "Unable to perform update/upsert by non-unique 0-8 property name in portal ID 1"
    assert semantics.non_unique_id_property_problems(400, {"message": message}, "name") == []
    assert semantics.non_unique_id_property_problems(200, {}, "name")
    assert semantics.non_unique_id_property_problems(400, {"message": "bad"}, "name")
