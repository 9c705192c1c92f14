"""The client example of docs/client.md: upsert line items by SKU, then read associations.

Run it against the reference server (`make serve`) or HubSpot:

    HUBSPOT_BASE_URL=http://127.0.0.1:8000 HUBSPOT_ACCESS_TOKEN=dev-token \\
        .venv/bin/python examples/usage.py
"""

import os

from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.api.associations import batch_read_associations
from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import (
    BatchInputPublicObjectId,
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponsePublicAssociationMulti,
    BatchResponsePublicAssociationMultiWithErrors,
    BatchResponseSimplePublicUpsertObject,
    BatchResponseSimplePublicUpsertObjectWithErrors,
    PropertyMap,
    PublicObjectId,
    SimplePublicObjectBatchInputUpsert,
)

from hubspot_toolkit.client.strict import strict_client

# A custom property created with hasUniqueValue: true (HubSpot's hs_sku is not unique).
KEY_PROPERTY = "external_line_item_id"


def upsert_by_key(client: AuthenticatedClient, rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """Create or update one line item per key of rows; return each key's record id."""
    inputs = []
    for key, properties in rows.items():
        property_map = PropertyMap()
        property_map.additional_properties = dict(properties)
        inputs.append(
            SimplePublicObjectBatchInputUpsert(
                id=key, id_property=KEY_PROPERTY, properties=property_map
            )
        )
    answer = batch_upsert_line_items.sync(
        client=client, body=BatchInputSimplePublicObjectBatchInputUpsert(inputs=inputs)
    )
    if not isinstance(
        answer,
        BatchResponseSimplePublicUpsertObject | BatchResponseSimplePublicUpsertObjectWithErrors,
    ):
        raise RuntimeError(f"upsert failed: {answer}")
    return {result.properties[KEY_PROPERTY]: result.id for result in answer.results}


def associated_ids(
    client: AuthenticatedClient, from_type: str, to_type: str, ids: list[str]
) -> dict[str, list[str]]:
    """For each id of from_type, the ids of its associated to_type records (first page)."""
    answer = batch_read_associations.sync(
        from_type,
        to_type,
        client=client,
        body=BatchInputPublicObjectId(inputs=[PublicObjectId(id=i) for i in ids]),
    )
    if not isinstance(
        answer, BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors
    ):
        raise RuntimeError(f"association read failed: {answer}")
    return {result.from_.id: [to.id for to in result.to] for result in answer.results}


def main() -> None:
    base_url = os.environ.get("HUBSPOT_BASE_URL", "https://api.hubapi.com")
    client = strict_client(base_url, os.environ["HUBSPOT_ACCESS_TOKEN"])
    with client as open_client:
        ids = upsert_by_key(open_client, {"SKU-1001": {"name": "Consulting", "price": "900.00"}})
        print("line items:", ids)
        print(
            "their deals:", associated_ids(open_client, "line_items", "deals", list(ids.values()))
        )


if __name__ == "__main__":
    main()
