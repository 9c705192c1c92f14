"""A portal's property validation rules: read from the Property Validations API answer a
properties file carries, enforced after the type's own rules, and sampled by the suite."""

import json
from typing import Any

import pytest

from hubspot_toolkit.properties import DEFAULT_FILE, PropertiesFileError, PropertyDefinitions
from hubspot_toolkit.properties.validation import (
    ValidationRule,
    conforming,
    conforming_number,
    rules_by_property,
)


def portal(rules: dict[str, list[dict[str, Any]]]) -> PropertyDefinitions:
    document = json.loads(DEFAULT_FILE.read_text())
    document["propertyValidations"] = {
        "results": [
            {"propertyName": name, "propertyValidationRules": kept} for name, kept in rules.items()
        ]
    }
    return PropertyDefinitions.from_document(document, "portal.json")


def rule(kind: str, *arguments: str) -> dict[str, Any]:
    return {"ruleType": kind, "ruleArguments": list(arguments), "shouldApplyNormalization": False}


RULES = portal(
    {
        "name": [rule("ALPHANUMERIC", "ALPHA_ONLY")],
        "hs_sku": [rule("ALPHANUMERIC", "NUMERIC_ONLY"), rule("MAX_LENGTH", "4")],
        "description": [rule("MIN_LENGTH", "3"), rule("SPECIAL_CHARACTERS", "")],
        "quantity": [rule("MIN_NUMBER", "1"), rule("MAX_NUMBER", "10")],
        "price": [rule("DECIMAL", "2")],
        "external_line_item_id": [rule("REGEX", "SKU-[0-9]+")],
        "hs_recurring_billing_start_date": [rule("AFTER_DURATION", "P7D")],
    }
)


@pytest.mark.parametrize(
    ("name", "value", "code", "message"),
    [
        ("name", "Widget2", "INVALID_ALPHA", "Enter only letters"),  # HubSpot's own words
        ("hs_sku", "12a", "INVALID_NUMERIC", "Enter only numbers"),
        ("hs_sku", "12345", "INVALID_MAX_LENGTH", "Enter at most 4 characters"),
        ("description", "ab", "INVALID_MIN_LENGTH", "Enter at least 3 characters"),
        ("description", "50% off", "INVALID_SPECIAL_CHARACTERS", None),
        ("quantity", "0", "INVALID_MIN_NUMBER", None),
        ("quantity", "11", "INVALID_MAX_NUMBER", None),
        ("price", "1.234", "INVALID_DECIMAL", None),
        ("external_line_item_id", "sku-1", "INVALID_REGEX", None),
    ],
)
def test_a_value_that_breaks_a_rule_is_refused(
    name: str, value: str, code: str, message: str | None
) -> None:
    (problem,) = RULES.value_problems(name, value)
    assert (problem.name, problem.code, problem.value) == (name, code, value)
    assert message is None or problem.message == message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("name", "Widget"),
        ("name", ""),  # clearing is not refused
        ("hs_sku", "1234"),
        ("description", "plain words"),
        ("quantity", "10"),
        ("price", "9.99"),
        ("external_line_item_id", "SKU-12"),
        ("hs_recurring_billing_start_date", "2026-01-01"),  # a rule the stand-in keeps only
    ],
)
def test_a_value_that_keeps_the_rules_is_accepted(name: str, value: str) -> None:
    assert RULES.value_problems(name, value) == []


def test_the_type_is_judged_before_the_rules() -> None:
    assert [p.code for p in RULES.value_problems("quantity", "many")] == ["INVALID_INTEGER"]


def test_rules_the_stand_in_does_not_enforce_are_listed() -> None:
    assert RULES.unenforced_rules() == ["hs_recurring_billing_start_date: AFTER_DURATION"]


@pytest.mark.parametrize(
    ("rules", "error"),
    [
        ({"name": [rule("SHOUTING")]}, "ruleType 'SHOUTING' is not one of HubSpot's"),
        ({"name": [rule("ALPHANUMERIC", "VOWELS")]}, "ALPHANUMERIC takes one of ALPHA_ONLY"),
        ({"name": [rule("MAX_LENGTH", "ten")]}, "MAX_LENGTH takes a whole number"),
        ({"name": [rule("REGEX", "(")]}, "REGEX '(' is not a regular expression"),
        ({"shade": [rule("MAX_LENGTH", "3")]}, "names properties it does not define: shade"),
    ],
)
def test_a_rule_that_cannot_be_read_names_where(
    rules: dict[str, list[dict[str, Any]]], error: str
) -> None:
    with pytest.raises(PropertiesFileError, match=r"^portal\.json: ") as raised:
        portal(rules)
    assert error in str(raised.value)


def test_rules_round_trip_in_hubspots_shape() -> None:
    answer = {
        "results": [{"propertyName": "zip", "propertyValidationRules": [rule("MIN_LENGTH", "1")]}]
    }
    (read,) = rules_by_property(answer)["zip"]
    assert read == ValidationRule("MIN_LENGTH", ("1",)) and read.as_api() == rule("MIN_LENGTH", "1")


@pytest.mark.parametrize("n", range(0, 40, 7))
def test_sampled_values_keep_the_rules(n: int) -> None:
    for name in ("name", "hs_sku", "description"):
        definition = RULES.get(name)
        assert definition is not None
        value = conforming(definition.rules, n)
        assert value is not None and RULES.value_problems(name, value) == [], (name, value)
    quantity = RULES.get("quantity")
    assert quantity is not None
    number = conforming_number(quantity.rules, n)
    assert number is not None and RULES.value_problems("quantity", number) == []
    sku_key = RULES.get("external_line_item_id")
    assert sku_key is not None and conforming(sku_key.rules, n) is None  # a REGEX: none made
