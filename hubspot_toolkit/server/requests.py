"""Checking requests against the spec read from spec/ at start: body, path parameters, media."""

import re
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson

from hubspot_toolkit.server.errors import ApiError, validation_error
from hubspot_toolkit.spec.document import format_path
from hubspot_toolkit.spec.operations import Operation
from hubspot_toolkit.spec.schemas import to_json_schema

MAX_BODY_BYTES = 8 * 1024 * 1024
REQUIRED = re.compile(r'^"(.*)" is a required property$')


@dataclass
class RequestChecker:
    """Everything needed to check one operation's requests, compiled once."""

    operation: Operation
    body_validator: Any
    parameter_validators: dict[str, Any]

    @classmethod
    def for_operation(cls, operation: Operation) -> "RequestChecker":
        schema = operation.request_schema()
        parameters = {
            p["name"]: jsonschema_rs.validator_for(to_json_schema(operation.document, p["schema"]))
            for p in operation.parameters()
            if p["in"] == "path"
        }
        return cls(operation, jsonschema_rs.validator_for(schema or {}), parameters)

    def check_path(self, values: dict[str, str]) -> None:
        for name, validator in self.parameter_validators.items():
            value = values.get(name, "")
            if not validator.is_valid(value):
                raise validation_error(
                    f"path parameter {name}={value!r} is not a valid object type name or id",
                    name,
                )

    def check_media_type(self, content_type: str | None) -> None:
        media_type = (content_type or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise ApiError(
                415,
                "VALIDATION_ERROR",
                f"Content type {media_type or '(none)'!r} is not supported; send application/json",
                [{"message": "send application/json", "in": "Content-Type", "code": "UNSUPPORTED"}],
            )

    def parse_body(self, raw: bytes) -> Any:
        if len(raw) > MAX_BODY_BYTES:
            raise validation_error(f"the body is over {MAX_BODY_BYTES} bytes", "body", "TOO_LARGE")
        try:
            return orjson.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise validation_error(
                f"the body is not valid JSON: {exc}", "body", "INVALID_JSON"
            ) from None

    def check_body(self, body: Any) -> None:
        problems = []
        for error in self.body_validator.iter_errors(body):
            path = list(error.instance_path)
            message = error.message
            missing = REQUIRED.match(message)
            if missing:
                path.append(missing.group(1))
                message = "required field is missing"
            elif len(message) > 200:
                message = f"{message[:80]}…{message[-100:]}"
            where = format_path(path) if path else "body"
            problems.append({"message": message, "in": where, "code": "INVALID"})
            if len(problems) == 20:
                break
        if problems:
            first = problems[0]
            raise ApiError(400, "VALIDATION_ERROR", f"{first['in']}: {first['message']}", problems)
