"""Every captured or maintainer-graded exchange of the evidence ledger, replayed against the
reference server: status, category, subCategory and message as HubSpot answered, the fields it
left out, and the behaviour its notes describe.

The ledger's `arrange` is prose; ARRANGEMENTS below makes each one concrete for the stand-in
(records, tokens, a first call), and the placeholders of its body (`D`, `C`, `A-1`, `sku_key`)
become the arranged ids. A replayable entry without an arrangement fails, so none is skipped.
"""

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

# the test portal (KEY its unique property): the one the ledger's shipped recording is arranged with
from hubspot_toolkit.parity.ledger_recording import ASSOCIATIONS, KEY
from hubspot_toolkit.server.config import PORTAL_ID
from hubspot_toolkit.server.process import ReferenceServer
from tests.portal import custom_property, portal_properties

LEDGER = Path(__file__).parents[2] / "hubspot_toolkit" / "evidence" / "ledger.yaml"
REPLAYED_GRADES = ("captured", "maintainer")
TOKENS = {"all": ["*"], "companies-only": ["crm.objects.companies.read"]}


def replayable() -> list[dict[str, Any]]:
    entries = yaml.safe_load(LEDGER.read_text())["behaviours"]
    return [e for e in entries if e.get("exchange") and e["grade"] in REPLAYED_GRADES]


@dataclass(frozen=True)
class Arrangement:
    names: dict[str, str] = field(default_factory=dict)  # body placeholder -> arranged value
    version: str = "v3"
    token: str | None = "all"
    before: tuple[dict[str, Any], ...] = ()  # upsert bodies sent first
    # a first call whose answer fills in a placeholder: (placeholder, path into the answer)
    first_call: tuple[str, tuple[str | int, ...]] | None = None
    rate_limited: bool = False
    then: Callable[["Replay", httpx.Response], None] | None = None  # the notes, checked


@dataclass
class Replay:
    server: ReferenceServer
    limited: ReferenceServer

    def post(self, base: str, path: str, token: str | None, content: bytes) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return httpx.post(base + path, content=content, headers=headers, timeout=30)

    def upsert(self, body: dict[str, Any]) -> httpx.Response:
        answer = self.post(
            self.server.base_url, upsert_path("v3"), "all", json.dumps(body).encode()
        )
        assert answer.status_code == 200, answer.text
        return answer


def read_path(version: str, from_type: str, to_type: str) -> str:
    if version == "v3":
        return f"/crm/v3/associations/{from_type}/{to_type}/batch/read"
    return f"/crm/associations/{version}/{from_type}/{to_type}/batch/read"


def upsert_path(version: str) -> str:
    prefix = "/crm/v3/objects" if version == "v3" else f"/crm/objects/{version}"
    return f"{prefix}/line_items/batch/upsert"


def keyed(key: str, **properties: str) -> dict[str, Any]:
    return {"inputs": [{"id": key, "idProperty": KEY, "properties": properties}]}


def _same_first_page(replay: Replay, answer: httpx.Response) -> None:
    first = replay.post(
        replay.server.base_url,
        read_path("v3", "companies", "contacts"),
        "all",
        b'{"inputs": [{"id": "7000"}]}',
    )
    assert answer.json()["results"] == first.json()["results"]  # `after` silently ignored


def _next_link(replay: Replay, answer: httpx.Response) -> None:
    [result] = answer.json()["results"]
    assert len(result["to"]) == 100
    following = result["paging"]["next"]
    assert following["after"] and "prev" not in result["paging"]
    assert re.search(r"/crm/v3/objects/0-2/7000/associations/0-1\?.*after=", following["link"])


def _stored(replay: Replay, key: str) -> dict[str, Any]:
    answer = replay.upsert(keyed(key))
    result: dict[str, Any] = answer.json()["results"][0]
    assert result["new"] is False
    return result


def _text_values(replay: Replay, answer: httpx.Response) -> None:
    properties = answer.json()["results"][0]["properties"]
    assert (properties["quantity"], properties["price"]) == ("3", "9.5")


def _name_kept(replay: Replay, answer: httpx.Response) -> None:
    assert answer.json()["results"][0]["properties"]["name"] == "Old"
    assert _stored(replay, "replay-null")["properties"]["name"] == "Old"


def _description_cleared(replay: Replay, answer: httpx.Response) -> None:
    stored = _stored(replay, "replay-clear")["properties"]
    assert stored.get("description") in (None, "")


def _one_written_one_failed(replay: Replay, answer: httpx.Response) -> None:
    body = answer.json()
    assert [r["properties"][KEY] for r in body["results"]] == ["replay-207-ok"]
    [error] = body["errors"]
    assert error["context"]["objectWriteTraceId"] == ["t2"]


def _no_such_record(replay: Replay, answer: httpx.Response) -> None:
    body = answer.json()
    assert body["results"] == []
    assert body["errors"][0]["context"] == {
        "fromObjectId": ["401"],
        "fromObjectType": ["deal"],
        "toObjectType": ["company"],
    }


def _resolves(replay: Replay, answer: httpx.Response) -> None:
    assert answer.json()["results"][0]["to"]


def _custom_spellings_resolve(replay: Replay, answer: httpx.Response) -> None:
    """The notes: the custom object's id, p_ name and fully qualified name do resolve (a 207
    for a record without associations, not the 400)."""
    for spelling in ("2-30931773", "p_credentialing_2_0", f"p{PORTAL_ID}_credentialing_2_0"):
        path = f"/crm/v3/associations/{spelling}/contacts/batch/read"
        resolved = replay.post(replay.server.base_url, path, "all", b'{"inputs": [{"id": "1"}]}')
        assert resolved.status_code == 207, (spelling, resolved.text)


ARRANGEMENTS: dict[str, Arrangement] = {
    "no-associations-207-dated": Arrangement({"D": "401"}, version="2026-03", then=_no_such_record),
    "v3-batch-read-ignores-after": Arrangement(
        {"C": "7000"},
        first_call=("A", ("results", 0, "paging", "next", "after")),
        then=_same_first_page,
    ),
    "v3-paging-next-shape": Arrangement({"C": "7000"}, then=_next_link),
    "object-type-singular-accepted": Arrangement({"C": "7000"}, then=_resolves),
    "object-type-ids-accepted": Arrangement({"D": "400"}, then=_resolves),
    "unknown-object-type": Arrangement(),
    "object-type-custom-names": Arrangement(then=_custom_spellings_resolve),
    "invalid-json-wrong-shape": Arrangement(),
    "invalid-json-syntax": Arrangement(),
    "upsert-non-unique-id-property": Arrangement(),
    "property-doesnt-exist": Arrangement({"A-1": "replay-unknown"}),
    "property-invalid-option": Arrangement({"A-1": "replay-option"}),
    "properties-numbers-accepted": Arrangement({"A-1": "replay-numbers"}, then=_text_values),
    "properties-null-leaves-unchanged": Arrangement(
        {"A-1": "replay-null"}, before=(keyed("replay-null", name="Old"),), then=_name_kept
    ),
    "properties-empty-string-clears": Arrangement(
        {"A-1": "replay-clear"},
        before=(keyed("replay-clear", description="x"),),
        then=_description_cleared,
    ),
    "upsert-duplicate-ids": Arrangement(),
    "upsert-batch-input-limit": Arrangement(),
    "upsert-per-input-errors-207": Arrangement(
        {"A-1": "replay-207-ok", "A-2": "replay-207-bad"}, then=_one_written_one_failed
    ),
    "auth-401-missing-or-unknown-token": Arrangement(token=None),
    "auth-403-missing-scopes": Arrangement(token="companies-only"),
    "rate-limit-429-body": Arrangement(rate_limited=True),
}


def ledger_portal(path: Path) -> Path:
    """The shipped definitions plus the ledger's: a unique `sku_key` and an enumeration `tier`."""
    tiers = [{"label": o, "value": o} for o in ("gold", "silver")]
    return portal_properties(
        path,
        custom_property(KEY, "string", "text", hasUniqueValue=True),
        custom_property("tier", "enumeration", "select", options=tiers),
    )


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    work = tmp_path_factory.mktemp("ledger")
    (work / "associations.json").write_text(json.dumps(ASSOCIATIONS))
    (work / "tokens.json").write_text(json.dumps(TOKENS))
    options: dict[str, Any] = {
        "tokens_file": work / "tokens.json",
        "properties_file": ledger_portal(work / "properties.json"),
    }
    with (
        ReferenceServer(
            work / "db.sqlite3", associations_file=work / "associations.json", **options
        ) as server,
        ReferenceServer(work / "limited.sqlite3", rate_limit=1, rate_window=60, **options) as lim,
    ):
        yield Replay(server, lim)


def _fill(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {_fill(k, names): _fill(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, names) for v in node]
    if isinstance(node, str):
        return names.get(node, node)
    return node


def _content(body: Any, names: dict[str, str]) -> bytes:
    if isinstance(body, str) and body.startswith("raw: "):
        return body.removeprefix("raw: ").encode()
    if isinstance(body, str) and body.startswith("generate: ") and "101 inputs" in body:
        inputs = [
            {"id": f"A-{n}", "idProperty": KEY, "properties": {"quantity": "1"}}
            for n in range(1, 102)
        ]
        return json.dumps({"inputs": inputs}).encode()
    return json.dumps(_fill(body, names)).encode()


def _dig(body: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        body = body[step]
    return body


def _error_entry(body: dict[str, Any], status: int) -> dict[str, Any]:
    """Where `category`, `message` and `absent` apply: a 207's first error, else the body."""
    if status == 207:
        entry: dict[str, Any] = body["errors"][0]
        return entry
    return body


def test_every_replayable_entry_has_an_arrangement() -> None:
    missing = {e["id"] for e in replayable()} - set(ARRANGEMENTS)
    assert not missing, f"ledger entries without an arrangement here: {sorted(missing)}"


@pytest.mark.parametrize("entry", replayable(), ids=lambda e: e["id"])
def test_the_stand_in_answers_as_hubspot_was_seen_answering(
    replay: Replay, entry: dict[str, Any]
) -> None:
    exchange, arrangement = entry["exchange"], ARRANGEMENTS[entry["id"]]
    expect = exchange["expect"]
    for body in arrangement.before:
        replay.upsert(body)
    names = dict(arrangement.names) | {"sku_key": KEY}
    base = (replay.limited if arrangement.rate_limited else replay.server).base_url
    if exchange["operation"] == "read_associations":
        path = read_path(
            arrangement.version,
            *(_fill(exchange["path"][p], names) for p in ("fromObjectType", "toObjectType")),
        )
    else:
        path = upsert_path(arrangement.version)
    if arrangement.first_call is not None:
        placeholder, where = arrangement.first_call
        first = replay.post(
            base, path, arrangement.token, _content({"inputs": [{"id": "C"}]}, names)
        )
        names[placeholder] = _dig(first.json(), where)
    content = _content(exchange["body"], names)
    answer = replay.post(base, path, arrangement.token, content)
    if arrangement.rate_limited:  # the budget of one request is spent by the first
        answer = replay.post(base, path, arrangement.token, content)
    assert answer.status_code == expect["status"], answer.text
    body = answer.json()
    entry_body = _error_entry(body, answer.status_code)
    if "category" in expect:
        assert entry_body.get("category") == expect["category"], entry_body
    if "subCategory" in expect:
        assert entry_body.get("subCategory") == expect["subCategory"], entry_body
    if "message" in expect:
        assert re.search(expect["message"], entry_body.get("message", "")), entry_body
    for name in expect.get("absent", []):
        assert name not in entry_body, (name, entry_body)
    if arrangement.then is not None:
        arrangement.then(replay, answer)
