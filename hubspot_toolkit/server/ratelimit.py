"""HubSpot-style rolling window per token (10 s unless --rate-window) and its headers.

Sources: the window, its per-tier limits and the X-HubSpot-RateLimit-* headers are HubSpot's
API usage guidelines (https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details)
and its changelog on rate limit headers (https://developers.hubspot.com/changelog/
2018-11-06-rate-limit-information-headers-will-be-included-in-http-responses); the 429 body's
shape (status, message, errorType RATE_LIMIT, correlationId, policyName) is the example in the
same guidelines. `Retry-After` is ours: HubSpot's documents do not name it, so clients must not
rely on it (ours falls back to the window's length without it).
"""

import time
import uuid
from collections import deque

from starlette.responses import JSONResponse

WINDOW_SECONDS = 10.0
# With the limit off, the headers still describe a window, one no local use will exhaust.
UNLIMITED = 1_000_000
DAILY = 1_000_000


class RateLimiter:
    def __init__(self, limit: int | None, window_seconds: float = WINDOW_SECONDS) -> None:
        self.limit = limit
        self.window = window_seconds
        self._calls: dict[str, deque[float]] = {}
        self._daily: dict[str, int] = {}

    def take(self, key: str) -> tuple[bool, dict[str, str]]:
        """Count one request for key; (allowed, headers describing the window after it)."""
        now = time.monotonic()
        calls = self._calls.setdefault(key, deque())
        while calls and calls[0] <= now - self.window:
            calls.popleft()
        limit = self.limit or UNLIMITED
        allowed = len(calls) < limit
        if allowed:
            calls.append(now)
            self._daily[key] = self._daily.get(key, 0) + 1
        headers = {
            "X-HubSpot-RateLimit-Interval-Milliseconds": str(round(self.window * 1000)),
            "X-HubSpot-RateLimit-Max": str(limit),
            "X-HubSpot-RateLimit-Remaining": str(max(0, limit - len(calls))),
            "X-HubSpot-RateLimit-Daily": str(DAILY),
            "X-HubSpot-RateLimit-Daily-Remaining": str(max(0, DAILY - self._daily.get(key, 0))),
        }
        if not allowed:
            retry_after = max(0.0, calls[0] + self.window - now)
            headers["Retry-After"] = str(max(1, round(retry_after + 0.5)))
        return allowed, headers


def too_many_requests(headers: dict[str, str]) -> JSONResponse:
    correlation = str(uuid.uuid4())
    return JSONResponse(
        {
            "status": "error",
            "message": "You have reached your ten_secondly_rolling limit.",
            "errorType": "RATE_LIMIT",
            "correlationId": correlation,
            "policyName": "TEN_SECONDLY_ROLLING",
        },
        429,
        # the body's correlationId as a header too (ledger: correlation-id-format)
        headers={"x-hubspot-correlation-id": correlation, **headers},
    )
