"""The bulk line-item upsert done with HubSpot's official SDK, for bench/bulk_upsert.py.

The benchmark compares hubspot_toolkit.client.bulk with what a typical user of hubspot-api-client
(12.0.0) would write for the same job: chunks of 100 sent through
`HubSpot(...).crm.line_items.batch_api.upsert(...)`, with nothing but the SDK's own retry
mechanism (a urllib3 `Retry` passed as `retry=`) between them and the rate limit. A chunk
that still fails after those retries is counted as failed, not retried by hand.

The access token goes into the SDK's configuration and nowhere else: nothing here prints or
logs it, and the only error text kept is the HTTP status.
"""

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from hubspot import HubSpot  # type: ignore[import-untyped]
from hubspot.crm.line_items import (  # type: ignore[import-untyped]
    ApiException,
    BatchInputSimplePublicObjectBatchInputUpsert,
    SimplePublicObjectBatchInputUpsert,
)
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import HTTPError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

CHUNK_SIZE = 100  # HubSpot's limit for one batch request


@dataclass(frozen=True)
class SdkResult:
    items_sent: int  # rows handed to the SDK
    items_ok: int  # rows the server answered with a result (200, or the results of a 207)
    chunks_failed: int  # requests that still failed once the SDK's retries were spent
    http_429_seen: int  # 429 responses urllib3 saw, retried ones included
    seconds: float


class _Tally:
    """A thread-safe count of the 429s seen by every Retry descended from one root."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.too_many: int = 0

    def saw_429(self) -> None:
        with self._lock:
            self.too_many += 1


class _CountingRetry(Retry):
    """urllib3's Retry, unchanged except that it counts the 429s it is asked to retry.

    urllib3 calls `increment` for every retryable response, including the last one, which
    exhausts the budget; each call returns a fresh object made by `new`, so the tally is
    handed on there.
    """

    tally: _Tally

    def new(self, **kw: Any) -> Self:
        retry = super().new(**kw)
        retry.tally = self.tally
        return retry

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        if response is not None and response.status == 429:
            self.tally.saw_429()
        return super().increment(method, url, response, error, _pool, _stacktrace)


def sdk_retry(tally: _Tally) -> _CountingRetry:
    """The retry settings: the SDK README's two examples ("internal error retry middleware",
    Retry(total=3, backoff_factor=0.3, status_forcelist=(500, 502, 504)), and "rate limit
    retry middleware", Retry(total=5, status_forcelist=(429,))) merged into one, plus the two
    changes without which they do nothing for this job:

    - allowed_methods: urllib3 retries only idempotent methods by default, and the batch
      upsert is a POST, so the README's Retry objects never retry it. POST is safe to add
      here because an upsert keyed by a unique property is idempotent.
    - raise_on_status=False: when the retries run out, hand back the last response, so that
      the SDK raises its ApiException (429/5xx) rather than urllib3's MaxRetryError.

    Retry-After is honoured (urllib3's default respect_retry_after_header=True for 413, 429
    and 503); without it the backoff is 0, 0.6, 1.2, 2.4 s... between attempts.
    """
    retry = _CountingRetry(
        total=5,
        backoff_factor=0.3,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=Retry.DEFAULT_ALLOWED_METHODS | {"POST"},
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    retry.tally = tally
    return retry


def _chunks(rows: Sequence[dict[str, str]], size: int) -> list[Sequence[dict[str, str]]]:
    return [rows[start : start + size] for start in range(0, len(rows), size)]


def sdk_bulk_upsert(
    base_url: str, token: str, rows: list[dict[str, str]], id_property: str, *, threads: int = 1
) -> SdkResult:
    """Upsert rows as line items keyed by id_property, in chunks of 100, on `threads` threads.

    Each thread gets its own BatchApi (the SDK builds a new ApiClient, with its own urllib3
    pool, each time `batch_api` is read), so no SDK object is shared between threads.
    """
    tally = _Tally()
    # host= lands on each ApiClient's Configuration.host (the SDK setattr()s unknown kwargs).
    client: Any = HubSpot(access_token=token, retry=sdk_retry(tally), host=base_url)
    local = threading.local()

    def batch_api() -> Any:
        api: Any = getattr(local, "api", None)
        if api is None:
            api = local.api = client.crm.line_items.batch_api
        return api

    def send(chunk: Sequence[dict[str, str]]) -> int | None:
        """Items the server answered for, or None if the request failed."""
        body = BatchInputSimplePublicObjectBatchInputUpsert(
            inputs=[
                SimplePublicObjectBatchInputUpsert(
                    id=row[id_property], id_property=id_property, properties=dict(row)
                )
                for row in chunk
            ]
        )
        try:
            response = batch_api().upsert(batch_input_simple_public_object_batch_input_upsert=body)
        except (ApiException, HTTPError):  # HTTPError: a connection failure outlasting retries
            return None
        return len(response.results or [])

    chunks = _chunks(rows, CHUNK_SIZE)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        answered = list(pool.map(send, chunks))
    seconds = time.perf_counter() - started
    return SdkResult(
        items_sent=len(rows),
        items_ok=sum(n for n in answered if n is not None),
        chunks_failed=sum(1 for n in answered if n is None),
        http_429_seen=tally.too_many,
        seconds=seconds,
    )
