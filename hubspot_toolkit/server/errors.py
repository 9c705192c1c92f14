"""HubSpot's error bodies: `Error` for a whole request, `StandardError` for one batch input."""

import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    """JSONResponse encoded with orjson: the batch answers are the server's hot path."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


@dataclass
class ApiError(Exception):
    """Raised anywhere in a request to answer with HubSpot's Error body."""

    status: int
    category: str | None  # None: HubSpot sends none (unknown object types, unreadable JSON)
    message: str
    errors: list[dict[str, Any]] = field(default_factory=list)
    context: dict[str, list[str]] | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "status": "error",
            "message": self.message,
            "correlationId": str(uuid.uuid4()),
        }
        # HubSpot's key order, as captured in 2025: status, message, correlationId, errors,
        # category (https://github.com/Atlas-Authority/marketing-automation/issues/206)
        if self.errors:
            body["errors"] = self.errors
        if self.category is not None:
            body["category"] = self.category
        if self.context is not None:
            body["context"] = self.context
        return body

    def response(self) -> JSONResponse:
        body = self.body()
        # HubSpot sends the body's correlationId as a header too (captured on a 401; ledger:
        # correlation-id-format), and names an authentication failure in one (ledger:
        # auth-401-missing-or-unknown-token)
        headers = {"x-hubspot-correlation-id": body["correlationId"], **self.headers}
        if self.status == 401:
            headers.setdefault("x-hubspot-auth-failure", "401 Unauthorized")
        return FastJSONResponse(body, self.status, headers=headers)


def validation_error(message: str, where: str, code: str = "INVALID") -> ApiError:
    return ApiError(
        400, "VALIDATION_ERROR", message, [{"message": message, "in": where, "code": code}]
    )


def input_error(
    category: str, message: str, key: str, *, trace_id: str | None = None
) -> dict[str, Any]:
    """A StandardError for one failed batch input, naming its key in context.ids (which the bulk
    helpers match rows by) and, as HubSpot does, its objectWriteTraceId when it has one
    (https://developers.hubspot.com/docs/api-reference/error-handling, 207 example). Like every
    captured 207 entry it has no `errors` and no `links` (ledger: standard-error-fields-optional):
    refused properties are named in the message's JSON array, as HubSpot names them."""
    context = {"ids": [key]}
    if trace_id is not None:
        context["objectWriteTraceId"] = [trace_id]
    return {"status": "error", "category": category, "message": message, "context": context}


def invalid_input_json(line: int, column: int, problem: str) -> ApiError:
    """HubSpot's answer to a body it cannot read into the operation's input: a 400 without a
    category, "Invalid input JSON on line 1, column 11: Cannot deserialize ..." (captured:
    https://github.com/HubSpot/hubspot-api-php/issues/40; ledger: invalid-json-*)."""
    return ApiError(400, None, f"Invalid input JSON on line {line}, column {column}: {problem}")


def no_associations_error(from_key: str, from_singular: str, to_singular: str) -> dict[str, Any]:
    """HubSpot's 207 entry for a record read with no associations of the type asked for: no
    `errors`, no `links`, singular type names (ledger: no-associations-207-*; captured in
    production integrations, e.g. amp-labs/connectors' HubSpot fixtures)."""
    return {
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
        "message": f"No {to_singular} is associated with {from_singular} {from_key}.",
        "context": {
            "fromObjectId": [from_key],
            "fromObjectType": [from_singular],
            "toObjectType": [to_singular],
        },
    }
