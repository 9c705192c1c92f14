"""Test-only control of the reference server: arrange data, inspect what happened, reset.

Off unless asked for (`ServerConfig(control=True)`, `hubspot-toolkit serve --control`); the
config then refuses any host but loopback, and the routes refuse clients that are not on
loopback. They let whoever reaches them rewrite every record, so never use them on a server
that others can reach.

    POST /_control/<operation>   a JSON object of arguments
    → 200 {"result": ...}  or  400 {"message": "<one line>"}

Operations (`?`: optional):

    reset           {}                                  back to how the server started
    add_records     {object_type, records}              records: ids, or (line items) property
                                                        maps; → the records' ids
    associate       {from_type, from_id, to_type, to_ids, label?, reverse_label?, both_ways?}
    define_custom_object {object_type_id, name}        p_<name> and p<portalId>_<name> reach it
    add_token       {scopes, token?}                    → the token (made up when not given)
    limit_rate      {limit, window?}                    limit null: none
    inject_faults   {fraction, seed?}
    use_properties  {document, source?}                 a Properties API answer
    define_property {entry, validation}                 one definition (and its validation
                                                        rules), added or replaced
    serve_only      {version}                           other versions → 404; null: every one
    line_items      {by?}                               → [{id, properties, created_ms, updated_ms}]
    requests        {}                                  → [{method, path, query, body, status,
                                                            operation, version}]

Each reset makes a new ReferenceService from the same config and spec: the state a test starts
from is exactly the state `serve` starts from. hubspot_toolkit.testing calls these over HTTP
for a server process, and calls ControlledApp.call directly in-process.
"""

import inspect
import json
import logging
import random
import re
import secrets
from dataclasses import dataclass, replace
from typing import Any

from starlette.responses import JSONResponse

from hubspot_toolkit.errors import HubSpotToolkitError
from hubspot_toolkit.properties import (
    DEFAULT_FILE,
    PropertiesFileError,
    PropertyDefinitions,
)
from hubspot_toolkit.properties.problems import PROPERTY_DOESNT_EXIST
from hubspot_toolkit.server.app import ReferenceService, served_operations, service_app
from hubspot_toolkit.server.associations import define_custom_object
from hubspot_toolkit.server.auth import Principal, TokenStore
from hubspot_toolkit.server.config import ServerConfig, is_loopback
from hubspot_toolkit.server.errors import ApiError
from hubspot_toolkit.server.faults import (
    ASGIApp,
    DroppedConnection,
    FaultInjector,
    Message,
    Receive,
    Scope,
    Send,
)
from hubspot_toolkit.server.logging_middleware import RequestLog
from hubspot_toolkit.server.object_types import (
    CUSTOM_ID,
    LINE_ITEMS,
    NAMES_BY_ID,
    STANDARD_TYPES,
    arranged_type,
)
from hubspot_toolkit.server.ratelimit import RateLimiter
from hubspot_toolkit.server.store import record_id
from hubspot_toolkit.server.upsert import upsert_line_items
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.spec.versions import base_operation_id, version_of_operation_id

log = logging.getLogger("hubspot_toolkit.server")
PREFIX = "/_control/"
OPERATIONS = (
    "reset",
    "add_records",
    "associate",
    "define_custom_object",
    "add_token",
    "limit_rate",
    "inject_faults",
    "use_properties",
    "define_property",
    "serve_only",
    "line_items",
    "requests",
)
_TOKEN = re.compile(r"[\x21-\x7e]+")  # what an Authorization header can carry


class ControlError(HubSpotToolkitError):
    """A control operation that cannot be done; one line saying why (never a token)."""


@dataclass
class Received:
    """One API request as the server received it (never its headers: they hold the token)."""

    method: str
    path: str
    query: str
    body: bytes
    operation: str | None  # the operation's name across versions, e.g. batch_upsert_line_items
    version: str | None
    status: int | None = None  # None: no answer (an injected dropped connection)

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "body": self.body.decode("utf-8", "replace"),
            "status": self.status,
            "operation": self.operation,
            "version": self.version,
        }


class _ArrangedTokens(TokenStore):
    """The tokens a test added, then the server's own (dev-token, or --tokens)."""

    def __init__(self, arranged: dict[str, frozenset[str]], fallback: TokenStore) -> None:
        super().__init__(arranged)
        self._fallback = fallback

    def authenticate(self, authorization: str | None) -> Principal:
        try:
            return super().authenticate(authorization)
        except ApiError:
            return self._fallback.authenticate(authorization)


def _singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class ControlledApp:
    """The reference app plus the control routes, a record of requests and adjustable faults."""

    def __init__(self, config: ServerConfig, spec: Document) -> None:
        self.config, self.spec = config, spec
        self._routes = [
            (
                op.method.upper(),
                op.path_pattern,
                base_operation_id(op.operation_id),
                version_of_operation_id(op.operation_id),
            )
            for op in served_operations(spec)
        ]
        self.versions = sorted({version for *_, version in self._routes})
        # The fault injector calls whichever app is current, so a reset keeps it.
        self._faults = FaultInjector(self._current_app, config.faults)
        self._inner = RequestLog(self._faults)
        self._fresh()

    def _fresh(self) -> None:
        self.service = ReferenceService(replace(self.config, control=False), self.spec)
        self._app: ASGIApp = service_app(self.service)
        self._server_tokens = self.service.tokens
        self._tokens: dict[str, frozenset[str]] = {}
        self._properties_document: Any = None  # read on first define_property
        self._faults.fraction, self._faults.rng = self.config.faults, random.Random()
        self.only_version: str | None = None
        self.received: list[Received] = []

    def close(self) -> None:
        self.service.store.close()

    async def _current_app(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._app(scope, receive, send)

    # ---- ASGI ----------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http" and scope["path"].startswith(PREFIX):
            await self._control(scope, receive, send)
        elif scope["type"] == "http":
            await self._recorded(scope, receive, send)
        else:
            await self._inner(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        # The apps a reset replaces never see a lifespan: the store is closed here instead.
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.close()
                log.info("stopped cleanly: database closed")
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _recorded(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await _read_body(receive)  # whole, so that it is kept whatever the app reads
        method, path = scope["method"], scope["path"]
        operation, version = self._operation(method, path)
        query = scope.get("query_string", b"").decode("latin-1")
        entry = Received(method, path, query, body, operation, version)
        self.received.append(entry)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            await send(message)

        try:
            if version is not None and self.only_version not in (None, version):
                refused = ApiError(
                    404,
                    "OBJECT_NOT_FOUND",
                    f"This stand-in serves API version {self.only_version} only; "
                    f"{method} {path} is {version}",
                )
                await refused.response()(scope, replay, watch)
            else:
                await self._inner(scope, replay, watch)
        except DroppedConnection:
            entry.status = None
            raise

    def _operation(self, method: str, path: str) -> tuple[str | None, str | None]:
        for route_method, pattern, name, version in self._routes:
            if route_method == method and pattern.match(path):
                return name, version
        return None, None

    async def _control(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        body = await _read_body(receive)
        response: JSONResponse
        if not client or not is_loopback(str(client[0])):
            response = JSONResponse({"message": "control answers loopback clients only"}, 403)
        elif scope["method"] != "POST":
            response = JSONResponse({"message": "control operations are POSTs"}, 405)
        else:
            try:
                arguments = json.loads(body or b"{}")
                if not isinstance(arguments, dict):
                    raise ControlError("the arguments must be a JSON object")
                result = self.call(scope["path"].removeprefix(PREFIX), arguments)
                response = JSONResponse({"result": result})
            except ValueError as exc:
                response = JSONResponse({"message": f"the body is not JSON: {exc}"}, 400)
            except ControlError as exc:
                response = JSONResponse({"message": str(exc)}, 400)
        await response(scope, receive, send)

    def call(self, operation: str, arguments: dict[str, Any]) -> Any:
        """Run one operation with JSON arguments; its JSON result, or a ControlError."""
        if operation not in OPERATIONS:
            raise ControlError(f"no control operation {operation!r}; there are {OPERATIONS}")
        method = getattr(self, operation)
        try:
            inspect.signature(method).bind(**arguments)
        except TypeError as exc:
            raise ControlError(f"{operation}: {exc}") from None
        return method(**arguments)

    # ---- operations ----------------------------------------------------------------------

    def reset(self) -> None:
        self.service.store.reset()  # a file database is reopened by the new service
        self.close()
        self._fresh()

    def add_records(self, object_type: str, records: list[Any]) -> list[str]:
        where = f"add_records({object_type!r})"
        kind = self._object_type(object_type, where)
        store, ids, with_properties = self.service.store, [], []
        with store.transaction() as db:
            if CUSTOM_ID.match(kind):
                store.add_custom_type(db, kind)
            for n, record in enumerate(records):
                if isinstance(record, dict):
                    self._check_properties(kind, record, f"{where}: records[{n}]")
                    number = store.next_id(db, kind)
                    with_properties.append({"id": str(number), "properties": record})
                else:
                    number = self._id(record, f"{where}: records[{n}]")
                store.ensure_record(db, kind, number)
                ids.append(str(number))
        self._types_changed()
        if with_properties:
            # written by the upsert's own rules: unique values, read-only properties, stamps
            try:
                upsert_line_items(store, self.service.properties, with_properties)
            except ApiError as error:
                raise ControlError(f"{where}: {error.message}") from None
        return ids

    def associate(
        self,
        from_type: str,
        from_id: Any,
        to_type: str,
        to_ids: list[Any],
        label: str | None = None,
        reverse_label: str | None = None,
        both_ways: bool = True,
    ) -> None:
        where = "associate"
        from_kind = self._object_type(from_type, f"{where}: from")
        to_kind = self._object_type(to_type, f"{where}: to")
        from_number = self._id(from_id, f"{where}: from id")
        to_numbers = [self._id(to, f"{where}: to ids[{n}]") for n, to in enumerate(to_ids)]
        from_name, to_name = (_singular(NAMES_BY_ID.get(k, k)) for k in (from_kind, to_kind))
        label = label or f"{from_name}_to_{to_name}"
        reverse = reverse_label or f"{to_name}_to_{from_name}"
        store = self.service.store
        with store.transaction() as db:
            for kind in {from_kind, to_kind}:
                if CUSTOM_ID.match(kind):
                    store.add_custom_type(db, kind)
            for to in to_numbers:
                store.add_association(db, from_kind, from_number, to_kind, to, label)
                if both_ways:
                    store.add_association(db, to_kind, to, from_kind, from_number, reverse)
        self._types_changed()

    def define_custom_object(self, object_type_id: str, name: str) -> None:
        with self.service.store.transaction() as db:
            problem = define_custom_object(
                self.service.store, db, object_type_id, name, self.service.addressable
            )
        if problem:
            raise ControlError(f"define_custom_object: {problem}")
        self._types_changed()

    def add_token(self, scopes: list[str], token: str | None = None) -> str:
        if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
            raise ControlError("add_token: scopes must be a list of strings, e.g. ['*']")
        if token is None:
            token = "stand-in-" + secrets.token_urlsafe(12)
        elif not isinstance(token, str) or not _TOKEN.fullmatch(token):
            raise ControlError("add_token: a token is visible ASCII without spaces")
        self._tokens[token] = frozenset(scopes)
        self.service.tokens = _ArrangedTokens(self._tokens, self._server_tokens)
        return token

    def limit_rate(self, limit: int | None, window: float = 10.0) -> None:
        if limit is not None and (not isinstance(limit, int) or not 1 <= limit <= 10**6):
            raise ControlError(f"limit_rate: limit {limit!r} must be 1 to 1000000, or None")
        if not isinstance(window, int | float) or not 0.1 <= window <= 3600:
            raise ControlError(f"limit_rate: window {window!r} must be 0.1 to 3600 seconds")
        self.service.limiter = RateLimiter(limit, float(window))

    def inject_faults(self, fraction: float, seed: int | None = None) -> None:
        if not isinstance(fraction, int | float) or not 0 <= fraction <= 1:
            raise ControlError(f"inject_faults: fraction {fraction!r} must be between 0 and 1")
        self._faults.fraction, self._faults.rng = float(fraction), random.Random(seed)

    def use_properties(self, document: Any, source: str = "use_properties") -> None:
        try:
            definitions = PropertyDefinitions.from_document(document, source)
        except PropertiesFileError as exc:
            raise ControlError(str(exc)) from None
        shared = self.service.store.use_unique(LINE_ITEMS, definitions.unique_names())
        if shared:
            raise ControlError(f"{source}: {shared}")
        self.service.properties = definitions
        self._properties_document = document

    def define_property(self, entry: dict[str, Any], validation: Any = None) -> None:
        """entry replaces the property's definition, and validation (a list of rules in the
        shape of HubSpot's Property Validations API, or None for none) its rules."""
        name = entry.get("name") if isinstance(entry, dict) else None
        if self._properties_document is None:
            source = self.config.properties_file or DEFAULT_FILE
            self._properties_document = json.loads(source.read_text(encoding="utf-8"))
        document = self._properties_document
        kept = [e for e in document["results"] if e.get("name") != name]
        rules = [
            r
            for r in document.get("propertyValidations", {}).get("results", [])
            if r.get("propertyName") != name
        ]
        if validation:
            rules.append({"propertyName": name, "propertyValidationRules": validation})
        replaced = {
            **document,
            "results": [*kept, entry],
            "propertyValidations": {"results": rules},
        }
        self.use_properties(replaced, f"define_property({name!r})")

    def serve_only(self, version: str | None) -> None:
        if version is not None and version not in self.versions:
            raise ControlError(
                f"serve_only: no API version {version!r}; the spec has {', '.join(self.versions)}"
            )
        self.only_version = version

    def line_items(self, by: str | None = None) -> list[dict[str, Any]]:
        if by is not None and self.service.properties.get(by) is None:
            raise ControlError(
                f"line_items(by={by!r}): this portal defines no line item property {by!r}"
            )
        return [
            {
                "id": str(record.id),
                "properties": record.properties,
                "created_ms": record.created_ms,
                "updated_ms": record.updated_ms,
            }
            for record in self.service.store.records(LINE_ITEMS)
        ]

    def requests(self) -> list[dict[str, Any]]:
        return [entry.as_json() for entry in self.received]

    # ---- checks --------------------------------------------------------------------------

    def _object_type(self, value: Any, where: str) -> str:
        type_id = arranged_type(value, self.service.custom_types)
        if type_id is not None:
            return type_id
        raise ControlError(
            f"{where}: unknown object type {value!r}; use a standard object type name "
            f"({', '.join(sorted(STANDARD_TYPES))}), its id (0-1, …), a custom object type "
            "id (2-…) or the p_<name> of one define_custom_object named"
        )

    @staticmethod
    def _id(value: Any, where: str) -> int:
        text = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else ""
        number = record_id(text)
        if number is None:
            raise ControlError(f"{where}: {value!r} is not a record id (digits, e.g. '101')")
        return number

    def _check_properties(self, kind: str, record: dict[str, Any], where: str) -> None:
        if kind != LINE_ITEMS:
            raise ControlError(
                f"{where}: only line items keep properties here; give {NAMES_BY_ID.get(kind, kind)}"
                " records as ids"
            )
        for name, value in record.items():
            if not isinstance(value, str):
                raise ControlError(f"{where}: {name} is {value!r}; property values are strings")
        problems = self.service.properties.check(record)
        if problems:
            problem = problems[0]
            hint = ""
            if problem.code == PROPERTY_DOESNT_EXIST:
                hint = " in this portal (define_property or use_properties adds it)"
            raise ControlError(f"{where}: {problem.message}{hint}")

    def _types_changed(self) -> None:
        # the service reads custom object types once, at start
        self.service.custom_types = self.service.store.custom_types()
