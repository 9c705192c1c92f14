"""The suite's property shaping (positive upserts get properties the target defines) and the
semantics behind hubspot_property_rules."""

import copy
import json
from typing import Any

from contract_tests.checks import semantics
from contract_tests.checks.shaping import defined_upsert_body, is_valid_upsert_body
from hubspot_toolkit.properties import DEFAULT_FILE, SHIPPED_UNIQUE_KEY, PropertyDefinitions

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


def test_shaped_values_keep_the_portals_validation_rules() -> None:
    """A portal with rules on its text and number properties: every value the suite sends
    for them keeps the rules, or is left out (a REGEX no value is made for)."""
    document = json.loads(DEFAULT_FILE.read_text())
    document["propertyValidations"] = {
        "results": [
            {"propertyName": name, "propertyValidationRules": rules}
            for name, rules in {
                "name": [_rule("ALPHANUMERIC", "ALPHA_ONLY"), _rule("MAX_LENGTH", "6")],
                "description": [_rule("SPECIAL_CHARACTERS", ""), _rule("MIN_LENGTH", "4")],
                "hs_sku": [_rule("ALPHANUMERIC", "NUMERIC_ONLY")],
                "quantity": [_rule("MIN_NUMBER", "5"), _rule("MAX_NUMBER", "7")],
                "price": [_rule("MIN_NUMBER", "1000.5")],
                "hs_product_id": [_rule("REGEX", "P-[0-9]+")],
            }.items()
        ]
    }
    ruled = PropertyDefinitions.from_document(document, "portal")
    seen: set[str] = set()
    for n in range(60):
        body = {
            "inputs": [
                {"id": f"k{n}", "properties": {f"p{n}-{m}": f"50% off {n} {m}" for m in range(6)}}
            ]
        }
        properties = defined_upsert_body(body, ruled, KEY)["inputs"][0]["properties"]
        assert ruled.check(properties) == [], properties
        seen |= set(properties)
    assert {"name", "description", "hs_sku", "quantity", "price"} <= seen
    assert "hs_product_id" not in seen


def _rule(kind: str, *arguments: str) -> dict[str, Any]:
    return {"ruleType": kind, "ruleArguments": list(arguments)}
