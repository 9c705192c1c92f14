"""Realistic servers: the reference server behind a proxy that answers as HubSpot is captured
answering where spec/ or HubSpot's docs say otherwise, one behaviour each (each cites its entry in
hubspot_toolkit/evidence/ledger.yaml). The contract suite must raise no alarm at any of them, alone
or all at once (broken_servers.FAITHFUL).
"""

import uuid
from typing import Any

Body = Any

SCOPES_MESSAGE = (
    "This app hasn't been granted all required scopes to make this call. "
    "Read more about required scopes here: https://developers.hubspot.com/scopes."
)


def _scopes_as_captured(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger auth-403-missing-scopes: the scopes in errors[0].context.requiredGranularScopes,
    with links, and no top-level context.missingScopes."""
    if status == 403 and isinstance(body, dict):
        scopes = (body.pop("context", None) or {}).get("missingScopes") or []
        body["message"] = SCOPES_MESSAGE
        body["errors"] = [
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredGranularScopes": scopes},
            }
        ]
        body["links"] = {"scopes": "https://developers.hubspot.com/scopes"}
    return status, body


def _batch_envelope_as_captured(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger batch-requested-at-absent-or-null, batch-empty-links-and-errors-at-200:
    requestedAt null, and a 200 carrying `errors: []` and `links: {}`."""
    if status in (200, 207) and isinstance(body, dict) and "results" in body:
        body["requestedAt"] = None
        if status == 200:
            body.setdefault("errors", [])
            body.setdefault("links", {})
    return status, body


def _results_out_of_order(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger results-order-not-input-order: results do not follow the inputs' order."""
    if status in (200, 207) and isinstance(body, dict) and isinstance(body.get("results"), list):
        body["results"].reverse()
    return status, body


def _time_ordered_correlation_ids(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger correlation-id-format: version 7 (time-ordered) uuids in 2026 captures."""
    if isinstance(body, dict) and "correlationId" in body:
        value = uuid.uuid4().hex
        body["correlationId"] = str(uuid.UUID(f"019cd9fe{value[8:12]}7{value[13:]}"))
    return status, body


def _numeric_to_object_ids(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger dated-to-object-id-is-number: a dated read's toObjectId as a JSON number."""
    for result in body.get("results", []) if isinstance(body, dict) else []:
        for to in result.get("to", []) if isinstance(result, dict) else []:
            if isinstance(to, dict) and str(to.get("toObjectId", "")).isdigit():
                to["toObjectId"] = int(to["toObjectId"])
    return status, body


def _errors_as_captured(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger standard-error-fields-optional, error-categories-by-status: 207 entries without
    `errors`, `links` or `id`; a 404 for an unknown route without a category."""
    if status == 207 and isinstance(body, dict):
        for error in body.get("errors", []):
            if isinstance(error, dict):
                for name in ("errors", "links", "id"):
                    error.pop(name, None)
    if status == 404 and isinstance(body, dict):
        body.pop("category", None)
        body.pop("errors", None)
        body["message"] = "resource not found"
    return status, body


# kind -> how it answers; the suite must pass against each
REALISTIC = {
    "scopes_as_captured": _scopes_as_captured,
    "batch_envelope_as_captured": _batch_envelope_as_captured,
    "results_out_of_order": _results_out_of_order,
    "time_ordered_correlation_ids": _time_ordered_correlation_ids,
    "numeric_to_object_ids": _numeric_to_object_ids,
    "errors_as_captured": _errors_as_captured,
}


# ---- issue 26: answers the new checks must not alarm at ----------------------------------------


def _times_without_fractions(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger timestamps-iso-millis-z: v3 also sends times without fractional seconds (Airbyte's
    note), so two writes within one second may share an updatedAt."""

    def whole(value: Any) -> Any:
        return value.split(".")[0] + "Z" if isinstance(value, str) and "." in value else value

    if status in (200, 207) and isinstance(body, dict):
        for name in ("startedAt", "completedAt", "requestedAt"):
            if name in body:
                body[name] = whole(body[name])
        for result in body.get("results") or []:
            if isinstance(result, dict):
                for name in ("createdAt", "updatedAt"):
                    if name in result:
                        result[name] = whole(result[name])
                properties = result.get("properties") or {}
                for name in ("createdate", "hs_lastmodifieddate"):
                    if name in properties:
                        properties[name] = whole(properties[name])
    return status, body


def _string_to_object_ids(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger dated-to-object-id-is-number: HubSpot's schema and docs give toObjectId as a
    string; a server that sends it so is no less HubSpot."""
    for result in body.get("results", []) if isinstance(body, dict) else []:
        for to in result.get("to", []) if isinstance(result, dict) else []:
            if isinstance(to, dict) and isinstance(to.get("toObjectId"), int):
                to["toObjectId"] = str(to["toObjectId"])
    return status, body


def _granular_scope_alternatives(status: int, body: Body, sent: Body) -> tuple[int, Body]:
    """ledger auth-403-missing-scopes: requiredGranularScopes lists alternatives, among them
    schema and sensitive-data scopes no operation in spec/ lists, beside the one it needs."""
    if status == 403 and isinstance(body, dict):
        # the scopes named, in either form (another captured behaviour may have moved them)
        scopes = list((body.pop("context", None) or {}).get("missingScopes") or [])
        for error in body.get("errors") or []:
            if isinstance(error, dict):
                scopes += (error.get("context") or {}).get("requiredGranularScopes") or []
        extras = [
            variant
            for scope in scopes
            for variant in (
                scope.replace("crm.objects.", "crm.schemas."),
                scope.replace(".read", ".sensitive.read.v2"),
            )
        ]
        body["message"] = SCOPES_MESSAGE
        body["errors"] = [
            {
                "message": "One or more of the following scopes are required.",
                "context": {"requiredGranularScopes": extras[:1] + scopes + extras[1:]},
            }
        ]
    return status, body


REALISTIC.update(
    {
        "times_without_fractions": _times_without_fractions,
        "string_to_object_ids": _string_to_object_ids,
        "granular_scope_alternatives": _granular_scope_alternatives,
    }
)
