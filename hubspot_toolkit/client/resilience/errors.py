"""The error raised when retrying stops, and HubSpot's correlationId read from an error body."""

import json
from collections.abc import Mapping
from typing import Any

from hubspot_toolkit.errors import HubSpotToolkitError


class GaveUpError(HubSpotToolkitError):
    """Retries of a request ran out (attempts or total time) or a wait would overrun the time.

    Carries the last status (None when the last attempt failed to connect or was cut off) and
    HubSpot's correlationId of the last answer, which HubSpot support asks for. Never the token.
    """

    def __init__(
        self,
        *,
        method: str,
        path: str,
        attempts: int,
        seconds: float,
        status: int | None,
        correlation_id: str | None,
        reason: str,
    ) -> None:
        self.method = method
        self.path = path
        self.attempts = attempts
        self.seconds = seconds
        self.status = status
        self.correlation_id = correlation_id
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        last = f"status {self.status}" if self.status is not None else "no answer"
        correlation = f", correlationId {self.correlation_id}" if self.correlation_id else ""
        return (
            f"gave up on {self.method} {self.path} after {self.attempts} attempt(s) in "
            f"{self.seconds:.1f} s: last {last} ({self.reason}{correlation})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions unpickle as cls(*args), which the keyword-only __init__ refuses; a process
        # pool sending this error back to its parent would break on it.
        fields = ("method", "path", "attempts", "seconds", "status", "correlation_id", "reason")
        return (_rebuild, ({name: getattr(self, name) for name in fields},))


def _rebuild(fields: dict[str, Any]) -> GaveUpError:
    return GaveUpError(**fields)


def correlation_id(body: bytes, headers: Mapping[str, str] | None = None) -> str | None:
    """HubSpot's correlationId from an error body, else from its X-HubSpot-Correlation-Id
    header (sent also when an edge proxy, not the API, wrote the body)."""
    try:
        data = json.loads(body)
    except ValueError:  # UnicodeDecodeError included
        data = None
    value = data.get("correlationId") if isinstance(data, dict) else None
    if isinstance(value, str):
        return value
    return headers.get("x-hubspot-correlation-id") if headers is not None else None
