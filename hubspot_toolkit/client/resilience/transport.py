"""httpx transports that pace requests to the rate-limit budget and retry transient failures.

    transport = ResilientTransport()          # wraps httpx.HTTPTransport()
    client = AuthenticatedClient(base_url=..., token=..., httpx_args={"transport": transport})

Each attempt, first or retried, takes a slot from the pacer, so retries spend the same budget as
everything else. Answers that are not retried (2xx, 400, 401, 403, 404, ...) are handed back for
the generated client to parse, with their body already read: a connection cut in the middle of
a body is then retried like any other dropped connection instead of reaching the caller (the
bodies of these batch calls are small, and the generated client reads them whole anyway).
When retrying stops, GaveUpError is raised. Retries are for the idempotent batch operations of
this client only: see policy.py. A request sent through a closed gate (gate.py) never leaves,
nor is it retried: NotSent is raised instead.
"""

import logging
from collections.abc import Callable
from typing import Any

import httpx
import stamina

from hubspot_toolkit.client.resilience.errors import GaveUpError, correlation_id
from hubspot_toolkit.client.resilience.gate import Gate, NotSent, current_gate
from hubspot_toolkit.client.resilience.pacer import AsyncPacer, Pacer
from hubspot_toolkit.client.resilience.policy import (
    RETRIED_EXCEPTIONS,
    RetryableAnswer,
    RetryPolicy,
    server_wait,
)
from hubspot_toolkit.client.resilience.window import Slot

log = logging.getLogger("hubspot_toolkit.client.resilience")
_GIVE_UP_ON: tuple[type[Exception], ...] = (RetryableAnswer, *RETRIED_EXCEPTIONS)


class _Attempts:
    """Bookkeeping shared by the sync and async loops for one request."""

    def __init__(
        self, request: httpx.Request, policy: RetryPolicy, clock: Callable[[], float]
    ) -> None:
        self.request = request
        self.policy = policy
        self.clock = clock
        self.gate = current_gate()
        self.started = self.deadline = clock()  # both set again when the first attempt goes
        self.count = 0
        self.last: Exception | None = None
        self.why = "attempt limit reached"  # stamina's own bound is a backstop to decide()

    def sending(self) -> None:
        # Time counts from the first attempt: queueing for the budget before it is not
        # retrying, and a deep queue (many tasks on one pacer) must not eat the retry time.
        if self.count == 0:
            self.started = self.clock()
            self.deadline = self.started + self.policy.total_seconds
        self.count += 1

    def decide(self, exc: Exception) -> bool | float:
        """stamina's backoff hook: False gives up, a float is the wait before the next attempt
        (stamina 26 takes it as is, outside its own exponential backoff)."""
        if not isinstance(exc, _GIVE_UP_ON):
            return False  # not ours to retry: it reaches the caller unchanged
        self.last = exc
        if self.called_off:
            return False  # no retry leaves a closed gate: not_sent() says so
        wait = self.policy.next_wait(exc, self.count, self.deadline - self.clock())
        if wait is None:
            limit = self.count >= self.policy.attempts
            self.why = "attempt limit reached" if limit else "next wait would pass total_seconds"
            return False
        log.info(
            "retrying %s %s in %.2f s after attempt %d: %s",
            self.request.method,
            self.request.url.path,
            wait,
            self.count,
            _describe(exc),
        )
        return wait

    @property
    def called_off(self) -> bool:
        return self.gate is not None and self.gate.closed

    def not_sent(self) -> NotSent:
        again = " again" if self.count else ""
        request = f"{self.request.method} {self.request.url.path}"
        return NotSent(f"{request}: not sent{again}: called off", self.count)

    def enter(self, pacer: Pacer | AsyncPacer, slot: Slot) -> Gate | None:
        """Through the gate with `slot`, just before the request leaves (NotSent if closed)."""
        if self.gate is not None and not self.gate.enter():
            pacer.give_back(slot)
            raise self.not_sent()
        return self.gate

    def pacing_deadline(self) -> float | None:
        # The first attempt queues for the budget like any request; retries must fit the time.
        return None if self.count == 0 else self.deadline

    def verdict(self, response: httpx.Response, pacer: Pacer | AsyncPacer) -> httpx.Response:
        """The response to hand back, or RetryableAnswer raised for stamina to retry."""
        if response.status_code not in self.policy.retry_statuses:
            return response
        body = response.read()  # already buffered: no I/O
        cid = correlation_id(body, response.headers)
        retry = RetryableAnswer(response.status_code, cid, server_wait(response))
        if response.status_code == 429 and retry.wait is not None:
            pacer.pause(retry.wait)  # the limit holds for every thread or task, not just this one
        raise retry

    def gave_up(self, exc: Exception | None, why: str | None = None) -> GaveUpError:
        if isinstance(exc, RetryableAnswer):
            status, cid, reason = exc.status, exc.correlation_id, why or self.why
        else:
            status, cid = None, None
            reason = f"{type(exc).__name__}; {why or self.why}"
        return GaveUpError(
            method=self.request.method,
            path=self.request.url.path,
            attempts=self.count,
            seconds=self.clock() - self.started,
            status=status,
            correlation_id=cid,
            reason=reason,
        )

    # stamina's iterator type is private; it is both an Iterator and an AsyncIterator of Attempt.
    def context(self) -> Any:
        # Every wait comes from decide() (so stamina's wait_* settings never apply), and so does
        # the time bound: stamina's clock would also count the wait for the first slot, and it
        # cannot take an injected clock. Its attempt bound stays, as a backstop.
        return stamina.retry_context(on=self.decide, attempts=self.policy.attempts, timeout=None)


_OUT_OF_TIME = "waiting for the rate limit would pass total_seconds"


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, RetryableAnswer) else type(exc).__name__


def _rebuilt(response: httpx.Response, raw: bytes) -> httpx.Response:
    # Raw (still encoded) bytes behind a fresh stream: httpx decodes them and times the answer
    # (`elapsed`) as if they had come off the wire.
    return httpx.Response(
        response.status_code,
        headers=response.headers,
        stream=httpx.ByteStream(raw),
        extensions=response.extensions,
    )


def _buffered(response: httpx.Response) -> httpx.Response:
    if response.is_stream_consumed:  # built from bytes (httpx.MockTransport): nothing to cut
        return response
    try:
        return _rebuilt(response, b"".join(response.iter_raw()))
    finally:
        response.close()


async def _abuffered(response: httpx.Response) -> httpx.Response:
    if response.is_stream_consumed:
        return response
    try:
        return _rebuilt(response, b"".join([chunk async for chunk in response.aiter_raw()]))
    finally:
        await response.aclose()


class ResilientTransport(httpx.BaseTransport):
    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        pacer: Pacer | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.inner = inner if inner is not None else httpx.HTTPTransport()
        self.pacer = pacer if pacer is not None else Pacer()
        self.policy = policy if policy is not None else RetryPolicy()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self.policy, self.pacer.clock)
        try:
            for attempt in attempts.context():
                # Outside `with attempt`: running out of time here is not a failure to retry.
                slot = self.pacer.acquire(attempts.pacing_deadline(), attempts.gate)
                if slot is None:
                    if attempts.called_off:
                        raise attempts.not_sent()
                    raise attempts.gave_up(attempts.last, _OUT_OF_TIME)
                gate = attempts.enter(self.pacer, slot)
                try:
                    with attempt:
                        attempts.sending()
                        return attempts.verdict(self._send(request, slot), self.pacer)
                finally:
                    if gate is not None:
                        gate.leave()
        except _GIVE_UP_ON as exc:
            if attempts.called_off:
                raise attempts.not_sent() from None
            raise attempts.gave_up(exc) from None
        raise AssertionError("unreachable: stamina yields at least one attempt")

    def _send(self, request: httpx.Request, slot: Slot) -> httpx.Response:
        try:
            response = _buffered(self.inner.handle_request(request))
        except BaseException:
            self.pacer.release(slot)  # stamped all the same: the server may have counted it
            raise
        self.pacer.release(slot, response.headers)
        return response

    def close(self) -> None:
        self.inner.close()


class AsyncResilientTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        inner: httpx.AsyncBaseTransport | None = None,
        *,
        pacer: AsyncPacer | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.inner = inner if inner is not None else httpx.AsyncHTTPTransport()
        self.pacer = pacer if pacer is not None else AsyncPacer()
        self.policy = policy if policy is not None else RetryPolicy()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempts = _Attempts(request, self.policy, self.pacer.clock)
        try:
            async for attempt in attempts.context():
                slot = await self.pacer.acquire(attempts.pacing_deadline(), attempts.gate)
                if slot is None:
                    if attempts.called_off:
                        raise attempts.not_sent()
                    raise attempts.gave_up(attempts.last, _OUT_OF_TIME)
                gate = attempts.enter(self.pacer, slot)
                try:
                    with attempt:
                        attempts.sending()
                        return attempts.verdict(await self._send(request, slot), self.pacer)
                finally:
                    if gate is not None:
                        gate.leave()
        except _GIVE_UP_ON as exc:
            if attempts.called_off:
                raise attempts.not_sent() from None
            raise attempts.gave_up(exc) from None
        raise AssertionError("unreachable: stamina yields at least one attempt")

    async def _send(self, request: httpx.Request, slot: Slot) -> httpx.Response:
        try:
            response = await _abuffered(await self.inner.handle_async_request(request))
        except BaseException:
            self.pacer.release(slot)
            raise
        self.pacer.release(slot, response.headers)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()
