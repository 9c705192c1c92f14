"""What every check needs of an exchange: the suite's settings, the operation it belongs to,
its JSON, a way to send its request again, and one way to fail."""

import json
from functools import cache
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from contract_tests.checks.semantics import _mentioned_ids, _named_in
from contract_tests.settings import HookSettings
from contract_tests.spec_source import operation_at, operation_named, suite_operations
from hubspot_toolkit.spec.versions import READ, base_operation_id, version_of_operation_id


@cache
def settings() -> HookSettings:
    return HookSettings.from_environment()


@cache
def http() -> httpx.Client:
    """One client (thread-safe, pooled) for every request the checks send themselves: httpx's
    module-level calls build a client, and with it an SSL context, per request, which cost a
    third of the suite's own CPU in a run against the reference server."""
    # Each request stands alone, as when every one had its own client: no cookie a server
    # sets (a CDN's, say) rides along on the next, least of all on a limited token's.
    refuse_all = CookieJar(DefaultCookiePolicy(allowed_domains=[]))
    return httpx.Client(timeout=30, cookies=refuse_all)


def versioned_operation_id(response: Any) -> str | None:
    request = response.request
    path = httpx.URL(request.url).path
    operation = operation_at(request.method or "", path)
    return operation.operation_id if operation else None


def errors_at_200(response: Any) -> bool:
    """Whether the exchange's operation, in its version, declares `errors` in its 200 answer
    (2026-09's do, and list no 207: a partial failure is a 200 listing them)."""
    operation_id = versioned_operation_id(response)
    return operation_id is not None and _declares_errors_at_200(operation_id)


@cache
def _declares_errors_at_200(operation_id: str) -> bool:
    operation = operation_named(operation_id)
    schema = operation.response_schema(200) if operation is not None else None
    return isinstance(schema, dict) and "errors" in schema.get("properties", {})


def operation_id_of(response: Any) -> str | None:
    """The operation the exchange belongs to, by its name across versions."""
    operation_id = versioned_operation_id(response)
    return base_operation_id(operation_id) if operation_id else None


def json_of(data: bytes | str | None) -> Any:
    if not data:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def body_of(response: Any) -> Any:
    """The exchange's JSON body, or None. Parsed once for every check that asks: schemathesis'
    Response keeps what its json() parsed (its own schema check asks first)."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def fail(problems: list[str]) -> None:
    if problems:
        raise AssertionError("; ".join(problems))


def resend(
    response: Any, token: str | None = None, body: Any = None, path: str | None = None
) -> httpx.Response:
    """The request of response sent again: with another token, another JSON body, or to
    another path of the same server (another API version's)."""
    request = response.request
    dropped = {"authorization"} if token else set()
    dropped |= {"content-length"} if body is not None else set()
    headers = {k: v for k, v in request.headers.items() if k.lower() not in dropped}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    content = json.dumps(body) if body is not None else request.body
    url = httpx.URL(request.url)
    if path is not None:
        url = url.copy_with(path=path, query=None)
    return http().request(request.method, url, headers=headers, content=content)


def path_types(response: Any) -> tuple[str, str] | None:
    """An association read's (fromObjectType, toObjectType), as its path names them."""
    parts = httpx.URL(response.request.url).path.split("/")
    return (parts[-4], parts[-3]) if len(parts) >= 4 and parts[-1] == "read" else None


def other_version_path(response: Any) -> tuple[str, str] | None:
    """(version, path) of the same operation in another API version of spec/, for the same
    object types: the next one after the exchange's own, so that runs cover every pair."""
    own = versioned_operation_id(response)
    if own is None:
        return None
    same = [
        op
        for op in suite_operations()
        if base_operation_id(op.operation_id) == base_operation_id(own)
    ]
    names = [op.operation_id for op in same]
    if len(same) < 2 or own not in names:
        return None
    other = same[(names.index(own) + 1) % len(same)]
    types = path_types(response)
    values = {"fromObjectType": types[0], "toObjectType": types[1]} if types else {}
    try:
        path = other.template.format(**values)
    except KeyError:
        return None
    return version_of_operation_id(other.operation_id), path


def read_path(from_type: str, to_type: str, operation_id: str = READ) -> str | None:
    """An association read's path for two types (v3's unless operation_id names another
    version's read), from the spec's own template."""
    operation = operation_named(operation_id)
    if operation is None:
        return None
    return operation.template.format(fromObjectType=from_type, toObjectType=to_type)


def answered(response: Any) -> bool:
    """Whether the exchange is a batch answer (200, or 207 with errors per input)."""
    return bool(response.status_code in (200, 207))


def first_keyed(response: Any, sent: Any) -> dict[str, Any] | None:
    """The first input of the sent upsert that is keyed by an idProperty and did not fail in
    the answer, without its objectWriteTraceId (a re-send is a new write to trace)."""
    first = body_of(response)
    failed = _mentioned_ids(first.get("errors") if isinstance(first, dict) else None)
    for item in sent.get("inputs") or [] if isinstance(sent, dict) else []:
        keyed = isinstance(item, dict) and isinstance(item.get("idProperty"), str)
        if keyed and not _named_in(item.get("id"), failed):
            return {k: v for k, v in item.items() if k != "objectWriteTraceId"}
    return None
