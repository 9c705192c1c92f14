"""More of HubSpot's promises as plain functions over JSON: the ones issue 26's map of the ledger
found no check for. Each names its ledger entry (hubspot_toolkit/evidence/ledger.yaml) and
returns a list of problems, empty when the answer keeps the promise.
"""

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from contract_tests.checks.semantics import _result_for

# HubSpot answers a synchronous batch COMPLETE (ledger: batch-status-complete).
COMPLETE = "COMPLETE"
# An unrouted method on a batch route: HubSpot is captured answering 404 `resource not found`
# and, elsewhere, 405 (ledger: error-404-unknown-route, batch-routes-other-methods). 401/403
# (authentication before routing) and 429 (a limiter before routing) say nothing about routes.
UNROUTED_ANSWERS = frozenset({401, 403, 404, 405, 429})
_FRACTION = re.compile(r"T\d\d:\d\d:\d\d\.\d")


def _moment(value: Any) -> datetime | None:
    """An ISO-8601 time, or epoch milliseconds (as HubSpot's date properties may be written)."""
    if isinstance(value, str) and value.isdigit():
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _not_past(before: Any, after: Any) -> bool:
    """Whether after is not later than before, judged only at the precision both carry: two
    writes within one second may share a time that has no fraction (ledger:
    timestamps-iso-millis-z, Airbyte's note that v3 sends some without one)."""
    first, second = _moment(before), _moment(after)
    if first is None or second is None:
        return False
    if second < first:
        return True
    precise = all(
        isinstance(v, str) and (v.isdigit() or _FRACTION.search(v)) for v in (before, after)
    )
    return second == first and precise


def update_time_problems(first: Any, second: Any, prop: str, key: Any) -> list[str]:
    """An update that changed a value moves the record's updatedAt past the previous answer's,
    and hs_lastmodifieddate where both answers return it (ledger: upsert-moves-updated-at,
    upsert-returns-default-properties)."""
    before, after = _result_for(first, prop, key), _result_for(second, prop, key)
    if before is None or after is None:
        return []  # a missing result is hubspot_results' and the idempotence check's to judge
    problems = []
    if _not_past(before.get("updatedAt"), after.get("updatedAt")):
        problems.append(
            f"{prop}={key!r}: an update that changed a value left updatedAt at "
            f"{after.get('updatedAt')} (the previous answer's was {before.get('updatedAt')})"
        )
    modified = [(r.get("properties") or {}).get("hs_lastmodifieddate") for r in (before, after)]
    if _not_past(*modified):
        problems.append(
            f"{prop}={key!r}: an update that changed a value left hs_lastmodifieddate at "
            f"{modified[1]} (the previous answer's was {modified[0]})"
        )
    return problems


def scope_fit_problems(
    named: list[str], own: set[str], others: set[str], *, fully_listed: bool
) -> list[str]:
    """A 403 for a missing scope names one the operation's security requirement in spec/ lists,
    not only scopes of another operation (ledger: auth-403-missing-scopes). fully_listed: the
    spec lists every scope the request could need (an association read between types whose read
    scopes it does not list may rightly name only those)."""
    if not named or set(named) & own:
        return []
    wanted = ", ".join(sorted(own))
    if set(named) <= others:
        return [
            f"the 403 names only {sorted(set(named))}, scopes of another operation; this one "
            f"needs one of {wanted} (spec/'s security requirement)"
        ]
    if fully_listed:
        return [
            f"the 403 names {sorted(set(named))}, none of the scopes this operation needs "
            f"({wanted}, spec/'s security requirement)"
        ]
    return []


def once_per_input_problems(request: Any, body: Any) -> list[str]:
    """An upsert answers each input's record once: no record twice, no key in two results, no
    more results than inputs (the spec: one result per input written; ledger:
    upsert-one-result-per-input)."""
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list):
        return []
    records = [r for r in results if isinstance(r, dict)]
    problems = [
        f"record {record_id!r} is answered {count} times"
        for record_id, count in Counter(str(r.get("id")) for r in records).items()
        if count > 1 and record_id != "None"
    ]
    inputs = request.get("inputs") if isinstance(request, dict) else None
    inputs = [i for i in inputs if isinstance(i, dict)] if isinstance(inputs, list) else []
    for n, item in enumerate(inputs):
        prop = item.get("idProperty")
        if not isinstance(prop, str) or not prop:
            continue
        holding = [r for r in records if (r.get("properties") or {}).get(prop) == item.get("id")]
        if len(holding) > 1:
            problems.append(
                f"inputs[{n}] ({prop}={item.get('id')!r}) has {len(holding)} results, not one"
            )
    if inputs and len(records) > len(inputs):
        problems.append(f"{len(records)} results answer {len(inputs)} inputs")
    return problems


def to_object_id_problems(body: Any) -> list[str]:
    """A dated read's toObjectId is a record id: a JSON number, as captured, or a string of
    digits, as HubSpot's schema types it (ledger: dated-to-object-id-is-number)."""
    problems = []
    for n, result in enumerate(body.get("results") or [] if isinstance(body, dict) else []):
        for m, to in enumerate(result.get("to") or [] if isinstance(result, dict) else []):
            if not isinstance(to, dict) or "toObjectId" not in to:
                continue
            value = to["toObjectId"]
            number = isinstance(value, int) and not isinstance(value, bool) and value > 0
            if not (number or (isinstance(value, str) and value.isdigit())):
                problems.append(
                    f"results[{n}].to[{m}].toObjectId {value!r} is no record id (a number or "
                    "a string of digits)"
                )
    return problems


def batch_status_problems(http_status: int, body: Any) -> list[str]:
    """A synchronous batch answer's status is COMPLETE (ledger: batch-status-complete), and a
    207 counts its errors in numErrors, as every captured one does (ledger:
    upsert-per-input-errors-207, no-associations-207-dated)."""
    if not isinstance(body, dict):
        return []
    problems = []
    status = body.get("status")
    if isinstance(status, str) and status != COMPLETE:
        problems.append(f"a batch answer says status {status!r}; HubSpot's are COMPLETE")
    if http_status == 207 and body.get("errors") and "numErrors" not in body:
        problems.append("a 207 lists errors but no numErrors")
    return problems


def unrouted_method_problems(method: str, path: str, status: int) -> list[str]:
    """A method the spec does not give a route is answered as HubSpot answers one: 404 or 405
    (ledger: batch-routes-other-methods)."""
    if status in UNROUTED_ANSWERS:
        return []
    return [
        f"{method} {path}, a method the route does not serve, got {status}; HubSpot answers "
        "404 (resource not found) or 405"
    ]


def known_associations_problems(body: Any, associated: dict[str, list[str]]) -> list[str]:
    """A record known to be associated with others (HUBSPOT_CONTRACT_ASSOCIATIONS, or the
    reference server's fixture) names each of them in its answer, or says there is more with
    paging.next: an answer that leaves some out without paging drops them (ledger:
    dated-paging-per-result, v3-paging-next-shape)."""
    problems = []
    for n, result in enumerate(body.get("results") or [] if isinstance(body, dict) else []):
        if not isinstance(result, dict) or not isinstance(result.get("from"), dict):
            continue
        known = set(associated.get(str(result["from"].get("id")), []))
        paged = ((result.get("paging") or {}).get("next") or {}).get("after")
        named = {
            str(to.get("toObjectId", to.get("id")))
            for to in result.get("to") or []
            if isinstance(to, dict)
        }
        missing = sorted(known - named)
        if missing and not paged:
            problems.append(
                f"results[{n}] (record {result['from'].get('id')}) leaves out {missing[:3]}, "
                "which it is associated with, and has no paging.next"
            )
    return problems
