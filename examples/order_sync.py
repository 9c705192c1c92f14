"""A small integration, as yours might be: an order's lines become line items keyed by your own
line id, and the sync reports which of them its deal does not have yet.

`test_order_sync.py` beside it tests this end to end against HubSpot stand-ins: the `hubspot`
fixture for the generated client (sync and async), `hubspot_server` for HubSpot's own SDK.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
    Error,
    PublicObjectId,
)

# A custom property created with hasUniqueValue: true: your system's key for each line.
KEY = "external_line_item_id"
CHUNK = 100  # HubSpot's limit per batch upsert


class SyncError(Exception):
    """HubSpot refused a step; the message says which and why."""


@dataclass(frozen=True)
class OrderLine:
    key: str
    name: str
    quantity: int
    price: str


@dataclass(frozen=True)
class SyncReport:
    ids: dict[str, str]  # line key → line item id
    created: int  # line items that did not exist before
    not_on_deal: list[str]  # keys of lines whose line item the deal does not have yet


def _chunks(lines: Sequence[OrderLine]) -> list[Sequence[OrderLine]]:
    return [lines[start : start + CHUNK] for start in range(0, len(lines), CHUNK)]


def _upsert_body(chunk: Sequence[OrderLine]) -> BatchInputSimplePublicObjectBatchInputUpsert:
    return BatchInputSimplePublicObjectBatchInputUpsert.from_dict(
        {
            "inputs": [
                {
                    "id": line.key,
                    "idProperty": KEY,
                    "properties": {
                        "name": line.name,
                        "quantity": str(line.quantity),
                        "price": line.price,
                    },
                }
                for line in chunk
            ]
        }
    )


def _upserted(answer: Any) -> tuple[dict[str, str], int]:
    if not isinstance(
        answer,
        BatchResponseSimplePublicUpsertObject | BatchResponseSimplePublicUpsertObjectWithErrors,
    ):
        raise SyncError(f"the upsert was refused: {_why(answer)}")
    ids = {result.properties[KEY]: result.id for result in answer.results}
    return ids, sum(1 for result in answer.results if result.new)


def _deal_body(deal_id: str) -> BatchInputPublicObjectId:
    return BatchInputPublicObjectId(inputs=[PublicObjectId(id=deal_id)])


def _on_deal(answer: Any) -> set[str]:
    if not isinstance(
        answer, BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors
    ):
        raise SyncError(f"reading the deal's line items was refused: {_why(answer)}")
    # A deal without line items may come back as an error for its id (207): none, then.
    return {to.id for result in answer.results for to in result.to}


def _why(answer: Any) -> str:
    if isinstance(answer, Error):
        return f"{answer.category}: {answer.message}"
    return f"{type(answer).__name__}: {getattr(answer, 'message', answer)}"


def _report(ids: dict[str, str], created: int, on_deal: set[str]) -> SyncReport:
    missing = [key for key, record_id in ids.items() if record_id not in on_deal]
    return SyncReport(ids, created, missing)


def sync_order(client: AuthenticatedClient, deal_id: str, lines: Sequence[OrderLine]) -> SyncReport:
    ids: dict[str, str] = {}
    created = 0
    for chunk in _chunks(lines):
        chunk_ids, chunk_created = _upserted(
            batch_upsert_line_items.sync(client=client, body=_upsert_body(chunk))
        )
        ids.update(chunk_ids)
        created += chunk_created
    answer = batch_read_associations.sync(
        "deals", "line_items", client=client, body=_deal_body(deal_id)
    )
    return _report(ids, created, _on_deal(answer))


async def async_sync_order(
    client: AuthenticatedClient, deal_id: str, lines: Sequence[OrderLine]
) -> SyncReport:
    """The same, with the chunks sent concurrently."""
    answers = await asyncio.gather(
        *(
            batch_upsert_line_items.asyncio(client=client, body=_upsert_body(chunk))
            for chunk in _chunks(lines)
        )
    )
    ids: dict[str, str] = {}
    created = 0
    for answer in answers:
        chunk_ids, chunk_created = _upserted(answer)
        ids.update(chunk_ids)
        created += chunk_created
    read = await batch_read_associations.asyncio(
        "deals", "line_items", client=client, body=_deal_body(deal_id)
    )
    return _report(ids, created, _on_deal(read))


def sync_order_with_sdk(api: Any, lines: Sequence[OrderLine]) -> dict[str, str]:
    """The upsert half with HubSpot's own SDK (hubspot-api-client): `api` is
    `hubspot.HubSpot(access_token=..., host=...)`. Each line's line item id, by key."""
    from hubspot.crm.line_items import (  # type: ignore[import-untyped]
        BatchInputSimplePublicObjectBatchInputUpsert as SdkBatch,
    )
    from hubspot.crm.line_items import (
        SimplePublicObjectBatchInputUpsert as SdkInput,
    )

    ids: dict[str, str] = {}
    for chunk in _chunks(lines):
        body = SdkBatch(
            inputs=[
                SdkInput(
                    id=line.key,
                    id_property=KEY,
                    properties={"name": line.name, "quantity": str(line.quantity)},
                )
                for line in chunk
            ]
        )
        answer = api.crm.line_items.batch_api.upsert(
            batch_input_simple_public_object_batch_input_upsert=body
        )
        ids.update({result.properties[KEY]: result.id for result in answer.results})
    return ids
