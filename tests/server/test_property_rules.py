"""What HubSpot refuses about line item properties, through the generated client, against a
reference server started with a user's export of `GET /crm/v3/properties/line_items`."""

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponseSimplePublicUpsertObject,
    Error,
    PropertyMap,
    SimplePublicObjectBatchInputUpsert,
)
from hubspot_crm_client.types import Response

from hubspot_toolkit.server.config import PORTAL_ID
from hubspot_toolkit.server.process import ReferenceServer


def definition(name: str, type_: str, field_type: str, **extra: Any) -> dict[str, Any]:
    """One entry as HubSpot's Properties API answers it (fields the rules ignore included)."""
    return {
        "name": name,
        "label": name.replace("_", " ").title(),
        "type": type_,
        "fieldType": field_type,
        "description": "",
        "groupName": "lineiteminformation",
        "options": extra.pop("options", []),
        "displayOrder": -1,
        "hasUniqueValue": False,
        "hidden": False,
        "hubspotDefined": True,
        "modificationMetadata": {
            "archivable": False,
            "readOnlyDefinition": True,
            "readOnlyValue": extra.pop("read_only", False),
        },
        "formField": False,
        "dataSensitivity": "non_sensitive",
        **extra,
    }


# A user's portal: its own unique key `erp_code`, and a custom enumeration `colour`.
EXPORT = {
    "results": [
        definition("name", "string", "text"),
        definition("price", "number", "number"),
        definition("quantity", "number", "number"),
        definition("amount", "number", "calculation_equation", calculated=True),
        definition("hs_object_id", "number", "number", read_only=True),
        definition("hs_recurring_billing_period", "string", "text"),
        definition("hs_sku", "string", "text"),
        definition(
            "colour",
            "enumeration",
            "select",
            hubspotDefined=False,
            options=[
                {"label": "Red", "value": "red", "displayOrder": 0, "hidden": False},
                {"label": "Blue", "value": "blue", "displayOrder": 1, "hidden": False},
            ],
        ),
        definition("erp_code", "string", "text", hasUniqueValue=True, hubspotDefined=False),
    ]
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AuthenticatedClient]:
    work = tmp_path_factory.mktemp("rules")
    export = work / "properties.json"
    export.write_text(json.dumps(EXPORT))
    with (
        ReferenceServer(work / "db.sqlite3", properties_file=export) as server,
        AuthenticatedClient(base_url=server.base_url, token="dev-token") as made,
    ):
        yield made


def upsert(
    client: AuthenticatedClient, key: str, id_property: str = "erp_code", **properties: str
) -> Response[Any]:
    body = BatchInputSimplePublicObjectBatchInputUpsert(
        inputs=[
            SimplePublicObjectBatchInputUpsert(
                id=key, id_property=id_property, properties=PropertyMap.from_dict(properties)
            )
        ]
    )
    return batch_upsert_line_items.sync_detailed(client=client, body=body)


def refused(answer: Response[Any]) -> Error:
    assert answer.status_code == 400, answer.content
    assert isinstance(answer.parsed, Error)
    return answer.parsed


def erp() -> str:
    return f"ERP-{uuid.uuid4().hex[:8]}"


def test_upsert_by_the_portals_unique_property_creates_then_updates(
    client: AuthenticatedClient,
) -> None:
    key = erp()
    first = upsert(client, key, name="Consulting", price="900.00", colour="red")
    assert isinstance(first.parsed, BatchResponseSimplePublicUpsertObject), first.content
    second = upsert(client, key, quantity="2")
    assert isinstance(second.parsed, BatchResponseSimplePublicUpsertObject), second.content
    created, updated = first.parsed.results[0], second.parsed.results[0]
    assert (created.new, updated.new, updated.id) == (True, False, created.id)
    properties = updated.properties.additional_properties
    assert properties["erp_code"] == key and properties["colour"] == "red"
    assert properties["quantity"] == "2" and properties["hs_object_id"] == created.id


@pytest.mark.parametrize("name", ["hs_sku", "name", "hs_object_id", "no_such_property"])
def test_an_id_property_without_unique_values_fails_the_batch(
    client: AuthenticatedClient, name: str
) -> None:
    error = refused(upsert(client, "X-1", id_property=name))
    assert error.category == "VALIDATION_ERROR"
    assert error.message == (
        "Unable to perform update/upsert by non-unique 0-8 property "
        f"{name} in portal ID {PORTAL_ID}"
    )


# (property, value, HubSpot's code, the message; NEGATIVE_PRICE and INVALID_BILLING_PERIOD are
# our own codes: no source shows what HubSpot answers for those two documented rules)
CASES = [
    ("shade", "dark", "PROPERTY_DOESNT_EXIST", 'Property "shade" does not exist'),
    ("quantity", "three", "INVALID_INTEGER", "three was not a valid number."),
    # the 2025 changelog's own code and message for stray whitespace in a non-string value
    (
        "price",
        " 9.00",
        "LEADING_TRAILING_WHITESPACE",
        '" 9.00" includes leading or trailing whitespace.',
    ),
    ("colour", "green", "INVALID_OPTION", "green was not one of the allowed options: ["),
    ("price", "-5.00", "NEGATIVE_PRICE", "-5.00 is not a valid price"),
    ("hs_recurring_billing_period", "12 months", "INVALID_BILLING_PERIOD", "12 months is not"),
    ("hs_object_id", "1", "READ_ONLY_VALUE", '"hs_object_id" is a read only property'),
    ("amount", "10", "READ_ONLY_VALUE", '"amount" is a calculated property'),
]


@pytest.mark.parametrize(("name", "value", "code", "message"), CASES)
def test_a_refused_property_is_named_in_hubspots_body(
    client: AuthenticatedClient, name: str, value: str, code: str, message: str
) -> None:
    key = erp()
    error = refused(upsert(client, key, **{"name": "ok", name: value}))
    assert error.category == "VALIDATION_ERROR"
    assert error.message.startswith("Property values were not valid: [")
    (entry,) = json.loads(error.message.removeprefix("Property values were not valid: "))
    assert (entry["isValid"], entry["error"], entry["name"]) == (False, code, name)
    assert entry["message"].startswith(message) and entry["portalId"] == PORTAL_ID
    assert isinstance(error.errors, list)
    (detail,) = error.errors
    assert (detail.code, detail.message) == (code, entry["message"])
    assert isinstance(detail.context, object)
    assert detail.to_dict()["context"] == {"propertyName": [name]}
    # nothing was written: the key is still free
    created = upsert(client, key).parsed
    assert isinstance(created, BatchResponseSimplePublicUpsertObject) and created.results[0].new


def test_every_refused_property_is_listed_in_input_order(client: AuthenticatedClient) -> None:
    error = refused(upsert(client, erp(), price="x", shade="y", colour="z"))
    entries = json.loads(error.message.removeprefix("Property values were not valid: "))
    assert [e["name"] for e in entries] == ["price", "shade", "colour"]
    assert isinstance(error.errors, list)
    assert [d.code for d in error.errors] == [
        "INVALID_INTEGER",
        "PROPERTY_DOESNT_EXIST",
        "INVALID_OPTION",
    ]
    assert "propertyValue" not in entries[1]  # as in HubSpot's documented example


def test_an_empty_value_clears_a_writable_property(client: AuthenticatedClient) -> None:
    key = erp()
    upsert(client, key, colour="blue", price="3")
    cleared = upsert(client, key, colour="", price="").parsed
    assert isinstance(cleared, BatchResponseSimplePublicUpsertObject)
    assert cleared.results[0].properties.additional_properties["colour"] == ""


def test_the_default_definitions_do_not_apply_to_a_portal_export(
    client: AuthenticatedClient,
) -> None:
    # external_line_item_id is the shipped example, not a property of this portal
    error = refused(upsert(client, "X-2", id_property="external_line_item_id"))
    assert "non-unique 0-8 property external_line_item_id" in error.message
