"""Checking requests against the spec read from spec/ at start: body, path parameters, media."""

import re
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
import orjson

from hubspot_toolkit.server.errors import ApiError, invalid_input_json, validation_error
from hubspot_toolkit.server.object_types import unknown_object_type
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
        """Every path parameter is an object type: one of a form HubSpot cannot resolve gets
        its answer to any unknown type (ledger: unknown-object-type, captured for unknown
        names; for malformed ones it is our inference)."""
        for name, validator in self.parameter_validators.items():
            value = values.get(name, "")
            if not validator.is_valid(value):
                raise unknown_object_type(value)

    def path_accepts(self, value: str) -> bool:
        """Whether every path parameter's schema accepts value."""
        return all(validator.is_valid(value) for validator in self.parameter_validators.values())

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
        except orjson.JSONDecodeError as exc:
            text = raw.decode("utf-8", "replace")
            found = repr(text[exc.pos]) if exc.pos < len(text) else "end of input"
            raise invalid_input_json(
                exc.lineno, exc.colno, f"Unexpected character ({found}): {exc.msg}"
            ) from None
        except RecursionError:
            raise invalid_input_json(1, 1, "the body nests too deeply") from None

    def check_body(self, body: Any, raw: bytes = b"") -> None:
        problems = []
        for error in self.body_validator.iter_errors(body):
            path = list(error.instance_path)
            kind = type(error.kind).__name__
            if kind == "Type":
                # a body of the wrong shape is refused before HubSpot validates anything
                line, column = _position(raw, path)
                raise invalid_input_json(line, column, f"Cannot deserialize {error.message}")
            if kind == "MaxItems" and path == ["inputs"]:
                limit = error.kind.limit
                # HubSpot's words, captured on batch writes (ledger: upsert-batch-input-limit)
                raise ApiError(
                    400,
                    "VALIDATION_ERROR",
                    f"The maximum number of inputs supported in a batch is {limit}. "
                    "Please reduce the number of items and try again",
                )
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


def _position(raw: bytes, path: list[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the last key of path in the request text, as HubSpot's
    JSON reader reports where it stopped; 1, 1 when the text does not show it."""
    keys = [part for part in path if isinstance(part, str)]
    text = raw.decode("utf-8", "replace")
    offset = text.find(orjson.dumps(keys[-1]).decode()) if keys else -1
    if offset < 0:
        return 1, 1
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
