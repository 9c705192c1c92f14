"""A generated AuthenticatedClient wired to the resilient transports (its repr hides the token)."""

from typing import Any

import httpx

from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.client.resilience.budget import DEFAULT_BUDGET, Budget
from hubspot_toolkit.client.resilience.pacer import AsyncPacer, Pacer
from hubspot_toolkit.client.resilience.policy import RetryPolicy
from hubspot_toolkit.client.resilience.transport import AsyncResilientTransport, ResilientTransport


class _EitherTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """One object for `httpx_args["transport"]`, which the generated client hands to both its
    httpx.Client and httpx.AsyncClient. Going through httpx_args (not set_httpx_client) keeps
    its other settings (headers, cookies, follow_redirects) and keeps the transports in the
    copies that with_headers() / with_timeout() / with_cookies() make."""

    def __init__(self, sync: ResilientTransport, async_: AsyncResilientTransport) -> None:
        self.sync = sync
        self.async_ = async_

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.async_.handle_async_request(request)

    def close(self) -> None:
        self.sync.close()

    async def aclose(self) -> None:
        await self.async_.aclose()


def resilient_client(
    base_url: str,
    token: str,
    *,
    budget: Budget = DEFAULT_BUDGET,
    policy: RetryPolicy | None = None,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    **client_args: Any,
) -> RedactedClient:
    """A client that paces itself to `budget`, an upper bound (the server's rate-limit headers
    may only slow it down, never raise it), and retries
    429, 5xx and dropped connections per `policy`, for sync and async calls alike.

    `transport` / `async_transport` replace the network underneath (httpx.MockTransport in
    tests; one that is both, like MockTransport, serves both); pacing and retrying are layered
    on top of them. `client_args` go to AuthenticatedClient (headers, verify_ssl, httpx_args...).
    Sync and async calls have a pacer each: send through one of them at a time.
    """
    policy = policy if policy is not None else RetryPolicy()
    httpx_args = dict(client_args.pop("httpx_args", None) or {})
    if "transport" in httpx_args:
        raise ValueError("pass the transport as resilient_client(transport=...), not httpx_args")
    verify = client_args.get("verify_ssl", True)
    if async_transport is None and isinstance(transport, httpx.AsyncBaseTransport):
        async_transport = transport
    # A transport given to httpx.Client makes it ignore `verify`: hand it to ours instead.
    if transport is None:
        transport = httpx.HTTPTransport(verify=verify)
    if async_transport is None:
        async_transport = httpx.AsyncHTTPTransport(verify=verify)
    httpx_args["transport"] = _EitherTransport(
        ResilientTransport(transport, pacer=Pacer(budget), policy=policy),
        AsyncResilientTransport(async_transport, pacer=AsyncPacer(budget), policy=policy),
    )
    return RedactedClient(
        base_url=base_url,
        token=token,
        timeout=httpx.Timeout(timeout),
        httpx_args=httpx_args,
        **{"raise_on_unexpected_status": True, **client_args},
    )
