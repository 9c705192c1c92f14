"""HubSpot's semantics that any faithful server keeps, as plain functions over JSON.

Sources: unless a function names another, the promise is spec/'s own (the descriptions of the
two operations and of their 200/207 answers: a 207 carries the inputs that failed, `numErrors`
counts them, `objectWriteTraceId` is echoed, an upsert updates the record its key names and
leaves it live), and error bodies
carry a uuid `correlationId` as the spec's required `Error.correlationId` (format uuid) says.
A 403 for a missing scope names them in context.missingScopes (HubSpot's error handling guide,
https://developers.hubspot.com/docs/api-reference/error-handling).

Each returns a list of problems (empty when the exchange is fine), so that the schemathesis
checks and the tests of the checks share one implementation.
"""

import json
import re
from collections import Counter
from datetime import datetime
from typing import Any

UUID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def batch_envelope_problems(status: int, body: Any, errors_at_200: bool = False) -> list[str]:
    """numErrors == len(errors); a 207 only with errors; completedAt not before startedAt.
    errors_at_200: whether the version's 200 answer declares `errors` (2026-09 lists no 207:
    its partial failure is a 200 listing them); else errors at 200 are a broken answer."""
    if not isinstance(body, dict):
        return []
    problems = []
    errors = body.get("errors")
    if status == 207 and not errors:
        problems.append("a 207 answer carries no errors (a 207 means some inputs failed)")
    # `errors: []` is captured at 200 (ledger: batch-empty-links-and-errors-at-200); errors
    # listed at 200 never are where the version has a 207: its partial failure is a 207
    if status == 200 and errors and not errors_at_200:
        problems.append(f"a 200 answer lists {len(errors)} errors: a partial failure is a 207")
    if "numErrors" in body and isinstance(errors, list) and body["numErrors"] != len(errors):
        problems.append(f"numErrors is {body['numErrors']} but errors holds {len(errors)}")
    started, completed = _instant(body.get("startedAt")), _instant(body.get("completedAt"))
    if started and completed and completed.tzinfo and started.tzinfo and completed < started:
        problems.append(
            f"completedAt {body['completedAt']} is before startedAt {body['startedAt']}"
        )
    return problems


def _mentioned_ids(errors: Any) -> str:
    return json.dumps(errors or [])


def _named_in(key: Any, mentioned: str) -> bool:
    """Whether an error (in _mentioned_ids' text) names key, quoted or bare."""
    return json.dumps(key) in mentioned or str(key) in mentioned


def upsert_result_problems(request: Any, body: Any) -> list[str]:
    """Every result has an id; each input's objectWriteTraceId comes back in a result."""
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        return []
    problems = [
        f"results[{n}] has an empty id"
        for n, result in enumerate(body["results"])
        if isinstance(result, dict) and not result.get("id")
    ]
    inputs = request.get("inputs") if isinstance(request, dict) else None
    if not isinstance(inputs, list):
        return problems
    echoed = {r.get("objectWriteTraceId") for r in body["results"] if isinstance(r, dict)}
    failed = _mentioned_ids(body.get("errors"))
    for n, item in enumerate(inputs):
        if not isinstance(item, dict) or not isinstance(item.get("objectWriteTraceId"), str):
            continue
        if _named_in(item.get("id"), failed):
            continue  # this input failed, so it has no result to echo in
        if item["objectWriteTraceId"] not in echoed:
            problems.append(f"inputs[{n}].objectWriteTraceId is not echoed in any result")
    problems += _trace_owner_problems(inputs, body["results"])
    problems += _record_problems(body["results"])
    problems += _key_problems(inputs, body["results"], failed)
    problems += [
        f"results[{n}] is archived, but an upsert writes live records"
        for n, result in enumerate(body["results"])
        if isinstance(result, dict) and result.get("archived") is True
    ]
    return problems


def _record_problems(results: list[Any]) -> list[str]:
    """Each upserted record is one record: created no later than updated, and its
    `hs_object_id` (a default property HubSpot returns, ledger: upsert-returns-default-
    properties) is its id."""
    problems = []
    for n, result in enumerate(results):
        if not isinstance(result, dict):
            continue
        created, updated = _instant(result.get("createdAt")), _instant(result.get("updatedAt"))
        if created and updated and created.tzinfo and updated.tzinfo and created > updated:
            problems.append(
                f"results[{n}] was created ({created}) after it was updated ({updated})"
            )
        object_id = (result.get("properties") or {}).get("hs_object_id")
        if object_id is not None and str(object_id) != str(result.get("id")):
            problems.append(
                f"results[{n}] has id {result.get('id')!r} but hs_object_id {object_id!r}"
            )
    return problems


def _key_problems(inputs: list[Any], results: list[Any], failed: str) -> list[str]:
    """An input upserted by idProperty that did not fail has a result holding its key: the
    spec's upsert writes the record its key names, and a result without it cannot be told
    apart from another record's."""
    held = [r.get("properties") or {} for r in results if isinstance(r, dict)]
    problems = []
    for n, item in enumerate(inputs):
        prop = item.get("idProperty") if isinstance(item, dict) else None
        if not isinstance(prop, str) or not prop:
            continue
        key = item.get("id")
        if _named_in(key, failed):
            continue
        if not any(properties.get(prop) == key for properties in held):
            problems.append(f"no result holds inputs[{n}]'s key {prop}={key!r}")
    return problems


def _trace_owner_problems(inputs: list[Any], results: list[Any]) -> list[str]:
    """A result that echoes an input's objectWriteTraceId is that input's record: it carries
    the input's key and the values it sent (the spec: the trace id is echoed for tracing)."""
    traced = [
        (n, item)
        for n, item in enumerate(inputs)
        if isinstance(item, dict) and isinstance(item.get("objectWriteTraceId"), str)
    ]
    counts = Counter(item["objectWriteTraceId"] for _, item in traced)
    # A trace id that several inputs share names none of them.
    by_trace = {item["objectWriteTraceId"]: (n, item) for n, item in traced}
    by_trace = {trace: owner for trace, owner in by_trace.items() if counts[trace] == 1}
    problems = []
    for m, result in enumerate(results):
        if not isinstance(result, dict) or result.get("objectWriteTraceId") not in by_trace:
            continue
        n, item = by_trace[result["objectWriteTraceId"]]
        kept = result.get("properties") or {}
        prop = item.get("idProperty")
        if isinstance(prop, str) and prop and kept.get(prop, item.get("id")) != item.get("id"):
            problems.append(
                f"results[{m}] echoes inputs[{n}].objectWriteTraceId but has "
                f"{prop}={kept.get(prop)!r}, not the input's {item.get('id')!r}"
            )
            continue
        sent = item.get("properties") or {}
        differ = sorted(k for k, v in sent.items() if k in kept and kept[k] != v)
        if differ:
            problems.append(
                f"results[{m}] echoes inputs[{n}].objectWriteTraceId but holds other values "
                f"for {differ[:3]}"
            )
    return problems


def association_result_problems(request: Any, body: Any) -> list[str]:
    """Every result names a non-empty record; results answer exactly the ids asked for."""
    if not isinstance(body, dict) or not isinstance(body.get("results"), list):
        return []
    problems = []
    asked = set()
    if isinstance(request, dict) and isinstance(request.get("inputs"), list):
        asked = {i.get("id") for i in request["inputs"] if isinstance(i, dict)}
    answered = set()
    for n, result in enumerate(body["results"]):
        if not isinstance(result, dict):
            continue
        source = (result.get("from") or {}).get("id")
        if not source:
            problems.append(f"results[{n}].from.id is empty")
        answered.add(source)
        if asked and source not in asked:
            problems.append(f"results[{n}].from.id {source!r} was not asked for")
        for m, to in enumerate(result.get("to") or []):
            # v3 names the record `id`; the dated versions (v4's shape) `toObjectId`
            if isinstance(to, dict) and not (to.get("id") or to.get("toObjectId")):
                problems.append(f"results[{n}].to[{m}] names no record")
    failed = _mentioned_ids(body.get("errors"))
    for missing in sorted(str(i) for i in asked - answered if i is not None):
        if not _named_in(missing, failed):
            problems.append(f"id {missing!r} was asked for but is in neither results nor errors")
    return problems


def error_body_problems(status: int, body: Any) -> list[str]:
    """Error bodies carry a uuid correlationId."""
    if status < 400 or not isinstance(body, dict):
        return []
    correlation = body.get("correlationId")
    if not isinstance(correlation, str) or not UUID_PATTERN.match(correlation):
        return [f"the {status} body has no uuid correlationId (got {correlation!r})"]
    return []


def missing_scope_problems(status: int, body: Any) -> list[str]:
    """A token without the operation's scope gets 403 MISSING_SCOPES naming what is missing."""
    if status != 403:
        return [f"a token without the needed scopes got {status}, not 403"]
    if not isinstance(body, dict):
        return ["the 403 body is not a JSON object"]
    problems = []
    if body.get("category") != "MISSING_SCOPES":
        problems.append(f"the 403 category is {body.get('category')!r}, not 'MISSING_SCOPES'")
    if not _named_scopes(body):
        problems.append(
            "the 403 body names no scope: neither context.missingScopes nor "
            "errors[].context.requiredGranularScopes"
        )
    return problems


def _named_scopes(body: dict[str, Any]) -> list[str]:
    """The scopes a 403 names: HubSpot's documented context.missingScopes, or the
    errors[].context.requiredGranularScopes its servers are captured sending
    (https://github.com/HubSpot/hubspot-api-nodejs/issues/50; ledger: auth-403-missing-scopes)."""
    named = list((body.get("context") or {}).get("missingScopes") or [])
    for error in body.get("errors") or []:
        if isinstance(error, dict):
            named += (error.get("context") or {}).get("requiredGranularScopes") or []
    return [scope for scope in named if isinstance(scope, str)]


def _result_for(body: Any, prop: str, key: Any) -> dict[str, Any] | None:
    """The result whose idProperty value is key."""
    for result in body.get("results") or [] if isinstance(body, dict) else []:
        if isinstance(result, dict) and (result.get("properties") or {}).get(prop) == key:
            return result
    return None


def repeated_upsert_problems(request: Any, first: Any, second: Any) -> list[str]:
    """Upserting the same idProperty values again updates the same records, never creates."""
    inputs = request.get("inputs") if isinstance(request, dict) else None
    if not isinstance(inputs, list):
        return []
    failed = _mentioned_ids((first or {}).get("errors")) + _mentioned_ids(
        (second or {}).get("errors")
    )
    problems = []
    for n, item in enumerate(inputs):
        prop = item.get("idProperty") if isinstance(item, dict) else None
        if not prop:
            continue
        key = item.get("id")
        before = _result_for(first, prop, key)
        after = _result_for(second, prop, key)
        if _named_in(key, failed):
            continue  # failed inputs are judged by the other checks
        if before is None or after is None:
            # a check that cannot find what it must judge fails: it never passes silently
            problems.append(f"inputs[{n}] ({prop}={key!r}): a result holding its key is missing")
            continue
        if after.get("id") != before.get("id"):
            problems.append(
                f"inputs[{n}] ({prop}={key!r}) upserted twice gave two records: "
                f"{before.get('id')!r} then {after.get('id')!r}"
            )
        if after.get("new") is not False:
            problems.append(f"inputs[{n}] ({prop}={key!r}) upserted again reported new: true")
        if before.get("createdAt") and after.get("createdAt") != before.get("createdAt"):
            problems.append(
                f"inputs[{n}] ({prop}={key!r}) updated, but createdAt moved from "
                f"{before.get('createdAt')} to {after.get('createdAt')}"
            )
        first_update, second_update = (
            _instant(before.get("updatedAt")),
            _instant(after.get("updatedAt")),
        )
        if first_update and second_update and second_update < first_update:
            problems.append(f"inputs[{n}] ({prop}={key!r}) updated, but updatedAt went back")
        sent = item.get("properties") or {}
        kept = after.get("properties") or {}
        changed = sorted(k for k, v in sent.items() if k != prop and kept.get(k) != v)
        if changed:
            problems.append(f"inputs[{n}] second write's properties not returned: {changed[:3]}")
    return problems


NO_ASSOCIATIONS = "crm.associations.NO_ASSOCIATIONS_FOUND"


def read_back_problems(
    record_ids: list[str], status: int, body: Any, *, known_associated: bool = False
) -> list[str]:
    """Records just written read back: each id answered exactly once, as a result or as
    HubSpot's 207 entry for a record without associations (OBJECT_NOT_FOUND /
    crm.associations.NO_ASSOCIATIONS_FOUND naming it in context.fromObjectId: captured in
    production integrations; ledger: no-associations-207-*). Any other error for one is a
    failure, and so is that entry for records known to have associations (the fixture's)."""
    if status not in (200, 207):
        return [f"reading the associations of {len(record_ids)} records just written got {status}"]
    results = body.get("results") if isinstance(body, dict) else None
    if not isinstance(results, list):
        return ["the association read of records just written has no results"]
    answered = [str((r.get("from") or {}).get("id")) for r in results if isinstance(r, dict)]
    problems = []
    errors = body.get("errors")  # a 207's, or a 200's where the version lists no 207
    for error in errors if isinstance(errors, list) else []:
        context = error.get("context") if isinstance(error, dict) else None
        named = context.get("fromObjectId") if isinstance(context, dict) else None
        if error.get("subCategory") == NO_ASSOCIATIONS and isinstance(named, list):
            answered += [str(i) for i in named]
            if known_associated:
                problems.append(f"records with associations were answered without: {named}")
        else:
            message = error.get("message") if isinstance(error, dict) else error
            problems.append(f"reading records just written failed: {message!r}")
    problems += [
        f"record {i} was answered {answered.count(i)} times"
        for i in set(answered)
        if answered.count(i) > 1
    ]
    missing = sorted(set(record_ids) - set(answered))
    if missing:
        problems.append(f"records just written are missing from the answer: {missing[:5]}")
    return problems


def unknown_property_problems(status: int, body: Any, name: str) -> list[str]:
    """An upsert naming a property that does not exist: 400, errors[] naming it with
    PROPERTY_DOESNT_EXIST (https://developers.hubspot.com/docs/api-reference/error-handling)."""
    if status != 400:
        return [f"an upsert naming the property {name!r}, which does not exist, got {status}"]
    errors = body.get("errors") if isinstance(body, dict) else None
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, dict) or error.get("code") != "PROPERTY_DOESNT_EXIST":
            continue
        if (error.get("context") or {}).get("propertyName") == [name]:
            return []
    return [
        f"the 400 for the unknown property {name!r} has no errors[] entry with code "
        f"PROPERTY_DOESNT_EXIST and context.propertyName [{name!r}]"
    ]


def non_unique_id_property_problems(status: int, body: Any, name: str) -> list[str]:
    """An upsert keyed by a property without unique values: 400 "Unable to perform
    update/upsert by non-unique ..." (captured in
    https://github.com/segmentio/action-destinations/pull/3957)."""
    if status != 400:
        return [f"an upsert with idProperty {name!r}, which is not unique, got {status}"]
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or f"non-unique 0-8 property {name}" not in message:
        return [f"the 400 for idProperty {name!r} does not say it is a non-unique property"]
    return []


# What each error status's `category` may be, as HubSpot is captured answering (ledger:
# error-categories-by-status): None where HubSpot sends none. CONFLICT at 400 is ours: the
# reference server's answer to a unique value already taken, which no source captures.
CATEGORIES_BY_STATUS: dict[int, set[str | None]] = {
    400: {"VALIDATION_ERROR", "CONFLICT", None},
    401: {"INVALID_AUTHENTICATION", "EXPIRED_AUTHENTICATION"},
    403: {"MISSING_SCOPES"},
    404: {"OBJECT_NOT_FOUND", None},
    409: {"CONFLICT"},
    415: {"VALIDATION_ERROR", None},  # no capture: the reference server's answer (ours)
    # HubSpot's captured 429s name the limit in errorType RATE_LIMIT, not in category (ledger:
    # rate-limit-429-body); newer docs show category RATE_LIMITS, so either is no alarm.
    429: {None, "RATE_LIMIT", "RATE_LIMITS"},
}
# Statuses whose answers carry HubSpot's errorType, and the one it may be.
ERROR_TYPE_BY_STATUS = {429: "RATE_LIMIT"}


def category_problems(status: int, body: Any) -> list[str]:
    """An error's category fits its status."""
    allowed = CATEGORIES_BY_STATUS.get(status)
    if allowed is None or not isinstance(body, dict):
        return []
    problems = []
    category = body.get("category")
    if category not in allowed:
        expected = ", ".join(sorted(c or "none" for c in allowed))
        problems.append(
            f"a {status} answer has category {category!r}; HubSpot's {status}s have {expected}"
        )
    error_type = body.get("errorType")
    if error_type is not None and error_type != ERROR_TYPE_BY_STATUS.get(status, error_type):
        problems.append(
            f"a {status} answer has errorType {error_type!r}; HubSpot's {status}s have "
            f"{ERROR_TYPE_BY_STATUS[status]!r}"
        )
    return problems


def timestamp_problems(body: Any, earliest: datetime, latest: datetime) -> list[str]:
    """A batch answer's own times, and the updatedAt of records it wrote, fall within the
    run's clock window (earliest and latest carry the skew allowance); createdAt may be older
    (a record written by an earlier run) but never later."""
    if not isinstance(body, dict):
        return []
    stamps = [("startedAt", body.get("startedAt")), ("completedAt", body.get("completedAt"))]
    late_only = []
    for n, result in enumerate(body.get("results") or []):
        if isinstance(result, dict) and "updatedAt" in result:
            stamps.append((f"results[{n}].updatedAt", result.get("updatedAt")))
            late_only.append((f"results[{n}].createdAt", result.get("createdAt")))
    problems = []
    for where, value in stamps + late_only:
        instant = _instant(value)
        if instant is None or instant.tzinfo is None:
            continue
        if instant > latest or ((where, value) in stamps and instant < earliest):
            problems.append(f"{where} {value} is outside this run's clock window")
    return problems


def duplicate_to_problems(body: Any) -> list[str]:
    """`to` never lists the same association twice: one record once in the dated versions
    (whose entries carry every associationType of the record: our reading of their shape, no
    capture shows a record twice or not), once per association type in v3 (which lists a
    primary and a plain association of one record apart, ledger: v3-duplicate-to-per-label)."""
    problems = []
    for n, result in enumerate(body.get("results") or [] if isinstance(body, dict) else []):
        to = result.get("to") if isinstance(result, dict) else None
        keys = [
            (str(t.get("toObjectId")),) if "toObjectId" in t else (str(t.get("id")), t.get("type"))
            for t in to or []
            if isinstance(t, dict)
        ]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            problems.append(f"results[{n}].to lists {repeated[:3]} more than once")
    return problems


def dated_type_problems(
    body: Any, from_name: str, to_name: str, table: dict[tuple[str, str], tuple[int | None, int]]
) -> list[str]:
    """A dated read's HUBSPOT_DEFINED association type ids are HubSpot's published ones for the
    pair asked for ("Association type ID values", HubSpot's associations v4 guide)."""
    known = table.get((from_name, to_name))
    if known is None:
        return []
    allowed = {i for i in known if i is not None}
    problems = []
    for n, result in enumerate(body.get("results") or [] if isinstance(body, dict) else []):
        for to in result.get("to") or [] if isinstance(result, dict) else []:
            for kind in to.get("associationTypes") or [] if isinstance(to, dict) else []:
                if kind.get("category") == "HUBSPOT_DEFINED" and kind.get("typeId") not in allowed:
                    problems.append(
                        f"results[{n}]: typeId {kind.get('typeId')} is not HubSpot's for "
                        f"{from_name} → {to_name} ({sorted(allowed)})"
                    )
    return problems


def _associated(body: Any) -> dict[str, set[str]]:
    """Per record read, the records its first page names, in either version's shape; a
    NO_ASSOCIATIONS_FOUND entry is an empty set."""
    found: dict[str, set[str]] = {}
    if not isinstance(body, dict):
        return found
    for result in body.get("results") or []:
        if isinstance(result, dict) and isinstance(result.get("from"), dict):
            to = [t for t in result.get("to") or [] if isinstance(t, dict)]
            ids = {str(t.get("toObjectId", t.get("id"))) for t in to}
            found[str(result["from"].get("id"))] = ids
    for error in body.get("errors") or []:
        if isinstance(error, dict) and error.get("subCategory") == NO_ASSOCIATIONS:
            for key in (error.get("context") or {}).get("fromObjectId") or []:
                found.setdefault(str(key), set())
    return found


def versions_agree_problems(first: Any, other: Any, version: str) -> list[str]:
    """A record reads the same through every version: the same records associated, in each
    version's own shape (one portal; HubSpot versions its API, not its data). Records whose
    first page is not their whole list are compared as far as both pages go."""
    mine, theirs = _associated(first), _associated(other)
    paged = {
        str(r["from"].get("id"))
        for body in (first, other)
        for r in (body.get("results") or [] if isinstance(body, dict) else [])
        if isinstance(r, dict) and isinstance(r.get("from"), dict) and r.get("paging")
    }
    problems = []
    for key in sorted(mine.keys() & theirs.keys()):
        if key not in paged and mine[key] != theirs[key]:
            differ = sorted(mine[key] ^ theirs[key])[:3]
            problems.append(f"record {key} reads differently through {version}: {differ}")
    for key in sorted(mine.keys() ^ theirs.keys()):
        problems.append(f"record {key} is answered by one version and not by {version}")
    return problems


def next_page_problems(first: Any, following: Any, key: str, cursor: str) -> list[str]:
    """Following paging.next.after gives the next page: none of the first page's records again,
    and a different cursor onwards."""
    before = _associated(first).get(key, set())
    after = _associated(following).get(key)
    if after is None:
        return [f"record {key}'s next page (after={cursor!r}) answers no result for it"]
    problems = []
    if before & after:
        problems.append(f"record {key}'s next page repeats {sorted(before & after)[:3]}")
    for result in following.get("results") or []:
        if isinstance(result, dict) and str((result.get("from") or {}).get("id")) == key:
            again = ((result.get("paging") or {}).get("next") or {}).get("after")
            if again == cursor:
                problems.append(f"record {key}'s next page gives the same cursor {cursor!r} again")
    return problems
