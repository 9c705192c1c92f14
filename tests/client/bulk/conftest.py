"""A reference server process with associations to page through, and clients for it."""

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from hubspot_toolkit.client.redacted import RedactedClient
from hubspot_toolkit.client.resilience import RetryPolicy, resilient_client
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer
from tests.portal import custom_property
from tests.portal import portal_properties as write_portal

# Contacts 1000..1019 each associated with (n % 7) companies; page size 2 forces paging.
CONTACTS = [str(1000 + n) for n in range(20)]
COMPANIES_OF = {c: [str(5000 + 10 * n + k) for k in range(n % 7)] for n, c in enumerate(CONTACTS)}
T = TypeVar("T")
KEY = SHIPPED_UNIQUE_KEY  # the shipped definitions' unique property (hs_sku is not unique)
FAST_RETRIES = RetryPolicy(attempts=10, total_seconds=30, wait_initial=0.01, wait_max=0.2)


def associations_file() -> dict[str, object]:
    return {
        "records": [{"objectType": "contacts", "id": c} for c in CONTACTS],
        "associations": [
            {
                "fromObjectType": "contacts",
                "fromId": contact,
                "toObjectType": "companies",
                "toId": company,
                "type": "contact_to_company",
            }
            for contact, companies in COMPANIES_OF.items()
            for company in companies
        ],
    }


def portal_properties(path: Path) -> Path:
    """The shipped definitions plus what these tests' rows name: a second unique key, erp_code,
    and a bool, taxable (the server refuses properties it does not define)."""
    return write_portal(
        path,
        custom_property("erp_code", "string", "text", hasUniqueValue=True),
        custom_property("taxable", "bool", "booleancheckbox"),
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    work = tmp_path_factory.mktemp("bulk")
    associations = work / "associations.json"
    associations.write_text(json.dumps(associations_file()))
    with ReferenceServer(
        work / "db.sqlite3",
        associations_file=associations,
        page_size=2,
        properties_file=portal_properties(work / "properties.json"),
    ) as running:
        yield running


@pytest.fixture
def client(server: ReferenceServer) -> Iterator[RedactedClient]:
    with resilient_client(server.base_url, "dev-token", policy=FAST_RETRIES) as made:
        yield made


def run_async(client: RedactedClient, job: Callable[[], Awaitable[T]]) -> T:
    """Run job in a fresh event loop and close the client's async connections in that same loop,
    as `async with client` does (a sync `with` closes only the sync ones)."""

    async def run() -> T:
        try:
            return await job()
        finally:
            await client.get_async_httpx_client().aclose()

    return asyncio.run(run())
