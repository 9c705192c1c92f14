"""The checks issue 26's map of the ledger called for, as schemathesis checks: time that moves
on an update, scopes that fit the operation, one result per input, record ids in dated reads,
synchronous answers that are COMPLETE, and the answer to a method a route does not serve judged
by the evidence. Each sends at most one extra
request per test case; the rules themselves are plain functions in rules.py.
"""

import threading
from functools import cache
from typing import Any

import httpx
import schemathesis

from contract_tests.checks import rules
from contract_tests.checks.exchange import (
    answered,
    body_of,
    fail,
    first_keyed,
    json_of,
    operation_id_of,
    path_types,
    resend,
    settings,
    versioned_operation_id,
)
from contract_tests.checks.semantics import _named_scopes, _result_for
from contract_tests.spec_source import operation_named, suite_operations, suite_spec
from hubspot_toolkit.crm.object_types import plural_name, resolve
from hubspot_toolkit.spec.versions import READ, UPSERT, V3, base_operation_id
from hubspot_toolkit.spec.versions import version_of_operation_id as _version

# A standard line item property every portal has, without unique values: what an update
# changes (the suite's own records only, keyed by its prefix).
CHANGED_PROPERTY = "name"
_lock = threading.Lock()
_moved: set[str] = set()


@schemathesis.check
def hubspot_update_moves_time(ctx: Any, response: Any, case: Any) -> None:
    """An update that changes a value moves the record's updatedAt (and hs_lastmodifieddate)
    past the previous answer's: the first input upserted again with another `name`, once per
    operation and version. Ledger: upsert-moves-updated-at."""
    operation = versioned_operation_id(response)
    if not answered(response) or operation_id_of(response) != UPSERT or operation is None:
        return
    token, definitions = settings().token, settings().definitions()
    changed = definitions.get(CHANGED_PROPERTY)
    if not token or changed is None or not changed.writable:
        return
    first = body_of(response)
    item = first_keyed(response, json_of(response.request.body))
    if item is None:
        return
    with _lock:
        if operation in _moved:
            return
        _moved.add(operation)
    previous = _result_for(first, item["idProperty"], item.get("id")) or {}
    old = (previous.get("properties") or {}).get(CHANGED_PROPERTY)
    value = f"contract-test-moved-{len(str(old or ''))}-{id(response) % 10**6}"
    update = item | {"properties": {CHANGED_PROPERTY: value}}
    again = resend(response, body={"inputs": [update]})
    if again.status_code == 429:
        with _lock:
            _moved.discard(operation)  # nothing learned: try again later
        return
    if again.status_code >= 500:
        raise AssertionError(f"an update of {CHANGED_PROPERTY} alone got {again.status_code}")
    if again.status_code not in (200, 207):
        return  # refused (a portal's validation rule, say): no update to judge
    fail(
        rules.update_time_problems(
            first, json_of(again.content), item["idProperty"], item.get("id")
        )
    )


@cache
def _scopes(operation_id: str) -> frozenset[str]:
    """The OAuth scopes an operation's security requirement in spec/ lists (any one)."""
    default = suite_spec().get("security") or []
    operation = operation_named(operation_id)
    if operation is None:
        return frozenset()
    requirements = operation.spec.get("security") or default
    return frozenset(s for r in requirements for s in r.get("oauth2") or [])


@cache
def _other_scopes(operation_id: str) -> frozenset[str]:
    """What the spec lists for the other operations only: the other direction's scopes."""
    base = base_operation_id(operation_id)
    others = {
        scope
        for operation in suite_operations()
        if base_operation_id(operation.operation_id) != base
        for scope in _scopes(operation.operation_id)
    }
    return frozenset(others - _scopes(operation_id))


def scope_fit(response: Any, status: int, body: Any) -> list[str]:
    """Whether a 403 to response's request names a scope its operation needs."""
    operation = versioned_operation_id(response)
    if status != 403 or operation is None or not isinstance(body, dict):
        return []
    own = _scopes(operation)
    listed = True
    types = path_types(response)
    if base_operation_id(operation) == READ and types is not None:
        # a read between types whose read scopes the spec does not list (tickets, say) may
        # rightly name only theirs
        names = [plural_name(resolve(t) or t) for t in types]
        listed = all(any(name in s.split(".") for s in own) for name in names)
    return rules.scope_fit_problems(
        _named_scopes(body), set(own), set(_other_scopes(operation)), fully_listed=listed
    )


@schemathesis.check
def hubspot_scopes_fit(ctx: Any, response: Any, case: Any) -> None:
    """A 403 names at least one scope the operation's security requirement in spec/ lists, not
    only scopes of the other operation. Ledger: auth-403-missing-scopes."""
    if response.status_code == 403:
        fail(scope_fit(response, 403, body_of(response)))


@schemathesis.check
def hubspot_one_result_per_input(ctx: Any, response: Any, case: Any) -> None:
    """An upsert answers each input's record once, in the answer itself. Ledger:
    upsert-one-result-per-input."""
    if answered(response) and operation_id_of(response) == UPSERT:
        fail(rules.once_per_input_problems(json_of(response.request.body), body_of(response)))


@schemathesis.check
def hubspot_record_ids(ctx: Any, response: Any, case: Any) -> None:
    """A dated read's toObjectId is a record id, as a number or as a string of digits. Ledger:
    dated-to-object-id-is-number."""
    operation = versioned_operation_id(response)
    if not answered(response) or operation_id_of(response) != READ or operation is None:
        return
    if _version(operation) != V3:
        fail(rules.to_object_id_problems(body_of(response)))


@schemathesis.check
def hubspot_batch_complete(ctx: Any, response: Any, case: Any) -> None:
    """A batch answer (200 or 207) says status COMPLETE: both operations are synchronous; a
    207 counts its errors in numErrors. Ledger: batch-status-complete,
    upsert-per-input-errors-207."""
    if answered(response) and operation_id_of(response) is not None:
        fail(rules.batch_status_problems(response.status_code, body_of(response)))


def _unspecified_method(case: Any) -> bool:
    """Whether schemathesis sent this case with a method the operation does not declare."""
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    return str(getattr(data, "scenario", "")) == "unspecified_http_method"


@schemathesis.check
def hubspot_unsupported_method(ctx: Any, response: Any, case: Any) -> None:
    """A method the route does not serve is answered 404 or 405, as HubSpot answers one: in
    place of schemathesis' unsupported_method, which demands 405 (the runner excludes it).
    Ledger: batch-routes-other-methods, error-404-unknown-route."""
    method = str(response.request.method or "")
    if method == "OPTIONS" or not _unspecified_method(case):
        return
    path = httpx.URL(response.request.url).path
    fail(rules.unrouted_method_problems(method, path, response.status_code))


def _known(response: Any) -> dict[str, list[str]]:
    """The records the exchange's read types are known to have associations with, by id."""
    types = path_types(response)
    if types is None:
        return {}
    spelled = tuple(plural_name(resolve(t) or t) for t in types)
    for read in settings().existing:
        if (read["from"], read["to"]) in (types, spelled):
            return dict(read.get("associated") or {})
    return {}


@schemathesis.check
def hubspot_known_associations(ctx: Any, response: Any, case: Any) -> None:
    """A record the target is known to have associations for (the ASSOCIATIONS it was named
    with) names each of them, or pages on to them: no association is dropped silently. Ledger:
    dated-paging-per-result, v3-paging-next-shape."""
    if not answered(response) or operation_id_of(response) != READ:
        return
    sent = json_of(response.request.body)
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if any(isinstance(i, dict) and "after" in i for i in inputs or []):
        return  # a later page names only what is left
    known = _known(response)
    if known:
        fail(rules.known_associations_problems(body_of(response), known))
