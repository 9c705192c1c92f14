"""Every tracked version from one store, through the generated client, sync and async: a line
item written through v3 is read through 2026-03 and the other way round, and the 2026-03 read
answers in v4's shape with HubSpot's association type ids."""

import asyncio
from typing import Any

from hubspot_crm_client import AuthenticatedClient
from hubspot_crm_client.api.associations import (
    batch_read_associations,
    batch_read_associations_2026_03,
)
from hubspot_crm_client.api.line_items import (
    batch_upsert_line_items,
    batch_upsert_line_items_2026_03,
)
from hubspot_crm_client.models import (
    BatchInputPublicFetchAssociationsBatchRequest,
    BatchInputPublicObjectId,
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponsePublicAssociationMultiWithLabel,
    BatchResponseSimplePublicUpsertObject,
)

from hubspot_toolkit.server.process import ReferenceServer


def client(server: ReferenceServer) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=server.base_url, token="all-scopes", raise_on_unexpected_status=True
    )


def upsert_body(key: str, name: str) -> BatchInputSimplePublicObjectBatchInputUpsert:
    return BatchInputSimplePublicObjectBatchInputUpsert.from_dict(
        {
            "inputs": [
                {"id": key, "idProperty": "external_line_item_id", "properties": {"name": name}}
            ]
        }
    )


def dated_read(ids: list[dict[str, str]]) -> BatchInputPublicFetchAssociationsBatchRequest:
    return BatchInputPublicFetchAssociationsBatchRequest.from_dict({"inputs": ids})


def test_one_store_behind_every_version(server: ReferenceServer) -> None:
    with client(server) as api:
        first = batch_upsert_line_items.sync(client=api, body=upsert_body("VER-1", "v3 name"))
        again = batch_upsert_line_items_2026_03.sync(
            client=api, body=upsert_body("VER-1", "2026-03 name")
        )
    assert isinstance(first, BatchResponseSimplePublicUpsertObject)
    assert isinstance(again, BatchResponseSimplePublicUpsertObject)
    (created,), (updated,) = first.results, again.results
    assert (created.new, updated.new) == (True, False)
    assert updated.id == created.id
    assert updated.properties.to_dict()["name"] == "2026-03 name"


def test_the_dated_read_answers_in_v4_shape_with_hubspots_type_ids(
    server: ReferenceServer,
) -> None:
    with client(server) as api:
        v3 = batch_read_associations.sync(
            client=api,
            from_object_type="deals",
            to_object_type="line_items",
            body=BatchInputPublicObjectId.from_dict({"inputs": [{"id": "400"}]}),
        )
        dated = batch_read_associations_2026_03.sync(
            client=api,
            from_object_type="deals",
            to_object_type="line_items",
            body=dated_read([{"id": "400"}]),
        )
    assert v3 is not None and isinstance(dated, BatchResponsePublicAssociationMultiWithLabel)
    assert [to.to_dict() for to in v3.results[0].to] == [{"id": "500", "type": "deal_to_line_item"}]
    (result,) = dated.results
    (to,) = result.to
    assert to.to_object_id == 500  # a JSON number, as captured (dated-to-object-id-is-number)
    # deal → line item is HubSpot-defined type 19 (HubSpot's association type id table)
    assert [t.to_dict() for t in to.association_types] == [
        {"category": "HUBSPOT_DEFINED", "typeId": 19, "label": None}
    ]


def test_a_primary_association_carries_both_of_its_type_ids(server: ReferenceServer) -> None:
    with client(server) as api:
        dated = batch_read_associations_2026_03.sync(
            client=api,
            from_object_type="contacts",
            to_object_type="companies",
            body=dated_read([{"id": "100"}]),
        )
    assert isinstance(dated, BatchResponsePublicAssociationMultiWithLabel)
    type_ids = {tuple(t.type_id for t in to.association_types) for to in dated.results[0].to}
    assert type_ids == {(1, 279)}  # contact → primary company, and contact → company


def test_dated_paging_by_after_reaches_every_association(server: ReferenceServer) -> None:
    seen: list[str] = []
    after: str | None = None
    with client(server) as api:
        while True:
            item: dict[str, Any] = {"id": "100"}
            if after:
                item["after"] = after
            page = batch_read_associations_2026_03.sync(
                client=api,
                from_object_type="contacts",
                to_object_type="companies",
                body=dated_read([item]),
            )
            assert isinstance(page, BatchResponsePublicAssociationMultiWithLabel)
            (result,) = page.results
            seen += [str(to.to_object_id) for to in result.to]
            if not result.paging:
                break
            after = result.paging.next_.after
    assert sorted(seen) == [str(200 + n) for n in range(5)]


def test_async_calls_every_version(server: ReferenceServer) -> None:
    async def run() -> tuple[Any, Any]:
        async with client(server) as api:
            written = await batch_upsert_line_items_2026_03.asyncio(
                client=api, body=upsert_body("VER-ASYNC", "async")
            )
            read = await batch_read_associations_2026_03.asyncio(
                client=api,
                from_object_type="deals",
                to_object_type="line_items",
                body=dated_read([{"id": "400"}]),
            )
            return written, read

    written, read = asyncio.run(run())
    assert isinstance(written, BatchResponseSimplePublicUpsertObject)
    assert written.results[0].new is True
    assert isinstance(read, BatchResponsePublicAssociationMultiWithLabel)
    assert read.results[0].to[0].to_object_id == 500
