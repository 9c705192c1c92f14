"""order_sync.py tested end to end against HubSpot stand-ins: the pytest plugin of the [testing]
extra gives each test a fresh HubSpot, with no server to start and nothing to clean up.

`hubspot` runs in this process and serves any httpx client (the generated client here);
`hubspot_server` listens on a loopback port for every other client (HubSpot's own SDK here).
"""

import asyncio

import pytest
from hubspot import HubSpot  # type: ignore[import-untyped]
from order_sync import (
    KEY,
    OrderLine,
    SyncError,
    SyncReport,
    async_sync_order,
    sync_order,
    sync_order_with_sdk,
)

from hubspot_toolkit.testing import InProcessStandIn, ServerStandIn


def order(count: int) -> list[OrderLine]:
    return [OrderLine(f"L-{n}", f"Line {n}", n % 5 + 1, "9.50") for n in range(count)]


def test_an_order_becomes_line_items_in_chunks_of_100(hubspot: InProcessStandIn) -> None:
    # Arrange: the deal already has the order's first line.
    (first,) = hubspot.add_records("line_items", [{KEY: "L-0", "name": "Line 0"}])
    hubspot.associate("deals", "101", "line_items", first)

    with hubspot.client() as client:
        report = sync_order(client, "101", order(250))

    assert report.ids["L-0"] == first
    assert (len(report.ids), report.created) == (250, 249)
    assert report.not_on_deal == [f"L-{n}" for n in range(1, 250)]
    # What HubSpot received and what it stored:
    upserts = [r for r in hubspot.requests() if r.operation == "batch_upsert_line_items"]
    assert [len(r.body["inputs"]) for r in upserts] == [100, 100, 50]
    assert all(r.status == 200 for r in hubspot.requests())
    stored = hubspot.line_items(by=KEY)
    assert len(stored) == 250
    # numbers as HubSpot keeps them may be written differently: compare the text ones
    assert stored["L-7"].properties.keys() == {KEY, "name", "quantity", "price"}
    assert stored["L-7"].properties["name"] == "Line 7"
    assert stored["L-0"].updated_at > stored["L-0"].created_at  # updated, not created again


def test_the_async_sync_gives_the_same_report(hubspot: InProcessStandIn) -> None:
    hubspot.associate(
        "deals", "101", "line_items", hubspot.add_records("line_items", [{KEY: "L-0"}])
    )

    async def run() -> SyncReport:
        async with hubspot.client() as client:
            return await async_sync_order(client, "101", order(150))

    report = asyncio.run(run())

    assert (len(report.ids), report.created, len(report.not_on_deal)) == (150, 149, 149)
    assert len(hubspot.line_items()) == 150


@pytest.mark.hubspot(scopes=["crm.objects.line_items.write"])
def test_a_token_that_cannot_read_deals_stores_the_lines_then_says_so(
    hubspot: InProcessStandIn,
) -> None:
    hubspot.associate("deals", "101", "line_items", ["900"])

    with hubspot.client() as client, pytest.raises(SyncError, match="MISSING_SCOPES"):
        sync_order(client, "101", order(3))

    assert sorted(hubspot.line_items(by=KEY)) == ["L-0", "L-1", "L-2"]


@pytest.mark.hubspot(rate_limit=2, rate_window=60)
def test_past_the_rate_limit_the_sync_stops(hubspot: InProcessStandIn) -> None:
    with hubspot.client() as client, pytest.raises(SyncError, match="refused"):
        sync_order(client, "101", order(250))

    assert [r.status for r in hubspot.requests()] == [200, 200, 429]
    assert len(hubspot.line_items()) == 200


def test_hubspots_sdk_upserts_by_the_unique_property(hubspot_server: ServerStandIn) -> None:
    api = HubSpot(access_token=hubspot_server.token, host=hubspot_server.base_url)

    first = sync_order_with_sdk(api, order(120))
    again = sync_order_with_sdk(api, order(120))

    assert first == again  # keyed by the unique property: the same records, updated
    stored = hubspot_server.line_items(by=KEY)
    assert len(stored) == 120
    assert stored["L-5"].properties.keys() == {KEY, "name", "quantity"}
    assert stored["L-5"].properties["name"] == "Line 5"
    assert [r.status for r in hubspot_server.requests()] == [200, 200, 200, 200]


def test_each_test_starts_from_an_empty_hubspot(hubspot_server: ServerStandIn) -> None:
    assert hubspot_server.line_items() == {}
    assert hubspot_server.requests() == []
