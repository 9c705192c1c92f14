"""HubSpot's promises that show only across exchanges, versions and headers, as schemathesis
checks. Each sends at most one extra request per test case, paced like the rest.

- One portal, every version: a line item upserted through one version is the same record
  through another, and a record's associations read the same through every version (HubSpot
  versions its API, not its data: its versioning guide, https://developers.hubspot.com/docs/
  api-reference/versioning).
- Paging that advances: a dated read's `paging.next.after` gives the next page (the dated
  versions' documented paging; ledger: dated-paging-per-result).
- Ids that mean what HubSpot's tables say: dated association type ids from HubSpot's published
  table for the pair asked for (hubspot_toolkit/crm/association_types.py).
- Values that make sense: times within the run's clock window, a correlationId unique to its
  answer (HubSpot's support looks requests up by it: its error handling guide,
  https://developers.hubspot.com/docs/api-reference/error-handling), a category that fits its
  status (ledger: error-categories-by-status).
- Headers that tell the truth: X-HubSpot-RateLimit-Remaining never above -Max, and below it
  for a token that made a request within the rolling window (HubSpot's usage guidelines,
  https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details; the window is
  "ten_secondly_rolling").
"""

import hashlib
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis

from contract_tests.checks import semantics
from contract_tests.checks.exchange import (
    answered,
    body_of,
    fail,
    json_of,
    operation_id_of,
    other_version_path,
    path_types,
    resend,
    settings,
    versioned_operation_id,
)
from hubspot_toolkit.crm.association_types import TYPE_IDS
from hubspot_toolkit.crm.object_types import plural_name, resolve
from hubspot_toolkit.spec.versions import READ, UPSERT, V3, version_of_operation_id

# Clocks differ: a server's times may lead or lag this machine's by this much.
CLOCK_SKEW = timedelta(minutes=5)
RUN_STARTED = datetime.now(UTC)
_lock = threading.Lock()
# correlationId -> the answer it was first seen on (a check may look at one answer twice)
_correlation_ids: dict[str, int] = {}
# per token (hashed): when its last answer came and what it said of the window
_last_answer: dict[str, tuple[float, int, int]] = {}


@schemathesis.check
def hubspot_one_record_every_version(ctx: Any, response: Any, case: Any) -> None:
    """The same upsert sent through another API version updates the same records (same ids,
    `new: false`), and a read answers the same associations in that version's shape. Ledger:
    dated-association-read-path, dated-upsert-same-as-v3, upsert-new-flag."""
    if not answered(response) or not settings().token:
        return
    operation = operation_id_of(response)
    other = other_version_path(response)
    if operation not in (UPSERT, READ) or other is None:
        return
    version, path = other
    sent = json_of(response.request.body)
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if operation == READ and any(isinstance(i, dict) and "after" in i for i in inputs or []):
        # v3 ignores `after` (ledger: v3-batch-read-ignores-after) and the dated versions
        # read it: not the same request
        return
    again = resend(response, path=path)
    if again.status_code in (404, 429):
        return  # the target serves no such version, or rate limited: nothing learned
    first = body_of(response)
    if again.status_code not in (200, 207):
        raise AssertionError(f"the same request through {version} got {again.status_code}")
    second = json_of(again.content)
    if operation == UPSERT:
        fail(semantics.repeated_upsert_problems(sent, first, second))
    else:
        fail(semantics.versions_agree_problems(first, second, version))


@schemathesis.check
def hubspot_paging_advances(ctx: Any, response: Any, case: Any) -> None:
    """In the versions that page, `to` never lists an association twice and the next page of a
    record holds none of its first page's records, under a new cursor. Ledger:
    dated-paging-per-result, v3-duplicate-to-per-label."""
    if not answered(response) or operation_id_of(response) != READ:
        return
    body = body_of(response)
    problems = semantics.duplicate_to_problems(body)
    own = versioned_operation_id(response)
    paged = [
        (str(r["from"]["id"]), r["paging"]["next"]["after"])
        for r in (body.get("results") or [] if isinstance(body, dict) else [])
        if isinstance(r, dict)
        and isinstance(r.get("from"), dict)
        and isinstance(((r.get("paging") or {}).get("next") or {}).get("after"), str)
    ]
    if own is None or version_of_operation_id(own) == V3 or not paged:
        fail(problems)
        return
    key, cursor = paged[0]
    following = resend(response, body={"inputs": [{"id": key, "after": cursor}]})
    if following.status_code == 429:
        fail(problems)
        return
    if following.status_code not in (200, 207):
        problems.append(f"record {key}'s next page (after={cursor!r}) got {following.status_code}")
    else:
        problems += semantics.next_page_problems(body, json_of(following.content), key, cursor)
    fail(problems)


@schemathesis.check
def hubspot_type_ids(ctx: Any, response: Any, case: Any) -> None:
    """A dated read's HubSpot-defined association type ids are HubSpot's for the pair (ledger:
    dated-association-types-label-null)."""
    own = versioned_operation_id(response)
    types = path_types(response)
    if not answered(response) or own is None or types is None:
        return
    if operation_id_of(response) != READ or version_of_operation_id(own) == V3:
        return
    from_name, to_name = (plural_name(resolve(t) or t) for t in types)
    fail(semantics.dated_type_problems(body_of(response), from_name, to_name, TYPE_IDS))


@schemathesis.check
def hubspot_values_make_sense(ctx: Any, response: Any, case: Any) -> None:
    """Times within the run's clock window (CLOCK_SKEW either side); a correlationId never
    seen before; a category that fits the status. Ledger: error-categories-by-status (and the
    captured answers it sums up: unknown-object-type, invalid-json-wrong-shape,
    missing-required-field, auth-401-missing-or-unknown-token, error-404-unknown-route,
    rate-limit-429-body), correlation-id-format."""
    if operation_id_of(response) is None:
        return
    body = body_of(response)
    problems: list[str] = []
    if answered(response):
        latest = datetime.now(UTC) + CLOCK_SKEW
        problems += semantics.timestamp_problems(body, RUN_STARTED - CLOCK_SKEW, latest)
    elif response.status_code >= 400:
        problems += semantics.category_problems(response.status_code, body)
    correlation = body.get("correlationId") if isinstance(body, dict) else None
    if isinstance(correlation, str):
        with _lock:
            first_seen = _correlation_ids.setdefault(correlation, id(response))
        if first_seen != id(response):
            problems.append(f"correlationId {correlation} was already given to another answer")
    fail(problems)


@schemathesis.check
def hubspot_rate_headers(ctx: Any, response: Any, case: Any) -> None:
    """X-HubSpot-RateLimit-Remaining is never above -Max, and a token that was answered within
    the window has spent some of it. Answers without the headers are not judged (a 2025
    capture shows none; ledger: rate-limit-headers)."""
    headers = response.headers
    try:
        most = int(_header(headers, "X-HubSpot-RateLimit-Max"))
        remaining = int(_header(headers, "X-HubSpot-RateLimit-Remaining"))
        window = int(_header(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")) / 1000
    except (TypeError, ValueError):
        return
    authorization = response.request.headers.get("authorization") or ""
    token = hashlib.sha256(authorization.encode()).hexdigest()
    now = time.monotonic()
    problems = []
    if remaining > most:
        problems.append(f"X-HubSpot-RateLimit-Remaining {remaining} is above -Max {most}")
    with _lock:
        before = _last_answer.get(token)
        _last_answer[token] = (now, most, remaining)
    # this answer's own request is in the window; so is the previous one, if it was recent
    # (within 0.9 of the window: our margin, so that clock and transit slack never alarm)
    if before is not None and now - before[0] < window * 0.9 and remaining >= most:
        problems.append(
            f"X-HubSpot-RateLimit-Remaining is {remaining} of {most} though this token made "
            f"requests {now - before[0]:.1f} s ago, within the {window:g} s window"
        )
    fail(problems)


def _header(headers: Any, name: str) -> Any:
    for key, value in headers.items():
        if key.lower() == name.lower():
            # schemathesis' responses hold a list per header
            return (value[0] if value else None) if isinstance(value, list) else value
    return None
