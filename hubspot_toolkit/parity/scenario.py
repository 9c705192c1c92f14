"""The fixed scenario: for both operations in every version the spec holds, every behaviour of
the ledger these endpoints can show, each exchange tagged with the ledger entries it bears on.

The scenario's settings (versions and their paths and limits, the key property, the portal's
named records) are written into the recording, so that a check replays exactly what was
recorded, whatever spec/ holds by then. Keys are `<prefix>parity-<run>-…`: a fresh run writes
fresh records, and `<run>` is the one thing two recordings of one server differ in.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.crm.object_types import CUSTOM_ID, resolve, singular
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import READ, UPSERT, base_operation_id, version_of_operation_id

# An id no portal has yet (HubSpot's ids are far below it), read as "an id the portal lacks".
UNKNOWN_ID = "987654321098765"
NO_SUCH_PROPERTY = "parity_no_such_property"
INVALID_TOKEN = "pat-na1-00000000-0000-0000-0000-000000000000"
MAX_READ_PAIRS, MAX_READ_IDS = 3, 10


@dataclass(frozen=True)
class Request:
    """One request of the scenario. token: which token it carries (`token`, `limited`,
    `invalid`, `none`), never the token itself. summary: shown instead of a long body."""

    name: str
    ledger: tuple[str, ...]
    path: str
    body: Any = None
    method: str = "POST"
    raw: str | None = None
    content_type: str = "application/json"
    token: str = "token"
    summary: str | None = None
    brief: bool = False  # record the answer's counts only (a batch at its limit)

    def content(self) -> bytes:
        import json

        return (self.raw if self.raw is not None else json.dumps(self.body)).encode()

    def as_json(self) -> dict[str, Any]:
        shown: Any = self.summary or (self.raw if self.raw is not None else self.body)
        return {
            "method": self.method,
            "path": self.path,
            "token": self.token,
            "contentType": self.content_type,
            "body": shown,
        }


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: Any  # parsed JSON, else the text, else None


Send = Callable[[Request], Answer]


def settings_from_spec(
    spec: Document,
    *,
    prefix: str,
    id_property: str,
    associations: dict[str, Any] | None,
    limited: bool,
) -> dict[str, Any]:
    """The scenario's settings, every version of the spec included."""
    versions: dict[str, dict[str, Any]] = {}
    for op in operations(spec):
        name = base_operation_id(op.operation_id)
        if name not in (READ, UPSERT):
            continue
        entry = versions.setdefault(version_of_operation_id(op.operation_id), {})
        schema = op.request_schema() or {}
        limit = schema.get("properties", {}).get("inputs", {}).get("maxItems")
        kind = "read" if name == READ else "upsert"
        entry[kind] = op.template
        entry[f"{kind}Limit"] = limit
    return {
        "versions": [{"version": v} | versions[v] for v in sorted(versions, key=_version_order)],
        "prefix": prefix,
        "idProperty": id_property,
        "associations": associations or {"records": [], "associations": []},
        "limitedToken": limited,
    }


def _version_order(version: str) -> tuple[int, str]:
    return (0 if version == "v3" else 1, version)


def read_pairs(associations: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """Per (from, to) pair, the ids with associations, both directions, in the file's order."""
    pairs: dict[tuple[str, str], list[str]] = {}
    for entry in associations.get("associations", []):
        forward = pairs.setdefault((entry["fromObjectType"], entry["toObjectType"]), [])
        backward = pairs.setdefault((entry["toObjectType"], entry["fromObjectType"]), [])
        for ids, record in ((forward, entry["fromId"]), (backward, entry["toId"])):
            if record not in ids:
                ids.append(record)
    return [(f, t, ids[:MAX_READ_IDS]) for (f, t), ids in list(pairs.items())[:MAX_READ_PAIRS]]


def keys_written(settings: dict[str, Any], run: str) -> Callable[[str, int], str]:
    prefix = settings["prefix"]
    return lambda version, n: f"{prefix}parity-{run}-{version}-{n}"


def run_scenario(settings: dict[str, Any], run: str, send: Send) -> None:
    """Every exchange, in order, through send: the fixed scenario, or a recording's own list
    of requests (the ledger's, ledger_recording.py)."""
    if "requests" in settings:
        for request in settings["requests"]:
            send(Request(**(request | {"ledger": tuple(request["ledger"])})))
        return
    key = keys_written(settings, run)
    first = settings["versions"][0]["version"] if settings["versions"] else None
    for entry in settings["versions"]:
        created: dict[str, str] = {}
        if "upsert" in entry:
            created = _upserts(settings, entry, key, first, send)
        if "read" in entry:
            _reads(settings, entry, created, send)


def _ids_by_key(answer: Answer, id_property: str) -> dict[str, str]:
    results = answer.body.get("results", []) if isinstance(answer.body, dict) else []
    found = {}
    for result in results if isinstance(results, list) else []:
        if isinstance(result, dict) and isinstance(result.get("properties"), dict):
            value = result["properties"].get(id_property)
            if value is not None and "id" in result:
                found[str(value)] = str(result["id"])
    return found


def _upserts(
    settings: dict[str, Any],
    entry: dict[str, Any],
    key: Callable[[str, int], str],
    first: str | None,
    send: Send,
) -> dict[str, str]:
    version, path, prop = entry["version"], entry["upsert"], settings["idProperty"]
    name = f"{version}/upsert/"

    def inputs(*items: tuple[str, dict[str, Any]], trace: bool = False) -> dict[str, Any]:
        listed = []
        for n, (value, properties) in enumerate(items, 1):
            item: dict[str, Any] = {"id": value, "idProperty": prop, "properties": properties}
            if trace:
                item["objectWriteTraceId"] = f"parity-trace-{n}"
            listed.append(item)
        return {"inputs": listed}

    def post(step: str, ledger: tuple[str, ...], body: Any = None, **extra: Any) -> Answer:
        return send(Request(name + step, ledger, path, body, **extra))

    k1, k2 = key(version, 1), key(version, 2)
    one = {"name": "Parity one", "quantity": "2", "price": "10"}
    two = {"name": "Parity two", "quantity": "1", "price": "5", "description": "to be cleared"}
    created = post(
        "create",
        (
            "upsert-new-flag",
            "upsert-returns-default-properties",
            "write-results-url-field",
            "batch-status-complete",
            "batch-requested-at-absent-or-null",
            "batch-empty-links-and-errors-at-200",
            "timestamps-iso-millis-z",
            "results-order-not-input-order",
        ),
        inputs((k1, one), (k2, two), trace=True),
    )
    post("update", ("upsert-new-flag",), inputs((k1, one | {"name": "Parity one, renamed"})))
    post(
        "same-key-again", ("upsert-new-flag",), inputs((k1, one | {"name": "Parity one, renamed"}))
    )
    if first is not None and version != first:
        post(
            f"key-from-{first}",
            ("dated-upsert-same-as-v3", "upsert-new-flag"),
            inputs((key(first, 1), {"quantity": "2"})),
        )
    post(
        "duplicate-keys",
        ("upsert-duplicate-ids",),
        inputs((key(version, 3), {"quantity": "1"}), (key(version, 3), {"quantity": "2"})),
    )
    post(
        "unknown-property",
        ("property-doesnt-exist",),
        inputs((key(version, 4), {NO_SUCH_PROPERTY: "1"})),
    )
    unknown_key: dict[str, Any] = {"id": key(version, 4), "idProperty": NO_SUCH_PROPERTY}
    unknown_key["properties"] = {"quantity": "1"}
    post("unknown-id-property", ("upsert-id-property-unknown",), {"inputs": [unknown_key]})
    post(
        "non-unique-id-property",
        ("upsert-non-unique-id-property",),
        {"inputs": [{"id": "Parity one", "idProperty": "name", "properties": {"quantity": "1"}}]},
    )
    limit = entry.get("upsertLimit") or 100
    at_limit = [(key(version, 1000 + n), {"quantity": "1"}) for n in range(limit)]
    post(
        "inputs-at-the-limit",
        ("upsert-batch-input-limit",),
        inputs(*at_limit),
        summary=f"{limit} inputs, keys {key(version, 1000)}…",
        brief=True,
    )
    over = [(key(version, 3000 + n), {"quantity": "1"}) for n in range(limit + 1)]
    post(
        "too-many-inputs",
        ("upsert-batch-input-limit",),
        inputs(*over),
        summary=f"{limit + 1} inputs, keys {key(version, 3000)}…",
    )
    post(
        "coerced-values",
        ("properties-numbers-accepted",),
        inputs((key(version, 5), {"quantity": 3, "price": 9.5})),
    )
    post(
        "null-and-empty",
        ("properties-null-leaves-unchanged", "properties-empty-string-clears"),
        inputs((k2, {"name": None, "description": ""})),
    )
    post(
        "per-input-errors",
        ("upsert-per-input-errors-207",),
        inputs(
            (key(version, 6), {"quantity": "1"}),
            (key(version, 7), {NO_SUCH_PROPERTY: "1"}),
            trace=True,
        ),
    )
    post("empty-inputs", ("batch-empty-inputs", "silent-empty-2xx"), {"inputs": []})
    post(
        "invalid-value",
        ("line-item-invalid-value-errors", "line-item-domain-rules"),
        inputs((key(version, 8), {"price": "-1"})),
    )
    _refusals(name, path, settings, post)
    return _ids_by_key(created, prop)


def _refusals(name: str, path: str, settings: dict[str, Any], post: Callable[..., Answer]) -> None:
    """What every operation refuses the same way: bodies, media types, tokens, scopes."""
    post("malformed-body", ("invalid-json-syntax",), raw='{"inputs": [')
    post(
        "wrong-shape",
        ("invalid-json-wrong-shape", "missing-required-field"),
        {"inputs": {"id": "1"}},
    )
    post(
        "wrong-media-type",
        ("other-statuses", "error-categories-by-status"),
        {"inputs": []},
        content_type="text/plain",
    )
    post("invalid-token", ("auth-401-missing-or-unknown-token",), {"inputs": []}, token="invalid")
    post("no-token", ("auth-401-missing-or-unknown-token",), {"inputs": []}, token="none")
    post("other-method", ("batch-routes-other-methods",), raw="", method="GET")
    if settings["limitedToken"]:
        read = "/associations/" in path
        post(
            "missing-scope",
            ("auth-403-missing-scopes", "association-read-required-scopes")
            if read
            else ("auth-403-missing-scopes",),
            {"inputs": [{"id": UNKNOWN_ID}]} if read else {"inputs": []},
            token="limited",
        )


def _spellings(object_type: str) -> list[tuple[str, str, str]]:
    """(step, spelling, ledger id) for a standard type: singular, id, upper case."""
    type_id = resolve(object_type)
    if type_id is None or CUSTOM_ID.match(object_type):
        return []
    return [
        ("type-singular", singular(object_type), "object-type-singular-accepted"),
        ("type-id", type_id, "object-type-ids-accepted"),
        ("type-upper-case", object_type.upper(), "object-type-case-insensitive"),
    ]


def _custom_spellings(associations: dict[str, Any]) -> list[tuple[str, str]]:
    """(step, spelling) for the first custom object the portal's file names: its id, p_<name>,
    the bare name (refused, ledger: object-type-custom-names) and p_<NAME>."""
    named = [c for c in associations.get("customObjects", []) if isinstance(c, dict)]
    if not named:
        return []
    type_id, name = str(named[0].get("objectTypeId")), str(named[0].get("name"))
    return [
        ("type-custom-id", type_id),
        ("type-custom-p-name", f"p_{name}"),
        ("type-custom-bare-name", name),
        ("type-custom-p-name-upper-case", f"p_{name.upper()}"),
    ]


def _reads(
    settings: dict[str, Any], entry: dict[str, Any], created: dict[str, str], send: Send
) -> None:
    version, template = entry["version"], entry["read"]
    name = f"{version}/read/"
    dated = version != "v3"

    def path(from_type: str, to_type: str) -> str:
        return (
            str(template).replace("{fromObjectType}", from_type).replace("{toObjectType}", to_type)
        )

    def post(
        step: str, ledger: tuple[str, ...], body: Any = None, *, to: str = "", **extra: Any
    ) -> Answer:
        pair = to.split("/") if to else ["line_items", "deals"]
        return send(Request(name + step, ledger, path(*pair), body, **extra))

    shape = (
        ("dated-to-object-id-is-number", "dated-association-types-label-null")
        if dated
        else (
            "v3-result-shape",
            "v3-duplicate-to-per-label",
        )
    )
    pairs = read_pairs(settings["associations"])
    for from_type, to_type, ids in pairs:
        pair = f"{from_type}/{to_type}"
        answer = post(
            f"existing/{from_type}-{to_type}",
            (*shape, "results-order-not-input-order", "batch-status-complete"),
            {"inputs": [{"id": i} for i in ids]},
            to=pair,
        )
        pages = _next_pages(answer)
        if pages:
            ledger = (
                ("dated-paging-per-result",)
                if dated
                else (
                    "v3-batch-read-ignores-after",
                    "v3-paging-next-shape",
                    "v3-page-size-100",
                )
            )
            post(f"next-page/{from_type}-{to_type}", ledger, {"inputs": pages}, to=pair)
    if pairs:
        from_type, to_type, ids = pairs[0]
        for step, spelling, ledger_id in _spellings(from_type):
            post(step, (ledger_id,), {"inputs": [{"id": ids[0]}]}, to=f"{spelling}/{to_type}")
    for step, spelling in _custom_spellings(settings["associations"]):
        post(
            step,
            ("object-type-custom-names", "custom-object-name-letter-case"),
            {"inputs": [{"id": UNKNOWN_ID}]},
            to=f"{spelling}/contacts",
        )
    without = {"no-associations-207-dated" if dated else "no-associations-207-v3"}
    records = [r for r in settings["associations"].get("records", []) if isinstance(r, dict)]
    if records:
        record = records[0]
        to_type = pairs[0][1] if pairs else "companies"
        post(
            "named-record-without-associations",
            tuple(sorted(without)),
            {"inputs": [{"id": record["id"]}]},
            to=f"{record['objectType']}/{to_type}",
        )
    if created:
        post(
            "records-without-associations",
            tuple(sorted(without)),
            {"inputs": [{"id": created[k]} for k in sorted(created)]},
        )
    post("unknown-id", ("association-read-unknown-from-id",), {"inputs": [{"id": UNKNOWN_ID}]})
    post(
        "unknown-object-type",
        ("unknown-object-type",),
        {"inputs": [{"id": UNKNOWN_ID}]},
        to="parity_no_such_type/companies",
    )
    limit = entry.get("readLimit") or 1000
    post(
        "inputs-at-the-limit",
        ("association-batch-input-limit",),
        {"inputs": [{"id": str(10**14 + n)} for n in range(limit)]},
        summary=f"{limit} inputs, unknown ids",
        brief=True,
    )
    post(
        "too-many-inputs",
        ("association-batch-input-limit",),
        {"inputs": [{"id": str(10**14 + n)} for n in range(limit + 1)]},
        summary=f"{limit + 1} inputs, unknown ids",
    )
    _refusals(name, path("line_items", "deals"), settings, post)


def _next_pages(answer: Answer) -> list[dict[str, str]]:
    """The inputs that ask for each result's next page."""
    results = answer.body.get("results", []) if isinstance(answer.body, dict) else []
    pages = []
    for result in results if isinstance(results, list) else []:
        after = (((result or {}).get("paging") or {}).get("next") or {}).get("after")
        record = (result.get("from") or {}).get("id") if isinstance(result, dict) else None
        if isinstance(after, str) and record is not None:
            pages.append({"id": str(record), "after": after})
    return sorted(pages, key=lambda p: p["id"])
