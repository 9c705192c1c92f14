"""Schemathesis hooks and checks for HubSpot semantics, loaded by the runner as SCHEMATHESIS_HOOKS.

The checks judge what actually went over the wire (response.request), so they hold for any
server, and they report through AssertionError as schemathesis expects.
"""

import hashlib
import threading
from typing import Any

import schemathesis

from contract_tests.checks import answers, probes, promises, semantics
from contract_tests.checks.exchange import (
    body_of,
    errors_at_200,
    fail,
    http,
    json_of,
    operation_id_of,
    path_types,
    read_path,
    resend,
    settings,
    versioned_operation_id,
)
from contract_tests.checks.shaping import as_known_type, known_object_types, shape_upsert
from hubspot_toolkit.spec.versions import READ, UPSERT

__all__ = ["answers", "probes", "promises"]  # imported for their checks, which register themselves


def _negative_body(case: Any) -> bool:
    """Whether schemathesis generated the body to be invalid (then it is left as it is)."""
    meta = getattr(case, "meta", None)
    components = getattr(meta, "components", None) or {}
    return any(
        getattr(location, "name", "").lower() == "body" and info.mode.is_negative
        for location, info in components.items()
    )


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    for name in ("fromObjectType", "toObjectType"):
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = as_known_type(case.path_parameters[name])
    if case.path.endswith("/batch/read"):
        _read_existing_records(case)
        return
    if not case.path.endswith("/batch/upsert"):
        return
    case.body = shape_upsert(case.body, settings(), negative=lambda: _negative_body(case))


def _read_existing_records(case: Any) -> None:
    """A third of the positive reads ask for records that exist (the reference server's
    fixture), so that the 200 path and paging are exercised, not only not-found."""
    existing = settings().existing
    meta = getattr(case, "meta", None)
    negative = meta is not None and meta.generation.mode.is_negative
    if not existing or negative or not isinstance(case.body, dict):
        return
    pick = int(hashlib.sha256(str(case.id).encode()).hexdigest(), 16)
    if pick % 3:
        return
    read = existing[pick // 3 % len(existing)]
    case.path_parameters["fromObjectType"] = read["from"]
    case.path_parameters["toObjectType"] = read["to"]
    case.body["inputs"] = [{"id": record_id} for record_id in read["ids"]]


def _existing_ids(response: Any) -> list[str] | None:
    """The ids of a read that asks only for records known to exist, else None."""
    sent = json_of(response.request.body)
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if not isinstance(inputs, list) or not inputs:
        return None
    types = path_types(response)
    for read in settings().existing:
        if types != (read["from"], read["to"]):
            continue
        ids = [i.get("id") for i in inputs if isinstance(i, dict) and "after" not in i]
        if len(ids) == len(inputs) and set(ids) <= set(read["ids"]):
            return [str(i) for i in ids]
    return None


# ---- checks -----------------------------------------------------------------------------------


@schemathesis.check
def hubspot_batch_envelope(ctx: Any, response: Any, case: Any) -> None:
    """numErrors == len(errors); 207 only with errors; completedAt not before startedAt.
    A 200 may list errors where the version's 200 declares them. Ledger:
    upsert-per-input-errors-207, batch-empty-links-and-errors-at-200,
    dated-partial-failure-status."""
    if response.status_code in (200, 207):
        status, body = response.status_code, body_of(response)
        fail(semantics.batch_envelope_problems(status, body, errors_at_200(response)))


@schemathesis.check
def hubspot_results(ctx: Any, response: Any, case: Any) -> None:
    """Non-empty ids; trace ids echoed; associations answer exactly the ids asked for. Ledger:
    v3-result-shape, upsert-per-input-errors-207, upsert-returns-default-properties,
    silent-empty-2xx, no-associations-207-*."""
    if response.status_code not in (200, 207):
        return
    body, sent = body_of(response), json_of(response.request.body)
    operation_id = operation_id_of(response)
    if operation_id == UPSERT:
        fail(semantics.upsert_result_problems(sent, body))
    elif operation_id == READ:
        problems = semantics.association_result_problems(sent, body)
        existing = _existing_ids(response)
        if existing is not None:
            problems += semantics.read_back_problems(
                existing, response.status_code, body, known_associated=True
            )
        fail(problems)


@schemathesis.check
def hubspot_error_body(ctx: Any, response: Any, case: Any) -> None:
    """Every error body carries a uuid correlationId (ledger: correlation-id-format)."""
    if response.status_code >= 400 and operation_id_of(response):
        fail(semantics.error_body_problems(response.status_code, body_of(response)))


@schemathesis.check
def hubspot_upsert_is_idempotent(ctx: Any, response: Any, case: Any) -> None:
    """The same upsert sent again updates the same records: same ids, new: false (ledger:
    upsert-new-flag)."""
    if response.status_code not in (200, 207) or operation_id_of(response) != UPSERT:
        return
    token = settings().token
    if not token:
        return
    again = resend(response, token)
    if again.status_code == 429:
        return  # rate limited: nothing learned, nothing wrong
    if again.status_code not in (200, 207):
        raise AssertionError(f"the same upsert sent again got {again.status_code}")
    first, sent = body_of(response), json_of(response.request.body)
    fail(semantics.repeated_upsert_problems(sent, first, json_of(again.content)))


@schemathesis.check
def hubspot_reads_what_was_written(ctx: Any, response: Any, case: Any) -> None:
    """Line items just upserted exist: reading their associations answers each id once."""
    if response.status_code not in (200, 207) or operation_id_of(response) != UPSERT:
        return
    readable = known_object_types()
    body = body_of(response)
    ids = [
        str(r["id"])
        for r in (body.get("results") or [] if isinstance(body, dict) else [])
        if isinstance(r, dict) and r.get("id")
    ]
    token = settings().token
    if not ids or not token or "line_items" not in readable:
        return  # nothing written, or the token may not read line items
    to_type = next((t for t in readable if t != "line_items" and not t[0].isdigit()), "line_items")
    path = read_path("line_items", to_type)
    if path is None:
        return
    answer = http().post(
        settings().base_url + path,
        json={"inputs": [{"id": record_id} for record_id in ids]},
        headers={"Authorization": f"Bearer {token}"},
    )
    if answer.status_code == 429:
        return  # rate limited: nothing learned, nothing wrong
    fail(semantics.read_back_problems(ids, answer.status_code, json_of(answer.content)))


@schemathesis.check
def hubspot_scopes_honoured(ctx: Any, response: Any, case: Any) -> None:
    """A 403 for association reads between types the token may read is a broken promise: the
    suite found their read scopes at the start (a 403 for a type it lacks is never sent)."""
    if response.status_code != 403 or operation_id_of(response) != READ:
        return
    types = path_types(response)
    readable = known_object_types()
    if types and all(t in readable for t in types):
        raise AssertionError(
            f"403 for reading {types[0]} → {types[1]} associations, which this token may read "
            f"(the probe of each type at the start was answered): {response.content[:200]!r}"
        )


_scope_checked: set[str] = set()
_scope_lock = threading.Lock()


@schemathesis.check
def hubspot_missing_scopes(ctx: Any, response: Any, case: Any) -> None:
    """A known token without the operation's scope gets 403 naming missingScopes, one of them a
    scope the operation needs (once per operation and version)."""
    limited = settings().limited_token
    operation_id = versioned_operation_id(response)
    if not limited or operation_id is None or response.status_code not in (200, 207):
        return
    with _scope_lock:
        if operation_id in _scope_checked:
            return
        _scope_checked.add(operation_id)
    again = resend(response, limited)
    answer = json_of(again.content)
    fail(
        semantics.missing_scope_problems(again.status_code, answer)
        + answers.scope_fit(response, again.status_code, answer)
    )


_rules_checked: set[str] = set()
NO_SUCH_PROPERTY = "contract_test_no_such_property"
NOT_UNIQUE = "name"  # a standard line item property, not unique in any portal


@schemathesis.check
def hubspot_property_rules(ctx: Any, response: Any, case: Any) -> None:
    """A property that does not exist is refused (400 PROPERTY_DOESNT_EXIST naming it), and so
    is an idProperty without unique values (400 "non-unique"); one extra request each, once.
    Ledger: property-doesnt-exist, upsert-non-unique-id-property."""
    if response.status_code not in (200, 207) or operation_id_of(response) != UPSERT:
        return
    sent = json_of(response.request.body)
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if not inputs or not isinstance(inputs[0], dict):
        return
    with _scope_lock:
        if "property_rules" in _rules_checked:
            return
        _rules_checked.add("property_rules")
    first = {k: v for k, v in inputs[0].items() if k != "objectWriteTraceId"}
    unknown = first | {"properties": {**first.get("properties", {}), NO_SUCH_PROPERTY: "x"}}
    answer = resend(response, body={"inputs": [unknown]})
    non_unique = first | {"idProperty": NOT_UNIQUE}
    second = resend(response, body={"inputs": [non_unique]})
    if 429 in (answer.status_code, second.status_code):
        with _scope_lock:
            _rules_checked.discard("property_rules")  # nothing learned: try again later
        return
    fail(
        semantics.unknown_property_problems(
            answer.status_code, json_of(answer.content), NO_SUCH_PROPERTY
        )
        + semantics.non_unique_id_property_problems(
            second.status_code, json_of(second.content), NOT_UNIQUE
        )
    )
