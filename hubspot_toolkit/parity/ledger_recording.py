"""The ledger's own captured exchanges as a recording: what HubSpot was seen answering, which
`make test` holds the stand-in to (recordings/ledger.json, rebuilt by `build`).

Each ledger entry graded captured with an `exchange` becomes one exchange whose `expect` is the
ledger's: the status, and in the error (a 207's first error, else the body) the category
(None: absent), subCategory, message (a regex) and the names that must be absent. The ledger's
`arrange` is prose; ASSOCIATIONS, PROPERTIES and NAMES below make it concrete (the portal
tests/evidence/test_ledger_replay.py imports: a company with 150 contacts, a deal with a company, a
deal without, a custom object, a unique `sku_key` and an enumeration `tier`).
"""

import json
import re
from pathlib import Path
from typing import Any

from hubspot_toolkit.parity.record import FORMAT, dumps
from hubspot_toolkit.parity.scenario import settings_from_spec
from hubspot_toolkit.spec.document import Document

KEY = "sku_key"
GRADE = "captured"
CONTACTS = [str(8000 + n) for n in range(150)]
ASSOCIATIONS: dict[str, Any] = {
    "customObjects": [{"objectTypeId": "2-30931773", "name": "credentialing_2_0"}],
    "records": [{"objectType": "deals", "id": "401"}],
    "associations": [
        {
            "fromObjectType": "companies",
            "fromId": "7000",
            "toObjectType": "contacts",
            "toId": contact,
            "type": "company_to_contact",
            "reverseType": "contact_to_company",
        }
        for contact in CONTACTS
    ]
    + [
        {
            "fromObjectType": "deals",
            "fromId": "400",
            "toObjectType": "companies",
            "toId": "7000",
            "type": "deal_to_company",
        }
    ],
}
PROPERTIES = [
    {"name": KEY, "type": "string", "unique": True},
    {"name": "tier", "type": "enumeration", "options": ["gold", "silver"]},
]
# entry -> the values of its body's placeholders; keys that are written are namespaced
NAMES: dict[str, dict[str, str]] = {
    "no-associations-207-dated": {"D": "401"},
    "v3-paging-next-shape": {"C": "7000"},
    "object-type-singular-accepted": {"C": "7000"},
    "object-type-ids-accepted": {"D": "400"},
    "property-doesnt-exist": {"A-1": "contract-test-ledger-unknown"},
    "property-invalid-option": {"A-1": "contract-test-ledger-option"},
    "properties-null-leaves-unchanged": {"A-1": "contract-test-ledger-null"},
    "upsert-per-input-errors-207": {
        "A-1": "contract-test-ledger-207-ok",
        "A-2": "contract-test-ledger-207-bad",
    },
}
# entry -> upsert bodies sent (and expected to succeed) first
BEFORE: dict[str, list[dict[str, Any]]] = {
    "properties-null-leaves-unchanged": [
        {
            "inputs": [
                {
                    "id": "contract-test-ledger-null",
                    "idProperty": KEY,
                    "properties": {"name": "Old"},
                }
            ]
        }
    ],
}
# entry -> the token it is sent with, when not the one with every scope
TOKENS = {
    "auth-401-missing-or-unknown-token": "none",
    # the ledger's token holds companies' read scope only; one with none is refused the same
    "auth-403-missing-scopes": "limited",
}
LEFT_OUT = {"rate-limit-429-body": "needs a token whose ten-second budget is spent"}


def _fill(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {_fill(k, names): _fill(v, names) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, names) for v in node]
    return names.get(node, node) if isinstance(node, str) else node


def _body(body: Any, names: dict[str, str]) -> dict[str, Any]:
    """{body} or {raw} or, for `generate: … (N inputs)`, the N inputs it describes."""
    if isinstance(body, str) and body.startswith("raw: "):
        return {"raw": body.removeprefix("raw: ")}
    if isinstance(body, str) and body.startswith("generate: "):
        count = int(re.search(r"\((\d+) inputs\)", body)[1])  # type: ignore[index]
        inputs = [
            {"id": f"A-{n}", "idProperty": KEY, "properties": {"quantity": "1"}}
            for n in range(1, count + 1)
        ]
        return {"body": {"inputs": inputs}, "summary": body.removeprefix("generate: ")}
    return {"body": _fill(body, names)}


def _version(entry: dict[str, Any], versions: list[str]) -> str | None:
    """v3 when the entry is evidenced for it, else the first dated version the spec holds."""
    evidenced = entry.get("versions", [])
    if "v3" in evidenced and "v3" in versions:
        return "v3"
    dated = [v for v in versions if v != "v3"]
    return dated[0] if dated and ("dated" in evidenced or "v4" in evidenced) else None


def _path(entry: dict[str, Any], paths: dict[str, dict[str, str]], version: str) -> str:
    exchange = entry["exchange"]
    if exchange["operation"] == "upsert_line_items":
        return paths[version]["upsert"]
    names = NAMES.get(entry["id"], {})
    template = paths[version]["read"]
    for part in ("fromObjectType", "toObjectType"):
        template = template.replace("{" + part + "}", _fill(exchange["path"][part], names))
    return template


def build(entries: list[dict[str, Any]], versions: list[dict[str, Any]]) -> dict[str, Any]:
    """The recording of the captured entries' exchanges; versions: scenario.settings_from_spec's
    (their paths)."""
    paths = {v["version"]: v for v in versions}
    requests: list[dict[str, Any]] = []
    exchanges: list[dict[str, Any]] = []
    left_out = dict(LEFT_OUT)
    used: set[str] = set()
    for entry in entries:
        if entry["grade"] != GRADE or not entry.get("exchange") or entry["id"] in LEFT_OUT:
            continue
        version = _version(entry, list(paths))
        if version is None:
            left_out[entry["id"]] = "no version of the spec it is evidenced for"
            continue
        used.add(version)
        path, names = _path(entry, paths, version), NAMES.get(entry["id"], {})
        steps = [
            (f"ledger/{entry['id']}/before-{n}", {"body": b}, "token", {"status": 200})
            for n, b in enumerate(BEFORE.get(entry["id"], []), 1)
        ]
        expect = {k: v for k, v in entry["exchange"]["expect"].items() if k != "notes"}
        role = TOKENS.get(entry["id"], "token")
        steps.append(
            (f"ledger/{entry['id']}", _body(entry["exchange"]["body"], names), role, expect)
        )
        for name, body, token, expected in steps:
            request = {"name": name, "ledger": [entry["id"]], "path": path, "token": token} | body
            requests.append(request)
            shown: dict[str, Any] = {
                "method": "POST",
                "path": path,
                "token": token,
                "contentType": "application/json",
            }
            shown["body"] = body.get("summary") or body.get("raw", body.get("body"))
            exchanges.append(
                {"name": name, "ledger": [entry["id"]], "request": shown, "expect": expected}
            )
    return {
        "format": FORMAT,
        "recorded": {"from": "hubspot_toolkit/evidence/ledger.yaml", "grade": GRADE},
        "target": {"loopback": False, "portal": None},
        "scenario": {
            "requests": requests,
            "versions": [paths[v] for v in paths if v in used],
            "prefix": "contract-test-",
            "idProperty": KEY,
            "properties": PROPERTIES,
            "associations": ASSOCIATIONS,
            "limitedToken": True,
            "leftOut": dict(sorted(left_out.items())),
        },
        "exchanges": exchanges,
        "relations": {},
    }


SHIPPED = Path(__file__).with_name("recordings") / "ledger.json"


def shipped() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return loaded


def rebuild(spec: Document | None = None) -> str:
    """The shipped recording's text, from the ledger as it is now: for the spec's versions when
    spec is given, else for those the shipped one covers."""
    from hubspot_toolkit.evidence import behaviours

    if spec is None:
        versions = shipped()["scenario"]["versions"]
    else:
        versions = settings_from_spec(
            spec, prefix="", id_property=KEY, associations=None, limited=True
        )["versions"]
    return dumps(build(list(behaviours()), versions))


def expectation_divergences(
    exchange: dict[str, Any], status: int, body: Any
) -> list[tuple[str, Any, Any]]:
    """(path, expected, now) for each way an answer misses a ledger exchange's expect."""
    expect = exchange["expect"]
    found: list[tuple[str, Any, Any]] = []
    if status != expect["status"]:
        return [("$.status", expect["status"], status)]
    entry, where = body, "$.body"
    if status == 207 and isinstance(body, dict) and isinstance(body.get("errors"), list):
        entry, where = (body["errors"] or [{}])[0], "$.body.errors[0]"
    entry = entry if isinstance(entry, dict) else {}
    for name in ("category", "subCategory"):
        if name in expect and entry.get(name) != expect[name]:
            found.append((f"{where}.{name}", expect[name], entry.get(name, "(absent)")))
    if "message" in expect and not re.search(expect["message"], str(entry.get("message", ""))):
        found.append((f"{where}.message", f"matches {expect['message']}", entry.get("message")))
    for name in expect.get("absent", []):
        if name in entry:
            found.append((f"{where}.{name}", "(absent)", entry[name]))
    return found


# after a ledger change: python -m hubspot_toolkit.parity.ledger_recording
if __name__ == "__main__":
    SHIPPED.write_text(rebuild(), encoding="utf-8")
    print(f"wrote {SHIPPED}")
