"""The `hubspot_server` fixture: the same stand-in on a loopback port, for clients that are not
httpx, started once per session and reset before each test."""

import pytest
import requests

from hubspot_toolkit.testing import ServerStandIn, StandInError
from tests.testing.helpers import KEY, UPSERT, bearer, ids, keyed, read_path


def post(server: ServerStandIn, path: str, body: object, token: str) -> requests.Response:
    return requests.post(server.base_url + path, json=body, headers=bearer(token), timeout=30)


def test_requests_against_arranged_data(hubspot_server: ServerStandIn) -> None:
    assert hubspot_server.base_url == f"http://127.0.0.1:{hubspot_server.port}"
    (item,) = hubspot_server.add_records("line_items", [{KEY: "A-1", "name": "arranged"}])
    hubspot_server.associate("deals", 101, "line_items", item)

    updated = post(hubspot_server, UPSERT, keyed("A-1", price="3"), hubspot_server.token)
    read = post(hubspot_server, read_path("deals", "line_items"), ids("101"), hubspot_server.token)

    assert updated.json()["results"][0]["id"] == item
    assert read.json()["results"][0]["to"] == [{"id": item, "type": "deal_to_line_item"}]
    stored = hubspot_server.line_items(by=KEY)["A-1"]
    assert stored.properties.keys() == {KEY, "name", "price"}
    assert stored.properties["name"] == "arranged"
    assert [(r.operation, r.status) for r in hubspot_server.requests()] == [
        ("batch_upsert_line_items", 200),
        ("batch_read_associations", 200),
    ]


def test_state_from_the_last_test_is_gone_1(hubspot_server: ServerStandIn) -> None:
    hubspot_server.add_records("line_items", [{KEY: "LEAK"}])
    hubspot_server.token = hubspot_server.add_token(["crm.objects.contacts.read"], token="t-leak")
    hubspot_server.limit_rate(1, 60)
    hubspot_server.inject_faults(1.0)
    hubspot_server.define_property("colour")
    hubspot_server.serve_only("2026-03")
    post(hubspot_server, UPSERT, keyed("A"), "dev-token")


def test_state_from_the_last_test_is_gone_2(hubspot_server: ServerStandIn) -> None:
    assert hubspot_server.line_items() == {}
    assert hubspot_server.requests() == []
    assert (hubspot_server.token, hubspot_server.version) == ("dev-token", None)
    assert post(hubspot_server, UPSERT, keyed("A"), "t-leak").status_code == 401
    answers = [post(hubspot_server, UPSERT, keyed("A"), "dev-token") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    refused = post(hubspot_server, UPSERT, keyed("A", colour="red"), "dev-token")
    assert refused.status_code == 400


@pytest.mark.hubspot(scopes=["crm.objects.deals.read"], version="v3")
def test_the_same_marker(hubspot_server: ServerStandIn) -> None:
    assert post(hubspot_server, UPSERT, keyed("A"), hubspot_server.token).status_code == 403
    dated = "/crm/objects/2026-03/line_items/batch/upsert"
    assert post(hubspot_server, dated, keyed("A"), "dev-token").status_code == 404


def test_bad_use_over_http_is_the_same_line(hubspot_server: ServerStandIn) -> None:
    with pytest.raises(StandInError, match=r"^add_records\('widgets'\): unknown object type"):
        hubspot_server.add_records("widgets", ["1"])
