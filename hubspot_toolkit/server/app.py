"""The ASGI application: routes read from the spec, HubSpot's auth, limits and errors.

create_app(config) gives an app for in-process use; `python -m hubspot_toolkit.server` serves it.
With config.control, test-only routes arrange, inspect and reset it (server/control.py).
"""

import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hubspot_toolkit.crm.association_types import as_dated
from hubspot_toolkit.properties import DEFAULT_FILE, PropertyDefinitions
from hubspot_toolkit.server.associations import load_associations, read_associations
from hubspot_toolkit.server.auth import TokenStore, require
from hubspot_toolkit.server.config import ConfigError, ServerConfig
from hubspot_toolkit.server.errors import ApiError, FastJSONResponse
from hubspot_toolkit.server.faults import FaultInjector
from hubspot_toolkit.server.logging_middleware import RequestLog
from hubspot_toolkit.server.object_types import (
    LINE_ITEMS,
    NAMES_BY_ID,
    canonical,
    read_scope,
    unknown_object_type,
)
from hubspot_toolkit.server.ratelimit import RateLimiter, too_many_requests
from hubspot_toolkit.server.requests import RequestChecker
from hubspot_toolkit.server.shapes import BatchShapes
from hubspot_toolkit.server.store import Store, iso, now_ms
from hubspot_toolkit.server.upsert import read_property_values, upsert_line_items
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.operations import Operation, operations
from hubspot_toolkit.spec.versions import (
    READ,
    UPSERT,
    V3,
    base_operation_id,
    version_of_operation_id,
)

log = logging.getLogger("hubspot_toolkit.server")
# (request, parsed body, path parameters, API version) -> answer; one per operation, every version
Handler = Callable[[Request, Any, dict[str, str], str], Awaitable[Response]]


class ReferenceService:
    """State shared by the handlers: the store, the tokens, the limiter, the checkers."""

    def __init__(self, config: ServerConfig, spec: Document | None = None) -> None:
        """spec: the bundled document when the caller has it (a test stand-in makes a service
        per test, and reading spec/ costs more than the rest); else config.spec_dir's."""
        self.config = config
        self.spec = spec if spec is not None else bundle_spec_dir(config.spec_dir)
        served = operations(self.spec)
        self.checkers = {op.operation_id: RequestChecker.for_operation(op) for op in served}
        self.scopes = {op.operation_id: _first_oauth_scopes(op.spec) for op in served}
        self.shapes = {op.operation_id: BatchShapes.for_operation(op) for op in served}
        self.tokens = (
            TokenStore.from_file(config.tokens_file)
            if config.tokens_file
            else TokenStore.development()
        )
        self.limiter = RateLimiter(config.rate_limit, config.rate_window)
        self.properties = PropertyDefinitions.load(config.properties_file)
        self.store = Store(config.db)
        shared = self.store.use_unique(LINE_ITEMS, self.properties.unique_names())
        if shared:
            self.store.close()
            source = config.properties_file or DEFAULT_FILE
            raise ConfigError(f"{source}: {shared} in the database {config.db}")
        log.info(
            "%d line item properties from %s; unique: %s",
            len(self.properties),
            config.properties_file or DEFAULT_FILE,
            ", ".join(self.properties.unique_names()) or "none",
        )
        if unenforced := self.properties.unenforced_rules():
            log.warning("validation rules the stand-in does not enforce: %s", "; ".join(unenforced))
        if config.associations_file:
            count = load_associations(self.store, config.associations_file, self.addressable)
            log.info("loaded %d associations from %s", count, config.associations_file)
        self.custom_types = self.store.custom_types()

    def addressable(self, object_type: str) -> bool:
        """Whether the spec's paths can carry object_type at all (its ObjectType pattern)."""
        return all(
            checker.path_accepts(object_type)
            for operation_id, checker in self.checkers.items()
            if base_operation_id(operation_id) == READ
        )

    async def batch_read_associations(
        self, request: Request, body: Any, path: dict[str, str], version: str
    ) -> Response:
        from_type = canonical(path["fromObjectType"], self.custom_types)
        to_type = canonical(path["toObjectType"], self.custom_types)

        def run() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            results, errors = read_associations(
                self.store,
                from_type,
                to_type,
                body["inputs"],
                self.config.page_size,
                pages=version != V3,
                link_base=str(request.base_url).rstrip("/"),
            )
            if version != V3:  # the dated versions answer in v4's shape
                names = NAMES_BY_ID.get(from_type, from_type), NAMES_BY_ID.get(to_type, to_type)
                results = [as_dated(result, *names) for result in results]
            return results, errors

        return self._batch(request, run)

    async def batch_upsert_line_items(
        self, request: Request, body: Any, path: dict[str, str], version: str
    ) -> Response:
        # HubSpot's generic objects path (served_operations): line items by any spelling
        # HubSpot resolves (`line_items`, `line_item`, `0-8`); the stand-in holds no other
        # type's records, and answers one as HubSpot answers a type it cannot infer (ledger:
        # unknown-object-type, upsert-generic-path-other-types).
        if "objectType" in path:
            named = path["objectType"]
            if canonical(named, self.custom_types) != LINE_ITEMS:
                raise unknown_object_type(named)

        # every version takes the same request shapes (spec-diff --migrate v3:2026-03)
        def run() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            outcome = upsert_line_items(self.store, self.properties, body["inputs"])
            return outcome.results, outcome.errors

        return self._batch(request, run)

    def _batch(
        self,
        request: Request,
        run: Callable[[], tuple[list[dict[str, Any]], list[dict[str, Any]]]],
    ) -> Response:
        started = iso(request.state.started_ms)
        results, errors = run()
        body: dict[str, Any] = {
            "status": "COMPLETE",
            "results": results,
            "requestedAt": started,
            "startedAt": started,
            "completedAt": iso(max(now_ms(), request.state.started_ms)),
        }
        if errors:
            body["numErrors"] = len(errors)
            body["errors"] = errors
        # 207, or a 200 listing errors, as the version's spec says (server/shapes.py)
        shapes = self.shapes[request.state.operation_id]
        failed = bool(errors)
        return FastJSONResponse(shapes.fit(body, failed), shapes.status(failed))

    def required_scopes(self, operation_id: str, path: dict[str, str]) -> set[str]:
        if base_operation_id(operation_id) == READ:
            types = (
                canonical(path[name], self.custom_types)
                for name in ("fromObjectType", "toObjectType")
            )
            return {read_scope(t) for t in types}
        return self.scopes[operation_id]


LINE_ITEMS_SEGMENT, GENERIC = "/line_items/", "/{objectType}/"


def served_operations(spec: Document) -> list[Operation]:
    """spec's operations, and each upsert again on HubSpot's generic objects path
    (`/crm/objects/<version>/{objectType}/batch/upsert`, which spec/ writes for line items: the
    import specialises it, workflow/update/dated.py), after all of spec's own so that a literal
    `line_items` takes the spec's route."""
    own = operations(spec)
    generic = [
        Operation(op.document, op.method, op.template.replace(LINE_ITEMS_SEGMENT, GENERIC), op.spec)
        for op in own
        if base_operation_id(op.operation_id) == UPSERT and LINE_ITEMS_SEGMENT in op.template
    ]
    return own + generic


def _first_oauth_scopes(spec: dict[str, Any]) -> set[str]:
    """The first of an operation's OAuth alternatives (e-commerce grants the same, see auth)."""
    alternatives = [set(r["oauth2"]) for r in spec.get("security", []) if r.get("oauth2")]
    return alternatives[0] if alternatives else set()


def _endpoint(
    service: ReferenceService, operation_id: str
) -> Callable[[Request], Awaitable[Response]]:
    checker = service.checkers[operation_id]
    # Every version of an operation is served by one handler, from one store.
    handler: Handler = getattr(service, base_operation_id(operation_id))
    version = version_of_operation_id(operation_id)

    async def endpoint(request: Request) -> Response:
        request.state.started_ms = now_ms()
        request.state.operation_id = operation_id
        authorization = request.headers.get("authorization") or ""
        key = hashlib.sha256(authorization.encode()).hexdigest()
        allowed, limit_headers = service.limiter.take(key)
        try:
            if not allowed:
                return too_many_requests(limit_headers)
            principal = service.tokens.authenticate(authorization)
            path = dict(request.path_params)
            checker.check_path(path)
            require(principal, service.required_scopes(operation_id, path))
            checker.check_media_type(request.headers.get("content-type"))
            raw = await request.body()
            body = checker.parse_body(raw)
            if base_operation_id(operation_id) == UPSERT:
                body = read_property_values(body)
            checker.check_body(body, raw)
            response = await handler(request, body, path, version)
        except ApiError as error:
            response = error.response()
        response.headers.update(limit_headers)
        return response

    return endpoint


async def _http_error(request: Request, exc: Exception) -> Response:
    """A route or method HubSpot does not serve: its captured 404 `resource not found`, without
    a category, for an unknown path and for a route's other methods alike (ledger:
    error-404-unknown-route, batch-routes-other-methods)."""
    assert isinstance(exc, HTTPException)
    if exc.status_code in (404, 405):
        return ApiError(404, None, "resource not found").response()
    return ApiError(
        exc.status_code, "ERROR", str(exc.detail), headers=dict(exc.headers or {})
    ).response()


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return ApiError(500, "INTERNAL_ERROR", "An internal error occurred.").response()


def create_app(config: ServerConfig, spec: Document | None = None) -> Any:
    if config.control:  # test-only arrangement, inspection and reset (server/control.py)
        from hubspot_toolkit.server.control import ControlledApp

        return ControlledApp(config, spec or bundle_spec_dir(config.spec_dir))
    service = ReferenceService(config, spec)
    wrapped: Any = service_app(service)
    if config.faults:
        wrapped = FaultInjector(wrapped, config.faults)
    return RequestLog(wrapped)


def service_app(service: ReferenceService) -> Starlette:
    """The routes over one service, without the layers around them (faults, the request log)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        service.store.close()
        log.info("stopped cleanly: database closed")

    routes = [
        Route(op.template, _endpoint(service, op.operation_id), methods=[op.method.upper()])
        for op in served_operations(service.spec)
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.state.service = service
    return app
