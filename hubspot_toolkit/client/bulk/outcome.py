"""What became of each input: the reports the bulk helpers return, and how one answer (or
exception) is turned into per-input results. Shared by the sync and async drivers."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import httpx
from hubspot_crm_client.errors import UnexpectedStatus
from hubspot_crm_client.models import (
    Error,
    ErrorDetail,
    RateLimitError,
    StandardError,
    StringArrayMap,
)
from hubspot_crm_client.types import Response

from hubspot_toolkit.client.bulk.rows import LineItemRow
from hubspot_toolkit.client.resilience import GaveUpError, NotSent

# An answer with one of these means no later request can succeed either: stop sending.
FATAL_STATUSES = frozenset({HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN})
# Failures that no trustworthy answer settled: sending the input again later may succeed.
NOT_SENT = "NOT_SENT"  # the request never left: stopped, interrupted or called off
# A whole request refused for what every request of the job shares (its object types): no
# later request can succeed, and the job's options need fixing (associations.py).
EVERY_REQUEST_REFUSED = "EVERY_REQUEST_REFUSED"
UNANSWERED = frozenset(
    {NOT_SENT, "RETRIES_EXHAUSTED", "NETWORK_ERROR", "INVALID_ANSWER", EVERY_REQUEST_REFUSED}
)
# HubSpot's 400 for an object type it does not know (ledger: unknown-object-type)
UNKNOWN_OBJECT_TYPE = "Unable to infer object type from: "


@dataclass(frozen=True)
class PropertyError:
    """One property HubSpot refused in an input: which, why (its code), and its message."""

    name: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"property {self.name}: {self.message} ({self.code})"


@dataclass(frozen=True)
class Failure:
    """Why an input failed. `status` is the HTTP status of the answer that failed it (None when
    there was no answer); `correlation_id` is HubSpot's, for its support."""

    status: int | None
    category: str
    message: str
    correlation_id: str | None = None
    # the properties HubSpot named, each with its reason (from the error's errors[])
    property_errors: tuple[PropertyError, ...] = ()

    @property
    def sent(self) -> bool:
        """Whether its request left (false: stopped or called off before it did)."""
        return self.category != NOT_SENT

    @property
    def settled(self) -> bool:
        """Whether an answer settled this input for good (a per-input error, a 400): false when
        no answer came, or the token was refused, so that a resumed job sends it again."""
        return self.category not in UNANSWERED and self.status not in FATAL_STATUSES

    def __str__(self) -> str:
        status = f"{self.status} " if self.status is not None else ""
        cid = f" (correlationId {self.correlation_id})" if self.correlation_id else ""
        if self.property_errors:  # each property and its reason, not HubSpot's JSON dump
            named = "; ".join(map(str, self.property_errors))
            return f"{status}{self.category}: {named}{cid}"
        return f"{status}{self.category}: {self.message}{cid}"


@dataclass(frozen=True)
class UpsertedItem:
    row: LineItemRow
    record_id: str
    new: bool


@dataclass(frozen=True)
class FailedItem:
    row: LineItemRow
    failure: Failure


@dataclass
class UpsertReport:
    """Every input row ends in exactly one of created, updated or failed."""

    created: list[UpsertedItem] = field(default_factory=list)
    updated: list[UpsertedItem] = field(default_factory=list)
    failed: list[FailedItem] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def failure_from_exception(exc: Exception) -> Failure:
    """A request that raised instead of answering: retries ran out, the network failed, or the
    answer could not be read."""
    if isinstance(exc, GaveUpError):
        return Failure(exc.status, "RETRIES_EXHAUSTED", str(exc), exc.correlation_id)
    if isinstance(exc, NotSent):  # called off (Ctrl-C) before it left
        return Failure(None, NOT_SENT, str(exc))
    if isinstance(exc, UnexpectedStatus):
        return Failure(exc.status_code, "UNEXPECTED_STATUS", "the spec does not allow this status")
    if isinstance(exc, httpx.HTTPError):
        return Failure(None, "NETWORK_ERROR", f"{type(exc).__name__}: {exc}")
    # The generated models raise these on an answer that breaks the spec.
    return Failure(None, "INVALID_ANSWER", f"{type(exc).__name__}: {exc}")


def failure_from_answer(response: Response[Any]) -> Failure:
    """An answer that failed the whole request (400, 401, 403, 429 after retries, …)."""
    status = int(response.status_code)
    parsed = response.parsed
    if isinstance(parsed, Error):
        # HubSpot sends no category on some 400s (ledger: unknown-object-type, invalid-json-*)
        category = parsed.category if isinstance(parsed.category, str) else "ERROR"
        return Failure(
            status,
            category,
            parsed.message,
            str(parsed.correlation_id),
            property_errors(parsed.errors if isinstance(parsed.errors, list) else []),
        )
    if isinstance(parsed, RateLimitError):
        return Failure(status, parsed.error_type, parsed.message, str(parsed.correlation_id))
    return Failure(status, "UNEXPECTED_STATUS", response.content[:200].decode(errors="replace"))


def batch_errors(parsed: object) -> list[StandardError]:
    """The per-input errors of a batch answer (only the `…WithErrors` models have them)."""
    errors = getattr(parsed, "errors", None)
    return [e for e in errors if isinstance(e, StandardError)] if isinstance(errors, list) else []


def failures_by_key(errors: Sequence[StandardError], status: int) -> dict[str, Failure]:
    """The per-input errors of a 207, by the input key each names in `context.ids`."""
    named: dict[str, Failure] = {}
    for error in errors:
        for key in error.context.additional_properties.get("ids", []):
            details = error.errors if isinstance(error.errors, list) else []
            refused = property_errors(details) or properties_in_message(error.message)
            named[key] = Failure(status, error.category, error.message, property_errors=refused)
    return named


def property_errors(details: Sequence[ErrorDetail]) -> tuple[PropertyError, ...]:
    """The properties an error names: HubSpot puts each in errors[] with its code and
    context.propertyName (https://developers.hubspot.com/docs/api-reference/error-handling)."""
    found = []
    for detail in details:
        context = (
            detail.context.additional_properties
            if isinstance(detail.context, StringArrayMap)
            else {}
        )
        for name in context.get("propertyName", []):
            code = detail.code if isinstance(detail.code, str) else "INVALID"
            found.append(PropertyError(name, code, detail.message))
    return tuple(found)


VALUES_NOT_VALID = "Property values were not valid: "


def properties_in_message(message: str) -> tuple[PropertyError, ...]:
    """The properties HubSpot names in the JSON array of a "Property values were not valid: [...]"
    message, each {name, error, message} (captured: https://github.com/Atlas-Authority/
    marketing-automation/issues/206); its 207 entries carry no errors[] to name them in."""
    if not message.startswith(VALUES_NOT_VALID):
        return ()
    try:
        entries = json.loads(message[len(VALUES_NOT_VALID) :])
    except ValueError:
        return ()
    if not isinstance(entries, list):
        return ()
    return tuple(
        PropertyError(
            entry["name"], str(entry.get("error") or "INVALID"), str(entry.get("message"))
        )
        for entry in entries
        if isinstance(entries, list)
        if isinstance(entry, dict) and isinstance(entry.get("name"), str)
    )


def unnamed_failure(errors: Sequence[StandardError], status: int) -> Failure:
    """For an input the answer neither returned nor named in an error."""
    stray = "; ".join(e.message for e in errors if not e.context.additional_properties.get("ids"))
    message = "the answer had no result and no error for this input"
    return Failure(status, "NO_RESULT", f"{message} ({stray})" if stray else message)
