"""Deliberately broken servers, to prove that the contract suite has teeth.

Each is a real HTTP server that forwards to a reference server and breaks one promise of the
spec or of HubSpot's semantics on the way back (or, for `ignores_auth`, on the way in). Run one:

    UPSTREAM_TOKEN=... python -m tests.contract.broken_servers KIND UPSTREAM_URL PORT
"""

import json
import os
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

Body = Any
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
    "accepts_any_property": (_accepts_any_property, "hubspot_property_rules"),
}


def build_app(kind: str, upstream: str, upstream_token: str) -> Starlette:
    breakage, _ = KINDS[kind]
    client = httpx.AsyncClient(base_url=upstream, timeout=30)

    async def forward(request: Request) -> Response:
        content = await request.body()
        headers = {
            k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")
        }
        if kind == "ignores_auth":
            headers["authorization"] = f"Bearer {upstream_token}"
        answer = await client.request(
            request.method,
            request.url.path,
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
        status, body = breakage(answer.status_code, body, sent)
        passed_headers = {
            k: v
            for k, v in answer.headers.items()
            if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")
        }
        return Response(json.dumps(body), status, headers=passed_headers)

    methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE"]
    return Starlette(routes=[Route("/{path:path}", forward, methods=methods)])


def main() -> None:
    kind, upstream, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    token = os.environ.get("UPSTREAM_TOKEN", "")
    uvicorn.run(build_app(kind, upstream, token), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
