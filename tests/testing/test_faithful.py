"""One app, one store, one set of rules: the same requests get the same answers from the
in-process stand-in, the stand-in process and a plain `serve`."""

import json
import re
from pathlib import Path
from typing import Any

import httpx

from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.testing import ServerStandIn, StandIn, stand_in
from tests.testing.helpers import KEY, UPSERT, UPSERT_DATED, ids, keyed, read_path

TOKENS = {"all": ["*"], "writer": ["crm.objects.line_items.write"]}
# (from, id, to, ids, and the labels `serve` is given, which the stand-ins' defaults must match)
ASSOCIATIONS = [
    ("deals", "101", "line_items", ["900", "901"], "deal_to_line_item", "line_item_to_deal"),
    ("contacts", "5", "companies", ["6"], "contact_to_company", "company_to_contact"),
]
JSON = {"Content-Type": "application/json"}
# (method, path, body, token): every kind of answer both endpoints give
SCRIPT: list[tuple[str, str, Any, str | None]] = [
    ("POST", UPSERT, keyed("A-1", "A-2", name="n", price="1.50"), "all"),
    ("POST", UPSERT_DATED, keyed("A-1", quantity="3"), "all"),
    ("POST", UPSERT, keyed("A-3", colour="red"), "all"),
    ("POST", UPSERT, keyed("A-4", price="-1"), "all"),
    ("POST", UPSERT, {"inputs": [{"id": "A-5", "properties": {}}]}, "all"),
    ("POST", UPSERT, keyed("A-1", "A-1"), "all"),
    ("POST", UPSERT, keyed("A-6"), "writer"),
    ("POST", read_path("deals", "line_items"), ids("101", "999"), "writer"),
    ("POST", read_path("deals", "line_items"), ids("101", "999"), "all"),
    ("POST", read_path("line_items", "deals", "2026-03"), ids("900"), "all"),
    ("POST", read_path("contacts", "companies"), ids("5"), "all"),
    ("POST", read_path("widgets", "companies"), ids("5"), "all"),
    ("POST", UPSERT, keyed("A-7"), "unknown"),
    ("POST", UPSERT, keyed("A-7"), None),
    ("POST", UPSERT, b"{not json", "all"),
    ("POST", UPSERT, {"inputs": "no"}, "all"),
    ("GET", UPSERT, None, "all"),
    ("POST", "/crm/v3/objects/line_items/nowhere", {}, "all"),
]
# what differs by when it ran: stamps and correlation ids
VOLATILE = re.compile(
    r'"(correlationId|requestedAt|startedAt|completedAt|createdAt|updatedAt|createdate|'
    r'hs_lastmodifieddate)":\s*"[^"]*"'
)


def play(client: httpx.Client) -> list[tuple[int, str, str, str | None]]:
    answers = []
    for method, path, body, token in SCRIPT:
        headers = {**JSON, **({"Authorization": f"Bearer {token}"} if token else {})}
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        answer = client.request(method, path, content=content if body else None, headers=headers)
        text = VOLATILE.sub(r'"\1": "…"', answer.text)
        limit = answer.headers.get("X-HubSpot-RateLimit-Remaining")
        answers.append((answer.status_code, answer.headers.get("content-type", ""), text, limit))
    return answers


def arrange(hubspot: StandIn) -> None:
    for token, scopes in TOKENS.items():
        hubspot.add_token(scopes, token=token)
    for from_type, from_id, to_type, to_ids, _, _ in ASSOCIATIONS:
        hubspot.associate(from_type, from_id, to_type, to_ids)


def served(tmp_path: Path) -> list[tuple[int, str, str, str | None]]:
    """`hubspot-toolkit serve` as users run it, arranged through its files."""
    tokens, associations = tmp_path / "tokens.json", tmp_path / "associations.json"
    tokens.write_text(json.dumps(TOKENS))
    entries = [
        {
            "fromObjectType": from_type,
            "fromId": from_id,
            "toObjectType": to_type,
            "toId": to_id,
            "type": label,
            "reverseType": reverse,
        }
        for from_type, from_id, to_type, to_ids, label, reverse in ASSOCIATIONS
        for to_id in to_ids
    ]
    associations.write_text(json.dumps({"associations": entries}))
    with (
        ReferenceServer(
            tmp_path / "served.sqlite3", tokens_file=tokens, associations_file=associations
        ) as server,
        httpx.Client(base_url=server.base_url) as client,
    ):
        return play(client)


def test_the_same_answers_from_all_three(tmp_path: Path, hubspot_server: ServerStandIn) -> None:
    with stand_in() as hubspot:
        arrange(hubspot)
        with httpx.Client(base_url=hubspot.base_url, transport=hubspot.transport) as client:
            in_process = play(client)
    arrange(hubspot_server)
    with httpx.Client(base_url=hubspot_server.base_url) as client:
        process = play(client)
    serve = served(tmp_path)

    statuses = [status for status, *_ in serve]
    assert sorted(set(statuses)) == [200, 207, 400, 401, 403, 404]  # a script worth running
    assert in_process == serve
    assert process == serve
    assert KEY in serve[0][2]
