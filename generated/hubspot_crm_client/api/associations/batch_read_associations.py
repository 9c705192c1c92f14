from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_input_public_object_id import BatchInputPublicObjectId
from ...models.batch_response_public_association_multi import BatchResponsePublicAssociationMulti
from ...models.batch_response_public_association_multi_with_errors import (
    BatchResponsePublicAssociationMultiWithErrors,
)
from ...models.error import Error
from ...models.rate_limit_error import RateLimitError
from ...types import Response


def _get_kwargs(
    from_object_type: str,
    to_object_type: str,
    *,
    body: BatchInputPublicObjectId,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/crm/v3/associations/{from_object_type}/{to_object_type}/batch/read".format(
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
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | Error
    | RateLimitError
    | None
):
    if response.status_code == 200:
        response_200 = BatchResponsePublicAssociationMulti.from_dict(response.json())

        return response_200

    if response.status_code == 207:
        response_207 = BatchResponsePublicAssociationMultiWithErrors.from_dict(response.json())

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
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
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
    body: BatchInputPublicObjectId,
) -> Response[
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | Error
    | RateLimitError
]:
    """Read the associations of many records at once

     Returns, for each input id, the records of `toObjectType` associated with it, each with
    its association type (for example `contact_to_company`).

    - Object types are accepted by name (`contacts`, `companies`, `deals`, `tickets`,
      `line_items`, `products`, `quotes`, …) or by id (`0-1` contacts, `0-2` companies,
      `0-3` deals, `0-5` tickets, `0-7` products, `0-8` line items, `0-14` quotes,
      `2-…` custom objects).
    - At most 1000 inputs per request (HubSpot enforces this since 2025-02-10).
    - An id with no associations of `toObjectType` (or none at all) has no result: it is
      reported in `errors` (status 207) with category OBJECT_NOT_FOUND, subCategory
      `crm.associations.NO_ASSOCIATIONS_FOUND`, message "No company is associated with
      deal 1." and `context` fromObjectId, fromObjectType, toObjectType (singular names).
    - Object types resolve in any letter case, plural or singular (`Contacts`, `deal`);
      an unknown one is a 400 "Unable to infer object type from: <value>", without category.
    - At most 100 associations per result. A result with more carries `paging.next`
      {after, link}, whose link is another API's; v3 ignores an `after` sent back in an
      input, so read such a record again through a dated version, which pages.
    - The token needs the read scope of both object types involved
      (`crm.objects.<type>.read`; `crm.objects.custom.read` for custom objects).

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
        body (BatchInputPublicObjectId):  Example: {'inputs': [{'id': '37295'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors | Error | RateLimitError]
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
    body: BatchInputPublicObjectId,
) -> (
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | Error
    | RateLimitError
    | None
):
    """Read the associations of many records at once

     Returns, for each input id, the records of `toObjectType` associated with it, each with
    its association type (for example `contact_to_company`).

    - Object types are accepted by name (`contacts`, `companies`, `deals`, `tickets`,
      `line_items`, `products`, `quotes`, …) or by id (`0-1` contacts, `0-2` companies,
      `0-3` deals, `0-5` tickets, `0-7` products, `0-8` line items, `0-14` quotes,
      `2-…` custom objects).
    - At most 1000 inputs per request (HubSpot enforces this since 2025-02-10).
    - An id with no associations of `toObjectType` (or none at all) has no result: it is
      reported in `errors` (status 207) with category OBJECT_NOT_FOUND, subCategory
      `crm.associations.NO_ASSOCIATIONS_FOUND`, message "No company is associated with
      deal 1." and `context` fromObjectId, fromObjectType, toObjectType (singular names).
    - Object types resolve in any letter case, plural or singular (`Contacts`, `deal`);
      an unknown one is a 400 "Unable to infer object type from: <value>", without category.
    - At most 100 associations per result. A result with more carries `paging.next`
      {after, link}, whose link is another API's; v3 ignores an `after` sent back in an
      input, so read such a record again through a dated version, which pages.
    - The token needs the read scope of both object types involved
      (`crm.objects.<type>.read`; `crm.objects.custom.read` for custom objects).

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
        body (BatchInputPublicObjectId):  Example: {'inputs': [{'id': '37295'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors | Error | RateLimitError
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
    body: BatchInputPublicObjectId,
) -> Response[
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | Error
    | RateLimitError
]:
    """Read the associations of many records at once

     Returns, for each input id, the records of `toObjectType` associated with it, each with
    its association type (for example `contact_to_company`).

    - Object types are accepted by name (`contacts`, `companies`, `deals`, `tickets`,
      `line_items`, `products`, `quotes`, …) or by id (`0-1` contacts, `0-2` companies,
      `0-3` deals, `0-5` tickets, `0-7` products, `0-8` line items, `0-14` quotes,
      `2-…` custom objects).
    - At most 1000 inputs per request (HubSpot enforces this since 2025-02-10).
    - An id with no associations of `toObjectType` (or none at all) has no result: it is
      reported in `errors` (status 207) with category OBJECT_NOT_FOUND, subCategory
      `crm.associations.NO_ASSOCIATIONS_FOUND`, message "No company is associated with
      deal 1." and `context` fromObjectId, fromObjectType, toObjectType (singular names).
    - Object types resolve in any letter case, plural or singular (`Contacts`, `deal`);
      an unknown one is a 400 "Unable to infer object type from: <value>", without category.
    - At most 100 associations per result. A result with more carries `paging.next`
      {after, link}, whose link is another API's; v3 ignores an `after` sent back in an
      input, so read such a record again through a dated version, which pages.
    - The token needs the read scope of both object types involved
      (`crm.objects.<type>.read`; `crm.objects.custom.read` for custom objects).

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
        body (BatchInputPublicObjectId):  Example: {'inputs': [{'id': '37295'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors | Error | RateLimitError]
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
    body: BatchInputPublicObjectId,
) -> (
    BatchResponsePublicAssociationMulti
    | BatchResponsePublicAssociationMultiWithErrors
    | Error
    | RateLimitError
    | None
):
    """Read the associations of many records at once

     Returns, for each input id, the records of `toObjectType` associated with it, each with
    its association type (for example `contact_to_company`).

    - Object types are accepted by name (`contacts`, `companies`, `deals`, `tickets`,
      `line_items`, `products`, `quotes`, …) or by id (`0-1` contacts, `0-2` companies,
      `0-3` deals, `0-5` tickets, `0-7` products, `0-8` line items, `0-14` quotes,
      `2-…` custom objects).
    - At most 1000 inputs per request (HubSpot enforces this since 2025-02-10).
    - An id with no associations of `toObjectType` (or none at all) has no result: it is
      reported in `errors` (status 207) with category OBJECT_NOT_FOUND, subCategory
      `crm.associations.NO_ASSOCIATIONS_FOUND`, message "No company is associated with
      deal 1." and `context` fromObjectId, fromObjectType, toObjectType (singular names).
    - Object types resolve in any letter case, plural or singular (`Contacts`, `deal`);
      an unknown one is a 400 "Unable to infer object type from: <value>", without category.
    - At most 100 associations per result. A result with more carries `paging.next`
      {after, link}, whose link is another API's; v3 ignores an `after` sent back in an
      input, so read such a record again through a dated version, which pages.
    - The token needs the read scope of both object types involved
      (`crm.objects.<type>.read`; `crm.objects.custom.read` for custom objects).

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
        body (BatchInputPublicObjectId):  Example: {'inputs': [{'id': '37295'}]}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchResponsePublicAssociationMulti | BatchResponsePublicAssociationMultiWithErrors | Error | RateLimitError
    """

    return (
        await asyncio_detailed(
            from_object_type=from_object_type,
            to_object_type=to_object_type,
            client=client,
            body=body,
        )
    ).parsed
