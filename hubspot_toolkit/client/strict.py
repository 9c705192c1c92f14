"""A generated client that refuses responses the spec does not allow.

The generated models trust the wire: a number where the spec says string, or an unknown status,
would otherwise pass through as a silently wrong object or a None. A strict client checks each
response against the spec the client was generated from (shipped inside the package) and raises
ContractViolation, naming the operation, status and JSON path, before parsing.
"""

import json
from functools import cache
from importlib import resources
from typing import Any

import httpx

from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.errors import ContractViolation
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import check_response, find_operation

__all__ = ["ContractViolation", "check_exchange", "strict_client"]


@cache
def bundled_spec() -> Document:
    """The spec the installed client was generated from."""
    text = resources.files("hubspot_crm_client").joinpath("openapi.json").read_text("utf-8")
    document: Document = json.loads(text)
    return document


def check_exchange(response: httpx.Response) -> None:
    """Raise ContractViolation unless response is allowed by the spec for its request."""
    request = response.request
    operation = find_operation(bundled_spec(), request.method, request.url.path)
    if operation is None:
        return  # not one of ours: nothing to hold it to
    check_response(operation, response.status_code, dict(response.headers), response.content)


def _check_sync(response: httpx.Response) -> None:
    response.read()
    check_exchange(response)


async def _check_async(response: httpx.Response) -> None:
    await response.aread()
    check_exchange(response)


def strict_client(
    base_url: str,
    token: str,
    *,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    **client_args: Any,
) -> RedactedClient:
    """An AuthenticatedClient whose every response is checked against the spec (and whose
    repr hides the token).

    Also raises errors.UnexpectedStatus rather than returning None for statuses the spec does
    not document (the check catches them first).
    """
    client = RedactedClient(
        base_url=base_url, token=token, raise_on_unexpected_status=True, **client_args
    )
    headers = {client.auth_header_name: f"{client.prefix} {token}".strip()}
    client.set_httpx_client(
        httpx.Client(
            base_url=base_url,
            headers=headers,
            timeout=timeout,
            transport=transport,
            event_hooks={"response": [_check_sync]},
        )
    )
    client.set_async_httpx_client(
        httpx.AsyncClient(
            base_url=base_url,
            headers=headers,
            timeout=timeout,
            transport=async_transport,
            event_hooks={"response": [_check_async]},
        )
    )
    return client
