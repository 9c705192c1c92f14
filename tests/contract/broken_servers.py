"""Deliberately broken servers, to prove that the contract suite has teeth.

Each is a real HTTP server that forwards to a reference server and breaks one promise of the
spec or of HubSpot's semantics on the way back (or, for `ignores_auth`, on the way in). Run one:

    UPSTREAM_TOKEN=... python -m tests.contract.broken_servers KIND UPSTREAM_URL PORT
"""

import json
import os
import re
import sys
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.contract.realistic_servers import REALISTIC

Body = Any
SPLIT_OFFSET = 10**12
# (status, body, sent request body) -> (status, body)
Breakage = Callable[[int, Body, Body], tuple[int, Body]]


def _drop_required_field(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    if status in (200, 207) and isinstance(body, dict):
        body.pop("completedAt", None)
    return status, body


def _wrong_type(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    if status in (200, 207) and isinstance(body, dict):
        body["status"] = 1  # the spec says a BatchStatus string
    return status, body


def _undocumented_status(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    return (202 if status == 200 else status), body


def _accepts_invalid_input(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    if status == 400:
        now = "2026-01-01T00:00:00.000Z"
        return 200, {"status": "COMPLETE", "startedAt": now, "completedAt": now, "results": []}
    return status, body


def _duplicates_upsert(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # an upsert that creates a new record where it should update the existing one
    if status in (200, 207) and isinstance(body, dict):
        for result in body.get("results", []):
            if isinstance(result, dict) and result.get("new") is False and "archived" in result:
                result["new"] = True
                result["id"] = str(10**12 + uuid.uuid4().int % 10**9)
    return status, body


def _server_error_on_edge_input(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if isinstance(inputs, list) and any(isinstance(i, dict) and i.get("id") == "" for i in inputs):
        return 500, {"message": "boom"}
    if inputs == []:
        return 500, {"message": "boom"}
    return status, body


def _misattributes_trace_ids(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # every objectWriteTraceId echoed, but each on its neighbour's record
    results = body.get("results") if isinstance(body, dict) else None
    if status in (200, 207) and isinstance(results, list) and len(results) > 1:
        traces = [r.get("objectWriteTraceId") for r in results if isinstance(r, dict)]
        if len(traces) == len(results) and len(set(traces)) > 1:
            for result, trace in zip(results, traces[1:] + traces[:1], strict=True):
                result["objectWriteTraceId"] = trace
    return status, body


def _forgets_creation_time(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # an update that reports the record as created now
    for result in body.get("results", []) if isinstance(body, dict) else []:
        if isinstance(result, dict) and result.get("new") is False:
            result["createdAt"] = result.get("updatedAt")
    return status, body


def _drops_an_existing_record(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # an association read that silently leaves out one of several records asked for: a result,
    # or one of the NO_ASSOCIATIONS_FOUND entries HubSpot answers records without any with
    results = body.get("results") if isinstance(body, dict) else None
    errors = body.get("errors") if isinstance(body, dict) else None
    if status == 200 and isinstance(results, list) and len(results) > 1 and "from" in results[0]:
        results.pop()
    elif (
        status == 207
        and isinstance(errors, list)
        and len(errors) > 1
        and "NO_ASSOCIATIONS" in str(errors[-1].get("subCategory"))
    ):
        errors.pop()
        body["numErrors"] = len(errors)
    return status, body


def _adds_hubspot_extras(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # Not broken: what HubSpot does and the spec allows. Fields added over time (as it added
    # objectWriteTraceId in 2025 and url and warnings in 2026, and will add others), and
    # default properties returned beyond those sent.
    if not isinstance(body, dict):
        return status, body
    body["fieldAddedIn2027"] = {"nested": [1, "two"]}
    for result in body.get("results", []):
        if not isinstance(result, dict):
            continue
        result["fieldAddedIn2027"] = True
        if "archived" in result:  # an upsert result
            result.setdefault(
                "url", f"https://app.hubspot.com/contacts/1/record/0-8/{result['id']}"
            )
            result.setdefault("warnings", [])
            properties = result.setdefault("properties", {})
            properties.setdefault("hs_object_id", result.get("id"))
            properties.setdefault("createdate", result.get("createdAt"))
            properties.setdefault("hs_lastmodifieddate", result.get("updatedAt"))
            properties.setdefault("hs_object_source", "INTEGRATION")
    return status, body


def _refused_property(body: Body) -> bool:
    """HubSpot's refusal of a property that does not exist, or of a non-unique idProperty."""
    if not isinstance(body, dict):
        return False
    codes = {e.get("code") for e in body.get("errors") or [] if isinstance(e, dict)}
    return "PROPERTY_DOESNT_EXIST" in codes or "non-unique" in str(body.get("message"))


def _accepts_any_property(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # writes whatever it is sent: unknown property names, keys that are not unique
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if status != 400 or not _refused_property(body) or not isinstance(inputs, list):
        return status, body
    now = "2026-01-01T00:00:00.000Z"
    results = [
        {
            "id": str(10**12 + n),
            "properties": item.get("properties", {}),
            "createdAt": now,
            "updatedAt": now,
            "archived": False,
            "new": True,
        }
        for n, item in enumerate(inputs)
        if isinstance(item, dict)
    ]
    return 200, {"status": "COMPLETE", "startedAt": now, "completedAt": now, "results": results}


def _dated(path: str) -> bool:
    return bool(re.search(r"/crm/(objects|associations)/\d{4}-\d{2}/", path))


def _versions_split(status: int, body: Body, sent: Body, path: str = "") -> tuple[int, Body]:
    # the dated upsert keeps its own records: consistent ids, other than v3's
    if _dated(path) and path.endswith("/upsert") and isinstance(body, dict):
        for result in body.get("results", []):
            if isinstance(result, dict) and str(result.get("id", "")).isdigit():
                result["id"] = str(int(result["id"]) + SPLIT_OFFSET)
                properties = result.get("properties") or {}
                if "hs_object_id" in properties:
                    properties["hs_object_id"] = result["id"]
    return status, body


def _wrong_type_ids(status: int, body: Body, sent: Body, path: str = "") -> tuple[int, Body]:
    # dated reads name association types by ids HubSpot's table does not give the pair
    for result in body.get("results", []) if isinstance(body, dict) else []:
        for to in result.get("to", []) if isinstance(result, dict) else []:
            for kind in to.get("associationTypes", []) if isinstance(to, dict) else []:
                if kind.get("category") == "HUBSPOT_DEFINED":
                    kind["typeId"] = int(kind["typeId"]) + 1000
    return status, body


def _reused_correlation_id(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # every error answer carries the same correlationId
    if isinstance(body, dict) and "correlationId" in body:
        body["correlationId"] = "5f0c9a8e-1b2d-4c3e-8f4a-000000000001"
    return status, body


def _partial_failure_as_200(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # a batch with failed inputs reported as a success
    return (200 if status == 207 else status), body


def _created_after_updated(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    for result in body.get("results", []) if isinstance(body, dict) else []:
        if isinstance(result, dict) and "createdAt" in result and "updatedAt" in result:
            result["createdAt"] = "2099-01-01T00:00:00.000Z"
    return status, body


def _drops_upsert_properties(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # an upsert answer without the properties just written, the key among them
    for result in body.get("results", []) if isinstance(body, dict) else []:
        if isinstance(result, dict) and "archived" in result:
            result["properties"] = {"hs_object_id": result.get("id")}
    return status, body


def _refuses_deals(path: str, sent: Body) -> Response | None:
    inputs = sent.get("inputs") if isinstance(sent, dict) else None
    if "/deals/" not in path or not path.endswith("/batch/read") or not inputs:
        return None
    body = {
        "status": "error",
        "message": "This app hasn't been granted all required scopes to make this call.",
        "correlationId": str(uuid.uuid4()),
        "category": "MISSING_SCOPES",
        "context": {"missingScopes": ["crm.objects.deals.read"]},
    }
    return Response(json.dumps(body), 403, media_type="application/json")


def _unchanged(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    return status, body


# kind -> (breakage, the check that must catch it)
KINDS: dict[str, tuple[Breakage, str]] = {
    "drops_required_field": (_drop_required_field, "response_schema_conformance"),
    "wrong_type": (_wrong_type, "response_schema_conformance"),
    "undocumented_status": (_undocumented_status, "status_code_conformance"),
    "accepts_invalid_input": (_accepts_invalid_input, "negative_data_rejection"),
    "ignores_auth": (_unchanged, "ignored_auth"),
    "duplicates_upsert": (_duplicates_upsert, "hubspot_upsert_is_idempotent"),
    "server_error_on_edge_input": (_server_error_on_edge_input, "not_a_server_error"),
    "misattributes_trace_ids": (_misattributes_trace_ids, "hubspot_results"),
    "forgets_creation_time": (_forgets_creation_time, "hubspot_upsert_is_idempotent"),
    "drops_an_existing_record": (_drops_an_existing_record, "hubspot_reads_what_was_written"),
    # on the way in (see forward): deals' read scope honoured for an empty read (the suite's
    # probe), refused for every real one
    "forbids_a_readable_type": (_unchanged, "hubspot_scopes_honoured"),
    "accepts_any_property": (_accepts_any_property, "hubspot_property_rules"),
    "versions_split": (_unchanged, "hubspot_one_record_every_version"),
    "reused_correlation_id": (_reused_correlation_id, "hubspot_values_make_sense"),
    "partial_failure_as_200": (_partial_failure_as_200, "hubspot_batch_envelope"),
    "created_after_updated": (_created_after_updated, "hubspot_results"),
    "drops_upsert_properties": (_drops_upsert_properties, "hubspot_upsert_is_idempotent"),
    "remaining_never_drops": (_unchanged, "hubspot_rate_headers"),
    # dated reads only (the suite runs these with --versions 2026-03)
    "wrong_type_ids": (_unchanged, "hubspot_type_ids"),
    "paging_repeats": (_unchanged, "hubspot_paging_advances"),
}
# the kinds whose breakage lives in a dated version's reads
DATED = {"wrong_type_ids", "paging_repeats"}
# kinds whose breakage depends on the path (and so on the API version)
PATH_AWARE = {"versions_split": _versions_split, "wrong_type_ids": _wrong_type_ids}


def _without_cursors(path: str, content: bytes) -> bytes:
    """A dated read that ignores `after`: every page is the first one again."""
    if not (_dated(path) and path.endswith("/read")):
        return content
    try:
        body = json.loads(content)
    except ValueError:
        return content
    for item in body.get("inputs", []) if isinstance(body, dict) else []:
        if isinstance(item, dict):
            item.pop("after", None)
    return json.dumps(body).encode()


def _as_hubspot_is_captured(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """Every way HubSpot is captured answering beyond spec/, at once, as a real portal does:
    one contract run shows the suite raises no alarm at any of them, nor at their mix."""
    for change in (_adds_hubspot_extras, *REALISTIC.values()):
        status, body = change(status, body, sent)
    return status, body


# kind -> a server the suite must pass against: each captured behaviour alone, and all at once
ALL_AT_ONCE = "as_hubspot_is_captured"
FAITHFUL: dict[str, Breakage] = {
    "hubspot_extras": _adds_hubspot_extras,
    **REALISTIC,
    ALL_AT_ONCE: _as_hubspot_is_captured,
}


def build_app(kind: str, upstream: str, upstream_token: str) -> Starlette:
    breakage = FAITHFUL[kind] if kind in FAITHFUL else KINDS[kind][0]
    client = httpx.AsyncClient(base_url=upstream, timeout=30)

    async def forward(request: Request) -> Response:
        content = await request.body()
        headers = {
            k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")
        }
        if kind == "ignores_auth":
            headers["authorization"] = f"Bearer {upstream_token}"
        if kind == "paging_repeats":
            content = _without_cursors(request.url.path, content)
        if kind == "forbids_a_readable_type":
            try:
                refused = _refuses_deals(request.url.path, json.loads(content) if content else None)
            except ValueError:
                refused = None
            if refused is not None:
                return refused
        if kind in ON_THE_WAY_IN:
            early = ON_THE_WAY_IN[kind](request.method, request.url.path)
            if early is not None:
                return early
        # The path as it came, still percent-encoded: decoded, a fuzzed one may hold
        # characters no URL can carry, and the proxy itself would fail.
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        answer = await client.request(
            request.method,
            raw_path.decode("latin-1"),
            params=request.query_params,
            headers=headers,
            content=content,
        )
        try:
            body = answer.json()
            sent = json.loads(content) if content else None
        except ValueError:
            return Response(
                answer.content, answer.status_code, media_type=answer.headers.get("content-type")
            )
        if kind in PATH_AWARE:
            status, body = PATH_AWARE[kind](answer.status_code, body, sent, request.url.path)
        else:
            status, body = breakage(answer.status_code, body, sent)
        passed_headers = {
            k: v
            for k, v in answer.headers.items()
            if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
        }
        if kind == "remaining_never_drops" and "x-hubspot-ratelimit-max" in answer.headers:
            passed_headers["x-hubspot-ratelimit-remaining"] = answer.headers[
                "x-hubspot-ratelimit-max"
            ]
        return Response(json.dumps(body), status, headers=passed_headers)

    async def unmatched(request: Request, exc: Exception) -> Response:
        # a fuzzed path with a line break escapes the route's pattern: forward it all the same
        return await forward(request)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"]
    return Starlette(
        routes=[Route("/{path:path}", forward, methods=methods)],
        exception_handlers={404: unmatched},
    )


# ---- broken in a version's own semantics (issue 25): HubSpot's 2026-09 documents list no 207
# for either operation; a partial failure is a 200 listing errors and counting them.
NO_207_VERSION = "2026-09"


def _in_version(path: str, version: str) -> bool:
    return f"/{version}/" in path


def _multi_status_where_none_is_listed(
    status: int, body: Body, sent: Body, path: str = ""
) -> tuple[int, Body]:
    # a 2026-09 partial failure answered 207, as the versions before it do
    errors = body.get("errors") if isinstance(body, dict) else None
    if _in_version(path, NO_207_VERSION) and status == 200 and errors:
        return 207, body
    return status, body


def _miscounts_errors_at_200(
    status: int, body: Body, sent: Body, path: str = ""
) -> tuple[int, Body]:
    # a 2026-09 200 listing errors whose numErrors does not count them
    errors = body.get("errors") if isinstance(body, dict) else None
    if _in_version(path, NO_207_VERSION) and status == 200 and errors:
        body["numErrors"] = len(errors) + 1
    return status, body


VERSIONED_KINDS: dict[str, tuple[Breakage, str, str]] = {
    "multi_status_in_2026_09": (
        _unchanged,
        "status_code_conformance",
        NO_207_VERSION,
    ),
    "miscounts_errors_at_200": (_unchanged, "hubspot_batch_envelope", NO_207_VERSION),
}
# kind -> the one version a run against it covers (the others are not broken)
VERSION_OF = {kind: version for kind, (_, _, version) in VERSIONED_KINDS.items()}
KINDS.update({kind: (breakage, check) for kind, (breakage, check, _) in VERSIONED_KINDS.items()})
PATH_AWARE.update(
    {
        "multi_status_in_2026_09": _multi_status_where_none_is_listed,
        "miscounts_errors_at_200": _miscounts_errors_at_200,
    }
)


def main() -> None:
    kind, upstream, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    token = os.environ.get("UPSTREAM_TOKEN", "")
    uvicorn.run(build_app(kind, upstream, token), host="127.0.0.1", port=port, log_level="warning")


# ---- issue 26: promises the ledger records that the suite now checks ---------------------------


def _time_stands_still(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # updates change the values but leave updatedAt and hs_lastmodifieddate at creation time
    for result in body.get("results", []) if isinstance(body, dict) else []:
        if isinstance(result, dict) and "archived" in result and "createdAt" in result:
            result["updatedAt"] = result["createdAt"]
            properties = result.get("properties") or {}
            if "hs_lastmodifieddate" in properties:
                properties["hs_lastmodifieddate"] = properties.get(
                    "createdate", result["createdAt"]
                )
    return status, body


def _names_the_other_scopes(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # a 403 that names the read scope for a write, and the write scope for a read
    context = body.get("context") if isinstance(body, dict) else None
    if status == 403 and isinstance(context, dict) and context.get("missingScopes"):
        writes = any(scope.endswith(".write") for scope in context["missingScopes"])
        other = "crm.objects.line_items.read" if writes else "crm.objects.line_items.write"
        context["missingScopes"] = [other]
    return status, body


def _lists_a_record_twice(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # an upsert answer that lists one input's record twice
    results = body.get("results") if isinstance(body, dict) else None
    first = results[0] if isinstance(results, list) and results else None
    if status in (200, 207) and isinstance(first, dict) and "archived" in first:
        body["results"].append(json.loads(json.dumps(first)))
    return status, body


def _to_ids_not_records(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # a dated read that names associated records by something other than their ids
    for result in body.get("results", []) if isinstance(body, dict) else []:
        for to in result.get("to", []) if isinstance(result, dict) else []:
            if isinstance(to, dict) and "toObjectId" in to:
                to["toObjectId"] = f"record-{to['toObjectId']}"
    return status, body


def _pending_batches(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # a synchronous batch answered as if it were still running
    if status in (200, 207) and isinstance(body, dict) and body.get("status") == "COMPLETE":
        body["status"] = "PROCESSING"
    return status, body


def _answers_every_method(method: str, path: str) -> Response | None:
    # a GET, PUT or DELETE on a batch route answered as if it were the POST
    if method in ("POST", "OPTIONS") or not path.endswith(("/batch/read", "/batch/upsert")):
        return None
    now = "2026-01-01T00:00:00.000Z"
    body = {"status": "COMPLETE", "startedAt": now, "completedAt": now, "results": []}
    return Response(json.dumps(body), 200, media_type="application/json")


def _method_not_allowed(method: str, path: str) -> Response | None:
    # Not broken: HubSpot is captured answering a method a route does not serve 405 with an
    # Allow header and no body (ledger: batch-routes-other-methods), as well as 404
    if method in ("POST", "OPTIONS"):
        return None
    return Response(b"", 405, headers={"Allow": "POST,OPTIONS"})


def _drops_paging(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # reads that answer a first page as if it were the whole list: no paging.next
    for result in body.get("results", []) if isinstance(body, dict) else []:
        if isinstance(result, dict):
            result.pop("paging", None)
    return status, body


def _drops_num_errors(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    # a 207 that lists its errors without counting them
    if status == 207 and isinstance(body, dict):
        body.pop("numErrors", None)
    return status, body


KINDS.update(
    {
        "drops_num_errors": (_drops_num_errors, "hubspot_batch_complete"),
        "drops_paging": (_drops_paging, "hubspot_known_associations"),
        "time_stands_still": (_time_stands_still, "hubspot_update_moves_time"),
        "names_the_other_scopes": (_names_the_other_scopes, "hubspot_missing_scopes"),
        "lists_a_record_twice": (_lists_a_record_twice, "hubspot_one_result_per_input"),
        "to_ids_not_records": (_to_ids_not_records, "hubspot_record_ids"),
        "pending_batches": (_pending_batches, "hubspot_batch_complete"),
        "answers_every_method": (_unchanged, "hubspot_unsupported_method"),
    }
)
DATED.add("to_ids_not_records")
FAITHFUL["unrouted_methods_405"] = _unchanged
# kind -> an answer given before (instead of) forwarding: (method, path) -> response or None
ON_THE_WAY_IN: dict[str, Callable[[str, str], Response | None]] = {
    "answers_every_method": _answers_every_method,
    "unrouted_methods_405": _method_not_allowed,
}


if __name__ == "__main__":
    main()
