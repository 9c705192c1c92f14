from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_input_simple_public_object_batch_input_upsert import (
    BatchInputSimplePublicObjectBatchInputUpsert,
)
from ...models.batch_response_simple_public_upsert_object_202509 import (
    BatchResponseSimplePublicUpsertObject202509,
)
from ...models.error import Error
from ...models.rate_limit_error import RateLimitError
from ...types import Response


def _get_kwargs(
    *,
    body: BatchInputSimplePublicObjectBatchInputUpsert,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/objects/2025-09/line_items/batch/upsert",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError | None:
    if response.status_code == 200:
        response_200 = BatchResponseSimplePublicUpsertObject202509.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchInputSimplePublicObjectBatchInputUpsert,
) -> Response[BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError]:
    """Create or update many line items by a unique property (2025-09)

     HubSpot's 2025-09 version of `batch_upsert_line_items`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_upsert_line_items` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        body (BatchInputSimplePublicObjectBatchInputUpsert):  Example: {'inputs': [{'id':
            'SKU-1001', 'idProperty': 'external_line_item_id', 'properties': {'quantity': '2'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BatchInputSimplePublicObjectBatchInputUpsert,
) -> BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError | None:
    """Create or update many line items by a unique property (2025-09)

     HubSpot's 2025-09 version of `batch_upsert_line_items`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_upsert_line_items` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        body (BatchInputSimplePublicObjectBatchInputUpsert):  Example: {'inputs': [{'id':
            'SKU-1001', 'idProperty': 'external_line_item_id', 'properties': {'quantity': '2'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchInputSimplePublicObjectBatchInputUpsert,
) -> Response[BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError]:
    """Create or update many line items by a unique property (2025-09)

     HubSpot's 2025-09 version of `batch_upsert_line_items`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_upsert_line_items` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        body (BatchInputSimplePublicObjectBatchInputUpsert):  Example: {'inputs': [{'id':
            'SKU-1001', 'idProperty': 'external_line_item_id', 'properties': {'quantity': '2'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BatchInputSimplePublicObjectBatchInputUpsert,
) -> BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError | None:
    """Create or update many line items by a unique property (2025-09)

     HubSpot's 2025-09 version of `batch_upsert_line_items`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_upsert_line_items` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        body (BatchInputSimplePublicObjectBatchInputUpsert):  Example: {'inputs': [{'id':
            'SKU-1001', 'idProperty': 'external_line_item_id', 'properties': {'quantity': '2'}}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponseSimplePublicUpsertObject202509 | Error | RateLimitError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
