"""The parity library without a server: placeholders, unordered lists, relations, versions read
from spec/ at run time, the shipped ledger recording, and recordings as ledger evidence."""

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from hubspot_toolkit.evidence import behaviours
from hubspot_toolkit.parity.check import check
from hubspot_toolkit.parity.evidence import ledger_entries
from hubspot_toolkit.parity.ledger_recording import SHIPPED, rebuild, shipped
from hubspot_toolkit.parity.normalise import Normaliser, sort_unordered
from hubspot_toolkit.parity.record import ParityError
from hubspot_toolkit.parity.relations import Relations
from hubspot_toolkit.parity.scenario import settings_from_spec
from hubspot_toolkit.parity.stand_in import arranged
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from tests.paths import SPEC_DIR

RUN = "20260101000000000000"


def test_the_same_value_is_the_same_placeholder_everywhere() -> None:
    normaliser = Normaliser(RUN, "http://127.0.0.1:9")
    created = normaliser.value(
        {"results": [{"id": "555123", "createdAt": "2026-01-01T00:00:00.000Z"}]}
    )
    read = normaliser.value(
        {
            "errors": [
                {
                    "message": "No deal is associated with line_item 555123.",
                    "context": {"fromObjectId": ["555123"]},
                }
            ],
            "results": [{"id": "777000", "createdAt": "2026-01-01T00:00:00.000Z"}],
        }
    )
    assert created["results"][0] == {"createdAt": "<time:1>", "id": "<id:1>"}
    assert read["errors"][0]["message"] == "No deal is associated with line_item <id:1>."
    assert read["errors"][0]["context"]["fromObjectId"] == ["<id:1>"]
    assert read["results"][0]["id"] == "<id:2>"


def test_placeholders_keep_type_and_form() -> None:
    normaliser = Normaliser(RUN, "")
    shown = normaliser.value(
        {
            "toObjectId": 42001,
            "id": "42001",
            "startedAt": "2026-01-01T00:00:00Z",
            "completedAt": "2026-01-01T00:00:00.120Z",
            "correlationId": "019cd9fe-1234-7abc-8def-0123456789ab",
            "key": f"contract-test-parity-{RUN}-v3-1",
            "link": "https://api.hubapi.com/crm/v3/objects/0-2/42001/associations/0-1?portalId=26190935",
        }
    )
    assert shown["toObjectId"] == "<id:1 number>" and shown["id"] == "<id:1>"
    assert shown["startedAt"] == "<time dddd-dd-ddTdd:dd:ddZ>"  # not HubSpot's form
    assert shown["completedAt"] == "<time>"
    assert shown["correlationId"] == "<uuid-v7:1>"
    assert shown["key"] == "contract-test-parity-<run>-v3-1"
    assert (
        shown["link"] == "<base-url>/crm/v3/objects/0-2/<id:1>/associations/0-1?portalId=<portal>"
    )
    assert normaliser.portal_ids == {"26190935"}


def test_unordered_lists_are_sorted_by_what_was_sent() -> None:
    sent = {"inputs": [{"id": "k-b"}, {"id": "k-a"}]}
    answer = {"results": [{"properties": {"key": "k-a"}}, {"properties": {"key": "k-b"}}]}
    reversed_answer = {"results": list(reversed(answer["results"]))}
    assert sort_unordered(answer, sent) == sort_unordered(reversed_answer, sent)
    assert sort_unordered(answer, sent)["results"][0]["properties"]["key"] == "k-b"


def test_relations_keep_the_order_of_hidden_timestamps() -> None:
    relations = Relations()
    created = {
        "results": [
            {
                "id": "1",
                "createdAt": "2026-01-01T00:00:01.000Z",
                "updatedAt": "2026-01-01T00:00:01.000Z",
            }
        ]
    }
    broken = {
        "results": [
            {
                "id": "1",
                "createdAt": "2099-01-01T00:00:00.000Z",
                "updatedAt": "2026-01-01T00:00:00.000Z",
            }
        ]
    }
    shown = {"results": [{"id": "<id:1>"}]}
    relations.observe("create", created, shown)
    relations.observe("update", broken, shown)
    relations.observe("again", created, shown)  # at the same millisecond as create
    assert relations.found == {
        "create: <id:1>.createdAt <= updatedAt": True,
        "update: <id:1>.createdAt <= updatedAt": False,
        "update: <id:1>.updatedAt past create": False,
        "again: <id:1>.createdAt <= updatedAt": True,
        "again: <id:1>.updatedAt past update": True,
    }
    stood = Relations()  # an update that left updatedAt where it was, to the millisecond
    stood.observe("create", created, shown)
    stood.observe("update", created, shown)
    assert stood.found["update: <id:1>.updatedAt past create"] is False
    whole = {
        "results": [
            {"id": "1", "createdAt": "2026-01-01T00:00:01Z", "updatedAt": "2026-01-01T00:00:01Z"}
        ]
    }
    coarse = Relations()  # without fractions two writes within one second may share a time
    coarse.observe("create", whole, shown)
    coarse.observe("update", whole, shown)
    assert coarse.found["update: <id:1>.updatedAt past create"] is True


def test_a_version_added_to_spec_is_in_the_scenario_with_no_code_change(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(SPEC_DIR, spec_dir)
    for document in SPEC_DIR.glob("*2026-03.yaml"):
        text = document.read_text().replace("2026-03", "2027-03").replace("2026_03", "2027_03")
        (spec_dir / document.name.replace("2026-03", "2027-03")).write_text(text)
    settings = settings_from_spec(
        bundle_spec_dir(spec_dir), prefix="p-", id_property="k", associations=None, limited=False
    )
    added = [v for v in settings["versions"] if v["version"] == "2027-03"]
    assert added and added[0]["upsert"] == "/crm/objects/2027-03/line_items/batch/upsert"


def test_the_shipped_ledger_recording_is_the_ledger_as_it_is() -> None:
    assert SHIPPED.read_text() == rebuild(), (
        "the ledger changed: rebuild hubspot_toolkit/parity/recordings/ledger.json with "
        "hubspot_toolkit.parity.ledger_recording.rebuild"
    )
    captured = {e["id"] for e in behaviours() if e["grade"] == "captured" and e.get("exchange")}
    recording = shipped()
    covered = {i for e in recording["exchanges"] for i in e["ledger"]}
    assert covered | set(recording["scenario"]["leftOut"]) == captured


def test_the_stand_in_answers_as_the_ledger_captured() -> None:
    with arranged(shipped(), SPEC_DIR) as target:
        assert [d.line() for d in check(shipped(), target)] == []


def test_an_answer_the_ledger_did_not_capture_is_reported() -> None:
    changed = copy.deepcopy(shipped())
    [exchange] = [e for e in changed["exchanges"] if e["name"] == "ledger/upsert-duplicate-ids"]
    exchange["expect"]["status"] = 200
    exchange["expect"]["message"] = "^Something else"
    with arranged(changed, SPEC_DIR) as target:
        found = check(changed, target)
    assert [(d.exchange, d.path, d.recorded, d.now) for d in found] == [
        ("ledger/upsert-duplicate-ids", "$.status", 200, 400)
    ]
    assert found[0].ledger == ("upsert-duplicate-ids",)


def portal_recording() -> dict[str, Any]:
    return {
        "recorded": {"at": "2026-11-30T10:00:00.000000Z", "run": RUN},
        "target": {"loopback": False, "portal": "sha256:0123456789abcdef"},
        "exchanges": [
            {
                "name": "v3/upsert/duplicate-keys",
                "ledger": ["upsert-duplicate-ids"],
                "request": {"path": "/crm/v3/objects/line_items/batch/upsert"},
                "response": {
                    "status": 400,
                    "body": {"category": "VALIDATION_ERROR", "message": "Duplicate IDs found"},
                },
            }
        ],
    }


def test_a_portals_recording_becomes_captured_ledger_sources() -> None:
    [entry] = ledger_entries(portal_recording(), "my-portal.json")
    assert entry["id"] == "upsert-duplicate-ids" and entry["grade"] == "captured"
    [source] = entry["sources"]
    assert source["url"] == "recording:my-portal.json#v3/upsert/duplicate-keys"
    assert "2026-11-30" in source["shows"] and "sha256:0123456789abcdef" in source["shows"]
    assert "HTTP 400" in source["shows"] and "VALIDATION_ERROR" in source["shows"]


def test_a_recording_made_on_this_machine_is_no_evidence() -> None:
    recording = portal_recording() | {"target": {"loopback": True, "portal": None}}
    with pytest.raises(ParityError, match="not on a portal"):
        ledger_entries(recording, "local.json")


def test_the_shipped_recording_is_json_with_sorted_keys() -> None:
    text = SHIPPED.read_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def scenario_requests(associations: dict[str, Any] | None) -> list[Any]:
    from hubspot_toolkit.parity.scenario import Answer, Request, run_scenario

    settings = settings_from_spec(
        bundle_spec_dir(SPEC_DIR),
        prefix="contract-test-",
        id_property="k",
        associations=associations,
        limited=True,
    )
    sent: list[Request] = []

    def send(request: Request) -> Answer:
        sent.append(request)
        return Answer(400, {}, None)

    run_scenario(settings, RUN, send)
    return sent


def test_every_exchange_names_ledger_entries_that_exist() -> None:
    known = {e["id"] for e in behaviours()}
    custom = {"customObjects": [{"objectTypeId": "2-30931773", "name": "credentialing_2_0"}]}
    for request in scenario_requests(custom):
        assert request.ledger and set(request.ledger) <= known, (request.name, request.ledger)


def test_a_named_custom_object_is_read_in_each_spelling() -> None:
    custom = {"customObjects": [{"objectTypeId": "2-30931773", "name": "credentialing_2_0"}]}
    paths = {r.path for r in scenario_requests(custom) if r.name.startswith("v3/read/type-custom")}
    assert paths == {
        f"/crm/v3/associations/{spelling}/contacts/batch/read"
        for spelling in (
            "2-30931773",
            "p_credentialing_2_0",
            "credentialing_2_0",
            "p_CREDENTIALING_2_0",
        )
    }


def test_every_key_written_is_namespaced() -> None:
    for request in scenario_requests(None):
        if "/upsert" in request.path and isinstance(request.body, dict):
            for item in request.body["inputs"] if isinstance(request.body["inputs"], list) else []:
                if item.get("idProperty") == "k":
                    assert item["id"].startswith(f"contract-test-parity-{RUN}-"), item


def test_a_portal_is_paced_as_contract_paces_it() -> None:
    from hubspot_toolkit.parity.record import default_rate

    assert default_rate("https://api.hubapi.com", None) == 5.0
    assert default_rate("http://127.0.0.1:8000", None) is None
    assert default_rate("https://api.hubapi.com", 2.0) == 2.0
    assert default_rate("https://api.hubapi.com", 0.0) is None
