"""Check HTTP exchanges against the bundled spec: which operation, which status, which body."""

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jsonschema import Draft7Validator, FormatChecker

from hubspot_toolkit.errors import ContractViolation
from hubspot_toolkit.spec.document import Document, format_path
from hubspot_toolkit.spec.schemas import resolve, to_json_schema
from hubspot_toolkit.spec.versions import version_of_operation_id

JSON_TYPES = ("application/json",)


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with what is needed to match and check its exchanges."""

    document: Document
    method: str
    template: str
    spec: dict[str, Any]

    @property
    def operation_id(self) -> str:
        return str(self.spec.get("operationId", f"{self.method.upper()} {self.template}"))

    @cached_property
    def path_pattern(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[^}]+\})", self.template)
        regex = "".join(
            f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts
        )
        return re.compile(f"^{regex}$")

    def _deref(self, node: Any) -> Any:
        return resolve(self.document, node["$ref"]) if "$ref" in node else node

    def parameters(self) -> list[dict[str, Any]]:
        return [self._deref(p) for p in self.spec.get("parameters", [])]

    def request_schema(self) -> Any | None:
        body = self.spec.get("requestBody")
        if body is None:
            return None
        media = self._deref(body).get("content", {}).get("application/json")
        return None if media is None else to_json_schema(self.document, media.get("schema", {}))

    def response(self, status: int) -> dict[str, Any] | None:
        responses = self.spec.get("responses", {})
        node = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
        node = node or responses.get("default")
        return None if node is None else dict(self._deref(node))

    def response_schema(self, status: int) -> Any | None:
        response = self.response(status)
        if response is None:
            return None
        media = response.get("content", {}).get("application/json")
        return None if media is None else to_json_schema(self.document, media.get("schema", {}))

    def required_response_headers(self, status: int) -> list[str]:
        response = self.response(status) or {}
        return [
            name
            for name, header in response.get("headers", {}).items()
            if self._deref(header).get("required")
        ]


def operations(document: Document) -> list[Operation]:
    """Every operation of document."""
    found = []
    for template, item in document.get("paths", {}).items():
        for method, spec in item.items():
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                found.append(Operation(document, method, template, spec))
    return found


def find_operation(document: Document, method: str, path: str) -> Operation | None:
    """The operation that serves method and path, if any."""
    for operation in operations(document):
        if operation.method == method.lower() and operation.path_pattern.match(path):
            return operation
    return None


def schema_errors(schema: Any, instance: Any) -> list[str]:
    """Every way instance breaks schema, each as 'json.path: message'."""
    validator = Draft7Validator(schema, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"{format_path(['body', *e.absolute_path])}: {e.message}" for e in errors]


def check_response(
    operation: Operation, status: int, headers: dict[str, str], content: bytes
) -> None:
    """Raise ContractViolation unless the response is one the spec documents for operation."""
    where = f"{operation.operation_id} answered {status}"
    response = operation.response(status)
    if response is None:
        raise ContractViolation(f"{where}: the spec documents no such status")
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in operation.required_response_headers(status):
        if name.lower() not in lowered:
            raise ContractViolation(f"{where}: required header {name} is missing")
    schema = operation.response_schema(status)
    if schema is None:
        return
    content_type = lowered.get("content-type", "").split(";")[0].strip()
    if content_type not in JSON_TYPES:
        raise ContractViolation(
            f"{where} with content type {content_type or '(none)'}; the spec says application/json"
        )
    try:
        body = json.loads(content)
    except ValueError as exc:
        raise ContractViolation(f"{where}: the body is not JSON ({exc})") from None
    problems = schema_errors(schema, body)
    if problems:
        raise ContractViolation(f"{where}: the body breaks the spec: " + "; ".join(problems[:5]))


def versions_of(document: Document) -> set[str]:
    """The API versions of document's operations (`v3`, `2026-09`, …)."""
    return {version_of_operation_id(op.operation_id) for op in operations(document)}
