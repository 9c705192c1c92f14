"""resilient_client() through the real generated client, and the token kept out of sight."""

import asyncio
import json
import logging
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponseSimplePublicUpsertObject,
    PropertyMap,
    SimplePublicObjectBatchInputUpsert,
)
from hubspot_crm_client.types import Response

from hubspot_toolkit.client.resilience import GaveUpError, RetryPolicy, resilient_client

BASE = "https://api.hubapi.com"
TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555"
CID = "8b4f2a38-4a8a-4a65-9b39-5a41f0c1c1a7"
FAST = RetryPolicy(attempts=3, total_seconds=10, wait_initial=0.001, wait_max=0.005, wait_jitter=0)
UPSERTED = {
    "status": "COMPLETE",
    "startedAt": "2025-01-01T00:00:00+00:00",
    "completedAt": "2025-01-01T00:00:01+00:00",
    "results": [
        {
            "id": "10001",
            "archived": False,
            "new": True,
            "createdAt": "2025-01-01T00:00:00+00:00",
            "updatedAt": "2025-01-01T00:00:00+00:00",
            "properties": {"hs_sku": "SKU-1", "quantity": "2"},
        }
    ],
}


def body() -> BatchInputSimplePublicObjectBatchInputUpsert:
    properties = PropertyMap.from_dict({"quantity": "2"})
    item = SimplePublicObjectBatchInputUpsert(
        id="SKU-1", properties=properties, id_property="hs_sku"
    )
    return BatchInputSimplePublicObjectBatchInputUpsert(inputs=[item])


def flaky_server(seen: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    """503 first, then the upsert's 200; checks what each request carried."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        assert request.headers["authorization"] == f"Bearer {TOKEN}"
        assert json.loads(request.content)["inputs"][0]["idProperty"] == "hs_sku"
        if len(seen) == 1:
            return httpx.Response(503, json={"status": "error", "correlationId": CID})
        return httpx.Response(200, json=UPSERTED)

    return handler


def test_generated_client_gets_the_parsed_200_after_a_503() -> None:
    seen: list[httpx.Request] = []
    client = resilient_client(
        BASE, TOKEN, policy=FAST, transport=httpx.MockTransport(flaky_server(seen))
    )
    with client:
        response = batch_upsert_line_items.sync_detailed(client=client, body=body())
    assert response.status_code == 200
    assert isinstance(response.parsed, BatchResponseSimplePublicUpsertObject)
    assert response.parsed.results[0].id == "10001"
    assert len(seen) == 2


def test_generated_async_client_gets_the_parsed_200_after_a_503() -> None:
    seen: list[httpx.Request] = []
    client = resilient_client(
        BASE, TOKEN, policy=FAST, transport=httpx.MockTransport(flaky_server(seen))
    )

    async def call() -> Response[Any]:
        async with client:
            return await batch_upsert_line_items.asyncio_detailed(client=client, body=body())

    response = asyncio.run(call())
    assert isinstance(response.parsed, BatchResponseSimplePublicUpsertObject)
    assert len(seen) == 2


def test_the_generated_client_sees_gave_up_error_when_retrying_stops() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, json={"status": "error", "correlationId": CID})

    client = resilient_client(BASE, TOKEN, policy=FAST, transport=httpx.MockTransport(handler))
    with pytest.raises(GaveUpError) as caught:
        batch_upsert_line_items.sync_detailed(client=client, body=body())
    assert (caught.value.status, caught.value.correlation_id, caught.value.attempts) == (
        503,
        CID,
        3,
    )


def test_client_settings_are_kept_and_copies_keep_pacing_and_retrying() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503 if len(seen) % 2 else 200, json=UPSERTED)

    client = resilient_client(
        BASE, TOKEN, policy=FAST, transport=httpx.MockTransport(handler), headers={"X-Team": "crm"}
    )
    batch_upsert_line_items.sync_detailed(client=client, body=body())
    assert seen[-1].headers["x-team"] == "crm"
    copy = client.with_headers({"X-Run": "7"})  # attrs.evolve: a new client, same transport
    assert batch_upsert_line_items.sync_detailed(client=copy, body=body()).status_code == 200
    assert len(seen) == 4  # the copy retried its 503 too
    assert seen[-1].headers["x-run"] == "7" and seen[-1].headers["x-team"] == "crm"


def test_a_transport_in_httpx_args_is_refused_with_a_pointer() -> None:
    with pytest.raises(ValueError, match=r"resilient_client\(transport=...\)"):
        resilient_client(BASE, TOKEN, httpx_args={"transport": httpx.MockTransport(lambda r: r)})


def test_repr_and_str_of_the_client_hide_the_token() -> None:
    client = resilient_client(BASE, TOKEN)
    for text in (repr(client), str(client), repr(client.with_headers({"X": "y"}))):
        assert TOKEN not in text
        assert "token='***'" in text and BASE in text


def test_no_log_record_nor_error_text_carries_the_token(caplog: pytest.LogCaptureFixture) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/drop"):
            raise httpx.ConnectError(f"refused {request.url}", request=request)
        return httpx.Response(429, json={"status": "error", "correlationId": CID})

    client = resilient_client(BASE, TOKEN, policy=FAST, transport=httpx.MockTransport(handler))
    errors = []
    with caplog.at_level(logging.DEBUG):
        for path in ("/crm/v3/objects/line_items/batch/upsert", "/drop"):
            with pytest.raises(GaveUpError) as caught:
                client.get_httpx_client().post(path, json={})
            errors.append(caught.value)
    assert any("retrying POST" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(vars(record))
    for err in errors:
        assert TOKEN not in str(err) and TOKEN not in repr(err)
        assert TOKEN not in repr(vars(err))
        assert err.__cause__ is None and err.__suppress_context__


def test_gave_up_error_survives_pickling() -> None:
    err = GaveUpError(
        method="POST",
        path="/p",
        attempts=3,
        seconds=1.5,
        status=503,
        correlation_id=CID,
        reason="r",
    )
    again = pickle.loads(pickle.dumps(err))
    assert (again.status, again.correlation_id, str(again)) == (503, CID, str(err))
