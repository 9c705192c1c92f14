"""hubspot_request_forms: requests HubSpot is recorded resolving or refusing in its own way, each
sent once per run as a variation of an exchange that was answered (one extra request per test
case). A probe answered 429 is tried again on a later case.

Reads (ledger ids beside each): object types by singular name and by type id
(object-type-singular-accepted, object-type-ids-accepted), in another letter case in v3
(object-type-case-insensitive), and one that resolves to nothing (unknown-object-type).
Upserts: a body that is not JSON (invalid-json-syntax), JSON numbers as property values
(properties-numbers-accepted), an empty string that clears a value
(properties-empty-string-clears), two inputs with one key (upsert-duplicate-ids), and a number
with a leading space (property-leading-trailing-whitespace).
"""

import re
import threading
from collections.abc import Callable
from typing import Any

import httpx
import schemathesis

from contract_tests.checks.exchange import (
    fail,
    first_keyed,
    http,
    json_of,
    operation_id_of,
    path_types,
    read_path,
    resend,
    settings,
    versioned_operation_id,
)
from contract_tests.checks.semantics import _result_for
from hubspot_toolkit.crm.object_types import plural_name, resolve, singular
from hubspot_toolkit.properties.validation import conforming_number
from hubspot_toolkit.spec.versions import READ, UPSERT, V3, version_of_operation_id

NO_SUCH_TYPE = "contract_test_no_such_type"
NOT_JSON = "inputs=1"
_lock = threading.Lock()
_done: set[str] = set()
# a probe: (response, its JSON request) -> (the answer, the problems it shows) or None when
# this exchange cannot carry it
Probe = Callable[[Any, Any], tuple[httpx.Response, Callable[[httpx.Response], list[str]]] | None]


def _read_path(response: Any, from_type: str, to_type: str) -> str | None:
    own = versioned_operation_id(response)
    return read_path(from_type, to_type, own) if own is not None else None


def _names(response: Any) -> tuple[str, str] | None:
    types = path_types(response)
    if types is None:
        return None
    ids = [resolve(t) for t in types]
    if None in ids:
        return None
    return plural_name(str(ids[0])), plural_name(str(ids[1]))


def _answered(what: str) -> Callable[[httpx.Response], list[str]]:
    def judge(answer: httpx.Response) -> list[str]:
        if answer.status_code in (200, 207):
            return []
        return [f"{what} got {answer.status_code}: {answer.text[:200]!r}"]

    return judge


def _spelled(response: Any, sent: Any) -> Any:
    names = _names(response)
    if names is not None and names[0] == "line_items":
        return None  # `line_item` is not captured resolving (ledger: object-type-singular-...)
    type_id = resolve(names[1]) if names else None
    path = _read_path(response, singular(names[0]), type_id) if names and type_id else None
    if path is None:
        return None
    what = f"a read of {path} (a singular name and a type id, which HubSpot resolves)"
    return resend(response, path=path), _answered(what)


def _capitalised(response: Any, sent: Any) -> Any:
    names = _names(response)
    own = versioned_operation_id(response)
    if names is None or own is None or version_of_operation_id(own) != V3:
        return None
    path = _read_path(response, names[0].capitalize(), names[1].capitalize())
    if path is None:
        return None
    what = f"a read of {path} (names in another letter case, which HubSpot's v3 resolves)"
    return resend(response, path=path), _answered(what)


def _unknown_type(response: Any, sent: Any) -> Any:
    names = _names(response)
    path = _read_path(response, NO_SUCH_TYPE, names[1]) if names else None
    if path is None:
        return None

    def judge(answer: httpx.Response) -> list[str]:
        body = json_of(answer.content)
        expected = f"Unable to infer object type from: {NO_SUCH_TYPE}"
        if answer.status_code == 429:
            return []
        if answer.status_code != 400 or not isinstance(body, dict):
            return [f"a read from the unknown type {NO_SUCH_TYPE!r} got {answer.status_code}"]
        problems = []
        if body.get("message") != expected:
            problems.append(f"the 400 for an unknown type says {body.get('message')!r}")
        if "category" in body:
            problems.append("the 400 for an unknown type has a category; HubSpot's has none")
        return problems

    return resend(response, path=path), judge


def _not_json(response: Any, sent: Any) -> Any:
    request = response.request
    headers = {
        k: v for k, v in request.headers.items() if k.lower() not in ("content-length", "host")
    }
    headers["Content-Type"] = "application/json"
    answer = http().request(request.method, request.url, headers=headers, content=NOT_JSON)

    def judge(answer: httpx.Response) -> list[str]:
        body = json_of(answer.content)
        message = body.get("message") if isinstance(body, dict) else None
        if answer.status_code != 400 or not isinstance(message, str):
            return [f"a body that is not JSON ({NOT_JSON!r}) got {answer.status_code}"]
        problems = []
        if not re.match(r"Invalid input JSON on line \d+, column \d+", message):
            problems.append(f"the 400 for a body that is not JSON says {message[:120]!r}")
        if "category" in body:
            problems.append("the 400 for a body that is not JSON has a category; HubSpot's none")
        return problems

    return answer, judge


def _writable(name: str) -> bool:
    definition = settings().definitions().get(name)
    return definition is not None and definition.writable


def _whole_number(name: str, wanted: int) -> int | None:
    """`wanted`, or where the portal's validation rules refuse it a whole number they keep;
    None when they keep none (a probe must not send what the portal's own rules refuse)."""
    definition = settings().definitions().get(name)
    if definition is None or not definition.rules:
        return wanted
    kept = conforming_number(definition.rules, wanted)
    return int(kept) if kept is not None and kept.isdigit() else None


def _held(answer: httpx.Response, item: dict[str, Any]) -> dict[str, Any] | None:
    result = _result_for(json_of(answer.content), item["idProperty"], item.get("id"))
    properties = result.get("properties") if result is not None else None
    return properties if isinstance(properties, dict) else None


def _numbers(response: Any, sent: Any) -> Any:
    item = first_keyed(response, sent)
    number = _whole_number("quantity", 3)
    if item is None or number is None or not _writable("quantity"):
        return None
    answer = resend(response, body={"inputs": [item | {"properties": {"quantity": number}}]})

    def judge(answer: httpx.Response) -> list[str]:
        if answer.status_code not in (200, 207):
            return [
                f"an upsert sending quantity as the JSON number {number} got {answer.status_code}"
            ]
        held = _held(answer, item)
        if (
            held is not None
            and "quantity" in held
            and held["quantity"] not in (f"{number}", f"{number}.0")
        ):
            return [f"quantity sent as the number {number} reads back {held['quantity']!r}"]
        return []

    return answer, judge


def _clears(response: Any, sent: Any) -> Any:
    item = first_keyed(response, sent)
    before = _held(response, item) if item is not None else None
    if item is None or not _writable("description") or not (before or {}).get("description"):
        return None  # nothing to clear
    answer = resend(response, body={"inputs": [item | {"properties": {"description": ""}}]})

    def judge(answer: httpx.Response) -> list[str]:
        if answer.status_code not in (200, 207):
            return [f"an upsert clearing description with '' got {answer.status_code}"]
        held = _held(answer, item)
        if held and held.get("description"):
            return [f"description sent as '' still reads {held['description']!r}"]
        return []

    return answer, judge


def _duplicate_keys(response: Any, sent: Any) -> Any:
    item = first_keyed(response, sent)
    if item is None or not _writable("name"):
        return None
    # the same key with other values: identical inputs would break the spec's uniqueItems too
    other = item | {"properties": {**(item.get("properties") or {}), "name": "contract-test-2"}}
    answer = resend(response, body={"inputs": [item, other]})

    def judge(answer: httpx.Response) -> list[str]:
        body = json_of(answer.content)
        message = body.get("message") if isinstance(body, dict) else None
        if answer.status_code != 400:
            return [f"an upsert with one key in two inputs got {answer.status_code}, not 400"]
        if not isinstance(message, str) or not message.startswith("Duplicate IDs found"):
            return [f"the 400 for one key in two inputs says {message!r}"]
        return []

    return answer, judge


def _whitespace(response: Any, sent: Any) -> Any:
    item = first_keyed(response, sent)
    number = _whole_number("quantity", 3)
    if item is None or number is None or not _writable("quantity"):
        return None
    spaced = f" {number}"  # a value the portal's rules keep, but for the space
    answer = resend(response, body={"inputs": [item | {"properties": {"quantity": spaced}}]})

    def judge(answer: httpx.Response) -> list[str]:
        body = json_of(answer.content)
        message = body.get("message") if isinstance(body, dict) else None
        if answer.status_code != 400:
            return [f"an upsert sending quantity {spaced!r} got {answer.status_code}, not 400"]
        if not isinstance(message, str) or "LEADING_TRAILING_WHITESPACE" not in message:
            return [f"the 400 for quantity {spaced!r} does not say LEADING_TRAILING_WHITESPACE"]
        return []

    return answer, judge


PROBES: dict[str, tuple[str, Probe]] = {
    "spelled": (READ, _spelled),
    "capitalised": (READ, _capitalised),
    "unknown_type": (READ, _unknown_type),
    "not_json": (UPSERT, _not_json),
    "numbers": (UPSERT, _numbers),
    "clears": (UPSERT, _clears),
    "duplicate_keys": (UPSERT, _duplicate_keys),
    "whitespace": (UPSERT, _whitespace),
}


@schemathesis.check
def hubspot_request_forms(ctx: Any, response: Any, case: Any) -> None:
    """Forms of a request HubSpot resolves (singular names, type ids, letter case, numbers as
    values, '' to clear) and refuses in its own words (an unknown type, a body that is not
    JSON, one key twice), one probe per test case, each once per run. Ledger:
    object-type-singular-accepted, object-type-ids-accepted, object-type-case-insensitive,
    unknown-object-type, invalid-json-syntax, properties-numbers-accepted,
    properties-empty-string-clears, upsert-duplicate-ids, property-leading-trailing-whitespace."""
    operation = operation_id_of(response)
    if response.status_code not in (200, 207) or operation is None or not settings().token:
        return
    if len(_done) == len(PROBES):
        return  # every probe has run: nothing to take the lock for
    sent = json_of(response.request.body)
    for name, (wanted, probe) in PROBES.items():
        with _lock:
            if wanted != operation or name in _done:
                continue
            _done.add(name)
        sent_probe = probe(response, sent)
        if sent_probe is None:
            with _lock:
                _done.discard(name)  # this exchange cannot carry it: a later one may
            continue
        answer, judge = sent_probe
        if answer.status_code == 429:
            with _lock:
                _done.discard(name)  # nothing learned: try again later
            return
        fail([f"{name}: {p}" for p in judge(answer)])
        return
