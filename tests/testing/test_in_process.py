"""The `hubspot` fixture: the reference app in-process, through one httpx transport (sync and
async), arranged and inspected by the test, fresh for each test."""

import asyncio
import json
from pathlib import Path

import httpx
import pytest
from hubspot_crm_client.api.associations import batch_read_associations
from hubspot_crm_client.api.line_items import batch_upsert_line_items
from hubspot_crm_client.models import (
    BatchInputPublicObjectId,
    BatchInputSimplePublicObjectBatchInputUpsert,
    BatchResponsePublicAssociationMulti,
    BatchResponseSimplePublicUpsertObject,
)

from hubspot_toolkit.client.bulk.versions import as_body, dated_versions, endpoint
from hubspot_toolkit.server.config import PORTAL_ID
from hubspot_toolkit.testing import InProcessStandIn, StandInError, stand_in
from tests.testing.helpers import KEY, UPSERT, UPSERT_DATED, bearer, ids, keyed, read_path

HERE = Path(__file__).parent
UPSERT_BODY = BatchInputSimplePublicObjectBatchInputUpsert.from_dict(keyed("A"))
READ_BODY = BatchInputPublicObjectId.from_dict(ids("101"))


def test_the_generated_client_sync_and_async(hubspot: InProcessStandIn) -> None:
    hubspot.associate("deals", "101", "line_items", ["900", "901"])
    body = BatchInputSimplePublicObjectBatchInputUpsert.from_dict(keyed("A-1", name="a"))
    read = BatchInputPublicObjectId.from_dict(ids("101"))
    client = hubspot.client()
    with client:
        assert isinstance(client.get_httpx_client()._transport, httpx.BaseTransport)
        upserted = batch_upsert_line_items.sync(client=client, body=body)
        associated = batch_read_associations.sync("deals", "line_items", client=client, body=read)
    assert isinstance(upserted, BatchResponseSimplePublicUpsertObject)
    assert isinstance(associated, BatchResponsePublicAssociationMulti)
    assert sorted(to.id for to in associated.results[0].to) == ["900", "901"]

    async def run() -> tuple[object, object]:
        async with hubspot.client() as async_client:
            again = await batch_upsert_line_items.asyncio(client=async_client, body=body)
            back = await batch_read_associations.asyncio(
                "line_items",
                "deals",
                client=async_client,
                body=BatchInputPublicObjectId.from_dict(ids("900")),
            )
            return again, back

    again, back = asyncio.run(run())
    assert isinstance(again, BatchResponseSimplePublicUpsertObject)
    assert not again.results[0].new and again.results[0].id == upserted.results[0].id
    assert isinstance(back, BatchResponsePublicAssociationMulti)
    assert [(to.id, to.type_) for to in back.results[0].to] == [("101", "line_item_to_deal")]


def test_any_httpx_client_sync_and_async_and_the_strict_client(hubspot: InProcessStandIn) -> None:
    headers = bearer(hubspot.token)
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        assert client.post(UPSERT, json=keyed("A-1"), headers=headers).status_code == 200

    async def run() -> int:
        async with httpx.AsyncClient(base_url=hubspot.base_url, transport=hubspot.transport) as c:
            return (await c.post(UPSERT, json=keyed("A-2"), headers=headers)).status_code

    assert asyncio.run(run()) == 200
    body = BatchInputSimplePublicObjectBatchInputUpsert.from_dict(keyed("A-3"))
    with hubspot.client(strict=True) as strict:  # every answer checked against the spec
        assert isinstance(
            batch_upsert_line_items.sync(client=strict, body=body),
            BatchResponseSimplePublicUpsertObject,
        )
    assert sorted(hubspot.line_items(by=KEY)) == ["A-1", "A-2", "A-3"]


def test_what_was_received_and_stored(hubspot: InProcessStandIn) -> None:
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        client.post(UPSERT, json=keyed("A-1", name="first"), headers=bearer(hubspot.token))
        client.post(UPSERT, json=keyed("A-1", price="2.50"), headers=bearer(hubspot.token))
        client.post(UPSERT, json=keyed("A-2"), headers=bearer("not-a-token"))
        client.post(
            UPSERT,
            content=b"{oops",
            headers={**bearer(hubspot.token), "Content-Type": "application/json"},
        )

    received = hubspot.requests()
    assert [(r.method, r.path, r.status) for r in received] == [("POST", UPSERT, 200)] * 2 + [
        ("POST", UPSERT, 401),
        ("POST", UPSERT, 400),
    ]
    assert received[0].body == keyed("A-1", name="first")
    assert received[3].body == "{oops"
    assert (received[0].operation, received[0].version) == ("batch_upsert_line_items", "v3")
    assert "not-a-token" not in repr(received)
    (item,) = hubspot.line_items().values()
    assert item.properties.keys() == {KEY, "name", "price"}  # merged
    assert item.properties["name"] == "first"
    assert item.created_at < item.updated_at
    assert hubspot.line_items(by=KEY) == {"A-1": item}


def test_each_test_gets_a_fresh_stand_in_1(hubspot: InProcessStandIn) -> None:
    hubspot.add_records("line_items", [{KEY: "LEAK"}])
    hubspot.limit_rate(1)
    hubspot.serve_only("2026-03")


def test_each_test_gets_a_fresh_stand_in_2(hubspot: InProcessStandIn) -> None:
    assert hubspot.line_items() == {}
    assert hubspot.requests() == []
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        for _ in range(3):
            assert client.post(UPSERT, json=keyed("A"), headers=bearer(hubspot.token)).is_success


@pytest.mark.hubspot(scopes=["crm.objects.line_items.write"])
def test_a_limited_token(hubspot: InProcessStandIn) -> None:
    hubspot.associate("deals", "101", "line_items", "900")
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        assert (
            client.post(UPSERT, json=keyed("A"), headers=bearer(hubspot.token)).status_code == 200
        )
        refused = client.post(
            read_path("deals", "line_items"), json=ids("101"), headers=bearer(hubspot.token)
        )
        reader = hubspot.add_token(["crm.objects.deals.read", "crm.objects.line_items.read"])
        allowed = client.post(
            read_path("deals", "line_items"), json=ids("101"), headers=bearer(reader)
        )
    assert refused.status_code == 403
    assert refused.json()["context"]["missingScopes"] == [
        "crm.objects.deals.read",
        "crm.objects.line_items.read",
    ]
    assert allowed.status_code == 200


@pytest.mark.hubspot(rate_limit=2, rate_window=60)
def test_a_rate_limit(hubspot: InProcessStandIn) -> None:
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        answers = [
            client.post(UPSERT, json=keyed("A"), headers=bearer(hubspot.token)) for _ in range(3)
        ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].headers["X-HubSpot-RateLimit-Max"] == "2"
    assert answers[2].json()["errorType"] == "RATE_LIMIT"


@pytest.mark.hubspot(version="2026-03")
def test_a_dated_version_only(hubspot: InProcessStandIn) -> None:
    assert hubspot.version == "2026-03"
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        dated = client.post(UPSERT_DATED, json=keyed("A"), headers=bearer(hubspot.token))
        v3 = client.post(UPSERT, json=keyed("A"), headers=bearer(hubspot.token))
    assert dated.status_code == 200
    assert v3.status_code == 404
    assert "serves API version 2026-03 only" in v3.json()["message"]
    assert [(r.version, r.status) for r in hubspot.requests()] == [("2026-03", 200), ("v3", 404)]


@pytest.mark.parametrize(
    ("hubspot", "path"),
    [({"version": "v3"}, UPSERT), ({"version": "2026-03"}, UPSERT_DATED)],
    indirect=["hubspot"],
)
def test_options_as_fixture_parameters(hubspot: InProcessStandIn, path: str) -> None:
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        assert client.post(path, json=keyed("A"), headers=bearer(hubspot.token)).status_code == 200


EVERY_VERSION = ["v3", *dated_versions("line_items", "batch_upsert_line_items")]


@pytest.mark.parametrize(
    "hubspot", [{"version": v} for v in EVERY_VERSION], indirect=True, ids=EVERY_VERSION
)
def test_every_version_alone_through_the_generated_client(hubspot: InProcessStandIn) -> None:
    """version= serves one version, whichever spec/ tracks: its own upsert (the generated
    client's, and HubSpot's generic path by type id) and read answer, the others 404."""
    version = hubspot.version
    assert version is not None
    upsert = endpoint("line_items", "batch_upsert_line_items", version)
    read = endpoint("associations", "batch_read_associations", version)
    hubspot.associate("deals", "101", "line_items", ["900"])
    with hubspot.client() as client:
        written = upsert.sync_detailed(client=client, body=as_body(upsert, UPSERT_BODY))
        found = read.sync_detailed(
            "deals", "line_items", client=client, body=as_body(read, READ_BODY)
        )
    assert (written.status_code, found.status_code) == (200, 200)
    prefix = "/crm/v3/objects" if version == "v3" else f"/crm/objects/{version}"
    others = [v for v in EVERY_VERSION if v != version]
    other_prefix = "/crm/v3/objects" if others[0] == "v3" else f"/crm/objects/{others[0]}"
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        by_id = client.post(
            f"{prefix}/0-8/batch/upsert", json=keyed("A"), headers=bearer(hubspot.token)
        )
        other = client.post(
            f"{other_prefix}/line_items/batch/upsert",
            json=keyed("A"),
            headers=bearer(hubspot.token),
        )
    assert by_id.status_code == 200 and by_id.json()["results"][0]["new"] is False
    assert other.status_code == 404


def test_injected_faults_sync_and_async(hubspot: InProcessStandIn) -> None:
    hubspot.inject_faults(1.0, seed=7)
    outcomes: list[int | str] = []
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        for n in range(12):
            try:
                outcomes.append(
                    client.post(
                        UPSERT, json=keyed(f"F-{n}"), headers=bearer(hubspot.token)
                    ).status_code
                )
            except httpx.RemoteProtocolError:
                outcomes.append("dropped")

    async def dropped_async() -> bool:
        hubspot.inject_faults(1.0, seed=7)  # the same first fault again
        async with httpx.AsyncClient(base_url=hubspot.base_url, transport=hubspot.transport) as c:
            try:
                await c.post(UPSERT, json=keyed("F-0"), headers=bearer(hubspot.token))
            except httpx.RemoteProtocolError:
                return True
        return False

    assert set(outcomes) <= {500, 502, 503, "dropped"}
    assert "dropped" in outcomes and len(set(outcomes)) > 1
    statuses = [r.status for r in hubspot.requests()]
    assert statuses == [None if o == "dropped" else o for o in outcomes]
    assert asyncio.run(dropped_async()) == (outcomes[0] == "dropped")
    # some failures came after the write was committed: the line item exists regardless
    assert 0 < len(hubspot.line_items()) < 12


def test_properties_defined_in_code(hubspot: InProcessStandIn) -> None:
    hubspot.define_property("erp_line_id", unique=True)
    hubspot.define_property("tier", "enumeration", options=["gold", "silver"])
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        good = client.post(
            UPSERT, json=keyed("E-1", key="erp_line_id", tier="gold"), headers=bearer(hubspot.token)
        )
        bad = client.post(
            UPSERT,
            json=keyed("E-2", key="erp_line_id", tier="bronze"),
            headers=bearer(hubspot.token),
        )
    assert good.status_code == 200
    assert bad.status_code == 400
    assert "INVALID_OPTION" in bad.text
    assert list(hubspot.line_items(by="erp_line_id")) == ["E-1"]


@pytest.mark.parametrize(
    "path", [UPSERT, UPSERT_DATED, "/crm/objects/2026-09/line_items/batch/upsert"]
)
def test_validation_rules_defined_in_code_are_enforced_in_every_version(
    hubspot: InProcessStandIn, path: str
) -> None:
    hubspot.define_property("erp_line_id", unique=True)
    hubspot.define_property("nickname", validation={"ALPHANUMERIC": "ALPHA_ONLY"})
    hubspot.define_property("code", validation=[{"ruleType": "MAX_LENGTH", "ruleArguments": ["3"]}])
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        good = client.post(
            path,
            json=keyed("V-1", key="erp_line_id", nickname="Ada", code="abc"),
            headers=bearer(hubspot.token),
        )
        bad = client.post(
            path,
            json=keyed("V-2", key="erp_line_id", nickname="Ada1", code="abcd"),
            headers=bearer(hubspot.token),
        )
    assert good.status_code == 200, good.text
    assert bad.status_code == 400
    body = bad.json()
    assert body["category"] == "VALIDATION_ERROR"
    assert body["message"].startswith("Property values were not valid: [")
    entries = json.loads(body["message"].removeprefix("Property values were not valid: "))
    assert [(e["name"], e["error"]) for e in entries] == [
        ("nickname", "INVALID_ALPHA"),
        ("code", "INVALID_MAX_LENGTH"),
    ]
    assert entries[0]["message"] == "Enter only letters"
    assert list(hubspot.line_items(by="erp_line_id")) == ["V-1"]
    # redefined without rules: the same value is taken
    hubspot.define_property("nickname")
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        again = client.post(
            path,
            json=keyed("V-2", key="erp_line_id", nickname="Ada1"),
            headers=bearer(hubspot.token),
        )
    assert again.status_code == 200


def test_stray_whitespace_in_a_non_string_value_is_refused(hubspot: InProcessStandIn) -> None:
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        refused = client.post(
            UPSERT, json=keyed("W-1", quantity="3 "), headers=bearer(hubspot.token)
        )
        text = client.post(
            UPSERT, json=keyed("W-2", name=" padded "), headers=bearer(hubspot.token)
        )
    assert refused.status_code == 400
    assert '\\"3 \\" includes leading or trailing whitespace.' in refused.text
    assert refused.json()["errors"][0]["code"] == "LEADING_TRAILING_WHITESPACE"
    assert text.status_code == 200  # a string keeps its spaces


@pytest.mark.hubspot(properties="portal-properties.json")
def test_a_portals_properties_export(hubspot: InProcessStandIn) -> None:
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        own = client.post(
            UPSERT, json=keyed("E-1", key="erp_line_id"), headers=bearer(hubspot.token)
        )
        shipped = client.post(UPSERT, json=keyed("A-1"), headers=bearer(hubspot.token))
    assert own.status_code == 200
    assert shipped.status_code == 400  # this portal has no external_line_item_id
    with pytest.raises(
        StandInError, match=r"^line_items\(by='external_line_item_id'\): this portal"
    ):
        hubspot.line_items(by=KEY)


def test_records_of_a_custom_object_type(hubspot: InProcessStandIn) -> None:
    hubspot.add_records("2-123", ["7"])
    hubspot.associate("2-123", "7", "contacts", ["8"], label="pet_to_owner", both_ways=False)
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        answer = client.post(
            read_path("2-123", "contacts"), json=ids("7"), headers=bearer(hubspot.token)
        )
    assert answer.status_code == 200
    assert answer.json()["results"][0]["to"] == [{"id": "8", "type": "pet_to_owner"}]


def test_a_named_custom_object_is_reached_as_hubspot_reaches_one(hubspot: InProcessStandIn) -> None:
    hubspot.define_custom_object("2-123", "pets")
    hubspot.associate("p_pets", "7", "contacts", ["8"], label="pet_to_owner", both_ways=False)
    with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
        answers = {
            spelling: client.post(
                read_path(spelling, "contacts"), json=ids("7"), headers=bearer(hubspot.token)
            )
            for spelling in ("2-123", "p_pets", f"p{PORTAL_ID}_pets", "pets")
        }
    for spelling in ("2-123", "p_pets", f"p{PORTAL_ID}_pets"):
        assert answers[spelling].json()["results"][0]["to"] == [{"id": "8", "type": "pet_to_owner"}]
    assert answers["pets"].json()["message"] == "Unable to infer object type from: pets"


@pytest.mark.parametrize(
    ("arrange", "message"),
    [
        (
            lambda h: h.define_custom_object("0-1", "pets"),
            "define_custom_object: objectTypeId is '0-1', not a custom object type id (2-<n>)",
        ),
        (
            lambda h: h.define_custom_object("2-1", "Pets"),
            "define_custom_object: name is 'Pets': the spec's object type pattern refuses",
        ),
        (
            lambda h: h.define_custom_object("2-1", "1pets"),
            "define_custom_object: name is '1pets': letters, digits and underscores",
        ),
        (
            lambda h: (
                h.define_custom_object("2-1", "pets"),
                h.define_custom_object("2-2", "pets"),
            ),
            "define_custom_object: name 'pets': p_pets names custom object type 2-1 in the",
        ),
        (
            lambda h: h.add_records("widgets", ["1"]),
            "add_records('widgets'): unknown object type 'widgets'",
        ),
        (lambda h: h.add_records("deals", "101"), "add_records('deals', ...): records is a list"),
        (lambda h: h.add_records("deals", [{"name": "x"}]), "only line items keep properties"),
        (lambda h: h.add_records("deals", ["1x"]), "records[0]: '1x' is not a record id"),
        (
            lambda h: h.add_records("line_items", [{"colour": "red"}]),
            'records[0]: Property "colour" does not exist in this portal',
        ),
        (lambda h: h.add_records("line_items", [{"price": "-1"}]), "records[0]: "),
        (lambda h: h.associate("deals", "1", "widgets", "2"), "associate: to: unknown object type"),
        (lambda h: h.line_items(by="colour"), "this portal defines no line item property 'colour'"),
        (lambda h: h.serve_only("2020-01"), "serve_only: no API version '2020-01'; the spec has"),
        (lambda h: h.limit_rate(0), "limit_rate: limit 0 must be"),
        (lambda h: h.inject_faults(2), "inject_faults: fraction 2 must be between 0 and 1"),
        (lambda h: h.add_token("*"), "add_token: scopes is a list"),
        (
            lambda h: h.define_property("x", "money"),
            "define_property('x'): type 'money' is not one of",
        ),
        (
            lambda h: h.define_property("x", validation={"MAX_LENGTH": "ten"}),
            "define_property('x'): propertyValidations.results[0].propertyValidationRules[0]: "
            "MAX_LENGTH takes a whole number, not 'ten'",
        ),
        (
            lambda h: h.define_property("x", validation=[{"ruleArguments": ["1"]}]),
            "define_property('x'): each validation rule needs a ruleType",
        ),
        (lambda h: h.use_properties(HERE / "missing.json"), "missing.json: no such file"),
        (lambda h: h.use_properties({"results": [{"name": "x"}]}), "use_properties: results[0]: "),
    ],
)
def test_bad_use_is_one_clear_line(hubspot: InProcessStandIn, arrange, message: str) -> None:
    with pytest.raises(StandInError) as refused:
        arrange(hubspot)
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_unique_value_arranged_twice_is_refused(hubspot: InProcessStandIn) -> None:
    hubspot.add_records("line_items", [{KEY: "A"}])
    with pytest.raises(StandInError, match="already belongs to line item"):
        hubspot.add_records("line_items", [{KEY: "A"}])


def test_stand_in_outside_pytest() -> None:
    with stand_in(scopes=["crm.objects.contacts.read"], rate_limit=5) as hubspot:
        with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
            answer = client.post(UPSERT, json=keyed("A"), headers=bearer(hubspot.token))
        assert answer.status_code == 403
        assert answer.headers["X-HubSpot-RateLimit-Max"] == "5"
        assert "token" not in repr(hubspot).lower()
    alone = r"^stand_in\(\): rate_window means nothing without rate_limit"
    with pytest.raises(StandInError, match=alone), stand_in(rate_window=1.0):
        pass
    refused = r"^stand_in\(\): unknown option 'scope'; known: scopes"
    with pytest.raises(StandInError, match=refused), stand_in(scope=["x"]):
        pass
