"""What each operation's version of spec/ says about its batch answers, read once at start.

A version answers a partial failure (some inputs failed, others were written or read) with a
207 where its operation lists one, else with a 200 whose schema declares `errors`/`numErrors`
(HubSpot's 2026-09 documents list no 207: their 200 batch answer gains optional `errors`;
no capture shows either status, ledger: dated-partial-failure-status).
A field the version's schema does not declare is not sent in that version (2026-09 drops the
upsert result's `warnings` and the association type's `fromObjectTypeId`/`toObjectTypeId`).
"""

from dataclasses import dataclass
from typing import Any

from hubspot_toolkit.server.config import ConfigError
from hubspot_toolkit.spec.operations import Operation

MULTI_STATUS = 207


@dataclass(frozen=True)
class BatchShapes:
    """One operation's batch answers in one version: the status of a partial failure and
    the JSON Schema of the 200 and partial answers (for trimming undeclared fields)."""

    partial_status: int
    complete_schema: Any
    partial_schema: Any

    @classmethod
    def for_operation(cls, operation: Operation) -> "BatchShapes":
        listed = {str(status) for status in operation.spec.get("responses", {})}
        complete = operation.response_schema(200)
        if str(MULTI_STATUS) in listed:
            return cls(MULTI_STATUS, complete, operation.response_schema(MULTI_STATUS))
        declared = (complete or {}).get("properties", {})
        if "errors" not in declared:
            # Neither form can carry a partial failure: say so at start, not at the first one.
            raise ConfigError(
                f"spec: {operation.operation_id} lists no 207 and its 200 answer declares no "
                "`errors`: a partial failure cannot be answered in this version"
            )
        return cls(200, complete, complete)

    def status(self, failed: bool) -> int:
        return self.partial_status if failed else 200

    def fit(self, body: dict[str, Any], failed: bool) -> dict[str, Any]:
        """body without the fields the version's answer schema does not declare."""
        schema = self.partial_schema if failed else self.complete_schema
        fitted: dict[str, Any] = trim(body, schema)
        return fitted


def trim(value: Any, schema: Any) -> Any:
    """value with every object key its schema does not declare left out, where the schema
    lists `properties` and allows no others by an `additionalProperties` of its own; a map
    (`additionalProperties` given) and anything without a schema are kept as they are."""
    if not isinstance(schema, dict):
        return value
    if isinstance(value, list):
        items = schema.get("items")
        return [trim(item, items) for item in value] if isinstance(items, dict) else value
    if not isinstance(value, dict):
        return value
    declared = schema.get("properties")
    if not isinstance(declared, dict) or "additionalProperties" in schema:
        return value
    return {key: trim(item, declared[key]) for key, item in value.items() if key in declared}
