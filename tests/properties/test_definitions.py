"""hubspot_toolkit.properties: loading HubSpot's Properties API answer, and the value rules."""

import json
from pathlib import Path

import pytest

from hubspot_toolkit import HubSpotToolkitError
from hubspot_toolkit.properties import (
    DEFAULT_FILE,
    OUR_CODES,
    SHIPPED_UNIQUE_KEY,
    PropertiesFileError,
    PropertyDefinition,
    PropertyDefinitions,
    PropertyProblem,
)

DEFAULT = PropertyDefinitions.default()


def codes(name: str, value: str) -> list[str]:
    return [p.code for p in DEFAULT.value_problems(name, value)]


def test_the_shipped_file_is_in_hubspots_shape_with_one_custom_unique_property() -> None:
    document = json.loads(DEFAULT_FILE.read_text())
    assert set(document) == {"results"}
    for entry in document["results"]:
        required = {"name", "label", "type", "fieldType", "description", "groupName", "options"}
        assert required <= set(entry), entry["name"]
        assert {"archivable", "readOnlyDefinition", "readOnlyValue"} <= set(
            entry["modificationMetadata"]
        )
    assert DEFAULT.unique_names() == [SHIPPED_UNIQUE_KEY] == ["external_line_item_id"]
    custom = [e for e in document["results"] if not e["hubspotDefined"]]
    assert [e["name"] for e in custom] == [SHIPPED_UNIQUE_KEY]
    sku = DEFAULT.get("hs_sku")
    assert sku is not None and not sku.has_unique_value  # HubSpot lets two line items share one


def test_definitions_as_read() -> None:
    assert DEFAULT.get("recurringbillingfrequency") == PropertyDefinition(
        name="recurringbillingfrequency",
        type="enumeration",
        field_type="select",
        options=(
            "weekly",
            "biweekly",
            "monthly",
            "quarterly",
            "per_six_months",
            "annually",
            "per_two_years",
            "per_three_years",
            "per_four_years",
            "per_five_years",
        ),
        has_unique_value=False,
        read_only_value=False,
        calculated=False,
    )
    amount = DEFAULT.get("amount")
    assert amount is not None and amount.calculated
    writable = {d.name for d in DEFAULT.writable()}
    assert {"name", "price", "quantity", "external_line_item_id", "createdate"} <= writable
    assert not writable & {"amount", "hs_object_id", "hs_lastmodifieddate", "hs_acv", "hs_mrr"}
    assert DEFAULT.get("nope") is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("price", "900.00"),
        ("price", "0"),
        ("price", "-0"),
        ("quantity", "3"),
        ("discount", "-1.5"),
        ("name", " any text, spaces kept "),
        ("recurringbillingfrequency", "monthly"),
        ("hs_allow_buyer_selected_quantity", "true"),
        ("hs_recurring_billing_start_date", "2026-02-28"),
        ("hs_recurring_billing_start_date", "1767225600000"),  # 2026-01-01T00:00Z
        ("createdate", "2026-01-01T12:30:00.123Z"),
        ("createdate", "2026-01-01T12:30:00+02:00"),
        ("createdate", "1767225600123"),
        ("hs_recurring_billing_period", "P12M"),
        ("hs_recurring_billing_period", "P1Y6M"),
        ("hs_recurring_billing_period", "P3W"),
        ("price", ""),  # an empty string clears a writable property
        ("recurringbillingfrequency", ""),
    ],
)
def test_valid_values(name: str, value: str) -> None:
    assert DEFAULT.value_problems(name, value) == []


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("price", "nine", "INVALID_INTEGER"),
        # whitespace at either end of a non-string value: the 2025 changelog's own code
        ("price", " 9", "LEADING_TRAILING_WHITESPACE"),
        ("quantity", "3 ", "LEADING_TRAILING_WHITESPACE"),
        ("recurringbillingfrequency", "monthly ", "LEADING_TRAILING_WHITESPACE"),
        ("recurringbillingfrequency", "\u00a0monthly", "LEADING_TRAILING_WHITESPACE"),
        ("hs_allow_buyer_selected_quantity", "true\u200b", "LEADING_TRAILING_WHITESPACE"),
        ("price", "1.42e-14", "INVALID_INTEGER"),
        ("price", "-5", "NEGATIVE_PRICE"),
        ("recurringbillingfrequency", "daily", "INVALID_OPTION"),
        ("recurringbillingfrequency", "Monthly", "INVALID_OPTION"),
        ("hs_allow_buyer_selected_quantity", "1", "INVALID_OPTION"),
        ("hs_allow_buyer_selected_quantity", "True", "INVALID_OPTION"),
        ("hs_recurring_billing_start_date", "2026-02-30", "INVALID_DATE"),
        ("hs_recurring_billing_start_date", "1767225660000", "INVALID_DATE"),
        ("hs_recurring_billing_start_date", "tomorrow", "INVALID_DATE"),
        ("createdate", "2019-05-13T12:05:53.602759Z", "INVALID_LONG"),
        ("createdate", "yesterday", "INVALID_LONG"),
        ("createdate", " 1767225600000", "LEADING_TRAILING_WHITESPACE"),
        ("hs_recurring_billing_period", "12", "INVALID_BILLING_PERIOD"),
        ("hs_recurring_billing_period", "P", "INVALID_BILLING_PERIOD"),
        ("hs_recurring_billing_period", "P1M2W", "INVALID_BILLING_PERIOD"),
        ("amount", "10", "READ_ONLY_VALUE"),
        ("hs_object_id", "", "READ_ONLY_VALUE"),
        ("hs_lastmodifieddate", "2026-01-01T00:00:00Z", "READ_ONLY_VALUE"),
        ("shade", "dark", "PROPERTY_DOESNT_EXIST"),
    ],
)
def test_refused_values(name: str, value: str, code: str) -> None:
    assert codes(name, value) == [code]


def test_messages_are_hubspots() -> None:
    assert DEFAULT.value_problems("shade", "x") == [
        PropertyProblem("shade", "PROPERTY_DOESNT_EXIST", 'Property "shade" does not exist', None)
    ]
    assert DEFAULT.value_problems("price", "abc")[0].message == "abc was not a valid number."
    assert DEFAULT.value_problems("createdate", "x")[0].message == "x was not a valid long."
    assert DEFAULT.value_problems("hs_recurring_billing_start_date", "1767225660000")[
        0
    ].message == ("1767225660000 is at 0:1:0.0 UTC, not midnight!")
    option = DEFAULT.value_problems("recurringbillingfrequency", "daily")[0]
    assert option.message.startswith(
        'daily was not one of the allowed options: [label: "Weekly"\nvalue: "weekly"\n'
    )
    assert DEFAULT.value_problems("hs_object_id", "1")[0].message == (
        '"hs_object_id" is a read only property; its value cannot be set.'
    )
    assert DEFAULT.value_problems("hs_acv", "1")[0].message == (
        '"hs_acv" is a calculated property; its value cannot be set.'
    )
    assert {"NEGATIVE_PRICE", "INVALID_BILLING_PERIOD"} <= OUR_CODES
    assert "INVALID_ALPHA" not in OUR_CODES  # HubSpot's (its 2023 changelog's example)


def test_check_lists_every_problem_in_input_order() -> None:
    problems = DEFAULT.check({"b_unknown": "1", "name": "ok", "price": "x", "a_unknown": "2"})
    assert [(p.name, p.code) for p in problems] == [
        ("b_unknown", "PROPERTY_DOESNT_EXIST"),
        ("price", "INVALID_INTEGER"),
        ("a_unknown", "PROPERTY_DOESNT_EXIST"),
    ]
    assert problems[1].value == "x"


def test_a_multi_checkbox_takes_semicolon_separated_options() -> None:
    document = {
        "results": [
            {
                "name": "tags",
                "label": "Tags",
                "type": "enumeration",
                "fieldType": "checkbox",
                "options": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}],
            }
        ]
    }
    definitions = PropertyDefinitions.from_document(document, "inline")
    assert definitions.value_problems("tags", "a;b") == []
    assert definitions.value_problems("tags", ";b") == []
    assert [p.code for p in definitions.value_problems("tags", "a;c")] == ["INVALID_OPTION"]


def test_unknown_extra_fields_are_fine_and_flags_default_to_false() -> None:
    entry = {
        "name": "code",
        "label": "Code",
        "type": "string",
        "fieldType": "text",
        "options": [],
        "somethingNew": {"x": 1},
    }
    definitions = PropertyDefinitions.from_document({"results": [entry], "paging": {}}, "x")
    assert definitions.get("code") == PropertyDefinition(
        "code", "string", "text", (), False, False, False
    )
    assert definitions.unique_names() == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("", "not valid JSON"),
        ('{"results": {}}', "results: {} is not of type 'array'"),
        ('{"results": [{"name": "a"}]}', "results[0]: 'label' is a required property"),
        (
            '{"results": [{"name": "a", "label": "A", "type": "string", "fieldType": "text", '
            '"options": [], "hasUniqueValue": "yes"}]}',
            "results[0].hasUniqueValue: 'yes' is not",
        ),
    ],
)
def test_a_file_not_in_hubspots_shape_names_itself_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "props.json"
    path.write_text(content)
    with pytest.raises(PropertiesFileError) as caught:
        PropertyDefinitions.from_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message, message
    assert "\n" not in message
    assert isinstance(caught.value, HubSpotToolkitError)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PropertiesFileError, match=r"nowhere\.json: no such file"):
        PropertyDefinitions.from_file(tmp_path / "nowhere.json")


def test_definitions_built_in_code() -> None:
    colour = PropertyDefinition("colour", "enumeration", "radio", ("red",), False, False, False)
    definitions = PropertyDefinitions([colour])
    assert list(definitions) == [colour] and len(definitions) == 1
    (problem,) = definitions.value_problems("colour", "blue")
    assert problem.message.startswith('blue was not one of the allowed options: [label: "red"')
