"""What is retried, and how long to wait: the decisions, kept apart from any I/O.

Retrying is safe here because the two operations this client speaks are idempotent: a batch
upsert keyed by `idProperty` writes the same records however often it is repeated (even when a
first attempt committed and only its answer was lost), and a batch read changes nothing. Do not
put this transport under a client that sends non-idempotent requests (a plain create).
"""

import datetime
import email.utils
import math
import random
import time
from dataclasses import dataclass

import httpx

# 500 is included: HubSpot asks clients to retry 5xx, and for idempotent calls it is safe.
DEFAULT_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# The same request would get the same answer: retrying only burns the budget.
NEVER_RETRIED = frozenset({400, 401, 403, 404, 415})
# A dropped or refused connection, a timeout, a cut-off answer.
RETRIED_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter, bounded in attempts and total seconds.

    No retry starts (nor waits for the pacer) past `total_seconds` after the first attempt was
    sent, so retrying ends within `total_seconds` plus the length of one attempt (bounded by
    the httpx timeout). The wait for the first attempt's slot is queueing, not retrying: the
    pacer bounds it (by the budget and the queue in front), not this policy.
    """

    attempts: int = 8
    total_seconds: float = 120.0
    wait_initial: float = 0.5
    wait_max: float = 30.0
    wait_jitter: float = 1.0
    retry_statuses: frozenset[int] = DEFAULT_RETRY_STATUSES

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {self.attempts}")
        if not (self.total_seconds > 0 and math.isfinite(self.total_seconds)):
            raise ValueError(f"total_seconds must be finite and above 0, not {self.total_seconds}")
        if min(self.wait_initial, self.wait_max, self.wait_jitter) < 0:
            raise ValueError("wait_initial, wait_max and wait_jitter must not be negative")
        if forbidden := self.retry_statuses & NEVER_RETRIED:
            raise ValueError(f"statuses {sorted(forbidden)} are never retried")

    def backoff(self, failed_attempts: int) -> float:
        """The exponential wait after `failed_attempts` failures (1 = after the first)."""
        exponent = min(max(failed_attempts - 1, 0), 64)  # 2**64 * anything is past any cap
        jitter = random.uniform(0, self.wait_jitter) if self.wait_jitter else 0.0
        return min(self.wait_max, self.wait_initial * 2.0**exponent + jitter)

    def next_wait(self, exc: BaseException, failed_attempts: int, remaining: float) -> float | None:
        """Seconds to wait before another attempt, or None to give up now."""
        if failed_attempts >= self.attempts:
            return None
        if isinstance(exc, RetryableAnswer) and exc.wait is not None:
            wait = exc.wait  # the server's own word (Retry-After) beats our guess
        elif isinstance(exc, (RetryableAnswer, *RETRIED_EXCEPTIONS)):
            wait = self.backoff(failed_attempts)
        else:
            return None
        # Waiting past the deadline only to give up then helps nobody: give up now.
        return wait if wait < remaining else None


class RetryableAnswer(Exception):
    """An answer worth another attempt; `wait` is the server's own wait, if it named one."""

    def __init__(self, status: int, correlation_id: str | None, wait: float | None) -> None:
        self.status = status
        self.correlation_id = correlation_id
        self.wait = wait
        super().__init__(f"status {status}, correlationId {correlation_id}")


def server_wait(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds the server asks us to wait: Retry-After, else (for a 429) the window's length."""
    retry_after = response.headers.get("retry-after")
    if retry_after is not None:
        seconds = _parse_retry_after(retry_after.strip(), time.time() if now is None else now)
        if seconds is not None:
            return seconds
    if response.status_code == 429:
        interval = response.headers.get("x-hubspot-ratelimit-interval-milliseconds", "")
        if interval.strip().isdigit():
            return int(interval) / 1000
    return None


def _parse_retry_after(text: str, now: float) -> float | None:
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": GMT, not the local time .timestamp() would assume
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, when.timestamp() - now)
