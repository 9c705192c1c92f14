from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_input_public_fetch_associations_batch_request import (
    BatchInputPublicFetchAssociationsBatchRequest,
)
from ...models.batch_response_public_association_multi_with_label import (
    BatchResponsePublicAssociationMultiWithLabel,
)
from ...models.batch_response_public_association_multi_with_label_with_errors import (
    BatchResponsePublicAssociationMultiWithLabelWithErrors,
)
from ...models.error import Error
from ...models.rate_limit_error import RateLimitError
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: BatchInputPublicFetchAssociationsBatchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/associations/2025-09/{from_object_type}/{to_object_type}/batch/read".format(
            from_object_type=quote(str(from_object_type), safe=""),
            to_object_type=quote(str(to_object_type), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
    | None
):
    if response.status_code == 200:
        response_200 = BatchResponsePublicAssociationMultiWithLabel.from_dict(response.json())

        return response_200

    if response.status_code == 207:
        response_207 = BatchResponsePublicAssociationMultiWithLabelWithErrors.from_dict(
            response.json()
        )

        return response_207

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
) -> Response[
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient,
    body: BatchInputPublicFetchAssociationsBatchRequest,
) -> Response[
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
]:
    """Read the associations of many records at once (2025-09)

     HubSpot's 2025-09 version of `batch_read_associations`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_read_associations` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        from_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        to_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        body (BatchInputPublicFetchAssociationsBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationMultiWithLabel | BatchResponsePublicAssociationMultiWithLabelWithErrors | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient,
    body: BatchInputPublicFetchAssociationsBatchRequest,
) -> (
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
    | None
):
    """Read the associations of many records at once (2025-09)

     HubSpot's 2025-09 version of `batch_read_associations`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_read_associations` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        from_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        to_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        body (BatchInputPublicFetchAssociationsBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationMultiWithLabel | BatchResponsePublicAssociationMultiWithLabelWithErrors | Error | RateLimitError
    """

    return sync_detailed(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient,
    body: BatchInputPublicFetchAssociationsBatchRequest,
) -> Response[
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
]:
    """Read the associations of many records at once (2025-09)

     HubSpot's 2025-09 version of `batch_read_associations`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_read_associations` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        from_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        to_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        body (BatchInputPublicFetchAssociationsBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationMultiWithLabel | BatchResponsePublicAssociationMultiWithLabelWithErrors | Error | RateLimitError]
    """

    kwargs = _get_kwargs(
        from_object_type=from_object_type,
        to_object_type=to_object_type,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    from_object_type: str,
    to_object_type: str,
    *,
    client: AuthenticatedClient,
    body: BatchInputPublicFetchAssociationsBatchRequest,
) -> (
    BatchResponsePublicAssociationMultiWithLabel
    | BatchResponsePublicAssociationMultiWithLabelWithErrors
    | Error
    | RateLimitError
    | None
):
    """Read the associations of many records at once (2025-09)

     HubSpot's 2025-09 version of `batch_read_associations`. The request and response follow
    HubSpot's 2025-09 schemas, under the component names HubSpot publishes; authentication,
    limits and error statuses are those of `batch_read_associations` in v3. `hubspot-toolkit
    spec-diff` pairs the two and lists every difference.

    Args:
        from_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        to_object_type (str): An object type, in one of the forms HubSpot resolves: a standard
            object type's name in
            any letter case, plural or singular (`contacts`, `Contacts`, `contact`), its id (`0-1`),
            or a custom object type's id (`2-1234567`) or fully qualified name (`p1234567_cars`).
            The pattern gives the forms, not the names: a name of the right form that HubSpot
            cannot resolve is a 400 "Unable to infer object type from: <value>". The path
            parameters' examples are the standard types every portal has.
             Example: contacts.
        body (BatchInputPublicFetchAssociationsBatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationMultiWithLabel | BatchResponsePublicAssociationMultiWithLabelWithErrors | Error | RateLimitError
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
            body=body,
        )
    ).parsed
