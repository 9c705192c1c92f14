"""The sync and async transports over httpx.MockTransport: what is retried, what is not, and
how retrying ends. Retry waits are a millisecond; where time matters the clock is fake."""

import asyncio
import gzip
import json
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
import stamina

from hubspot_toolkit.client.resilience import (
    AsyncPacer,
    AsyncResilientTransport,
    Budget,
    GaveUpError,
    Pacer,
    ResilientTransport,
    RetryPolicy,
)
from tests.client.resilience.helpers import FakeClock, max_in_any_window, over_budget

URL = "https://api.hubapi.com/crm/v3/objects/line_items/batch/upsert"
CID = "8b4f2a38-4a8a-4a65-9b39-5a41f0c1c1a7"
FAST = RetryPolicy(attempts=4, total_seconds=10, wait_initial=0.001, wait_max=0.005, wait_jitter=0)
Handler = Callable[[httpx.Request], httpx.Response]


def error(status: int, **headers: str) -> httpx.Response:
    body = {"status": "error", "message": "nope", "correlationId": CID, "category": "X"}
    return httpx.Response(status, json=body, headers=headers)


def ok() -> httpx.Response:
    return httpx.Response(200, json={"status": "COMPLETE", "results": []})


def scripted(*answers: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A handler giving `answers` in turn (the last one forever), and the requests it saw."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers[min(len(seen), len(answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handler, seen


def sync_client(
    handler: Handler, policy: RetryPolicy = FAST, pacer: Pacer | None = None
) -> httpx.Client:
    clock = FakeClock()
    pacer = pacer if pacer is not None else Pacer(clock=clock, sleep=clock.sleep)
    transport = ResilientTransport(httpx.MockTransport(handler), pacer=pacer, policy=policy)
    return httpx.Client(transport=transport)


def test_429_then_200_is_retried_and_the_caller_gets_the_200() -> None:
    handler, seen = scripted(error(429), ok())
    response = sync_client(handler).post(URL, json={"inputs": []})
    assert response.status_code == 200
    assert response.json() == {"status": "COMPLETE", "results": []}
    assert len(seen) == 2
    assert seen[1].content == seen[0].content == b'{"inputs":[]}'  # the body is sent again


def test_retry_after_pauses_the_pacer_for_every_request() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    sent: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        return error(429, **{"Retry-After": "3"}) if len(sent) == 1 else ok()

    # Test mode zeroes stamina's own (real) wait, so the 3 s below can only be the pacer's.
    with stamina.set_testing(True, attempts=4):
        client = sync_client(handler, pacer=pacer)
        assert client.post(URL).status_code == 200
        assert client.post(URL).status_code == 200
    assert clock.sleeps == [3.0]
    assert sent[1] - sent[0] == 3.0


def test_429_with_only_the_interval_header_waits_for_the_window() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    handler, _ = scripted(
        error(429, **{"X-HubSpot-RateLimit-Interval-Milliseconds": "2000"}),
        ok(),
    )
    with stamina.set_testing(True, attempts=4):
        assert sync_client(handler, pacer=pacer).post(URL).status_code == 200
    assert clock.sleeps == [2.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 415])
def test_client_errors_are_returned_at_once_with_exactly_one_request(status: int) -> None:
    handler, seen = scripted(error(status), ok())
    response = sync_client(handler).post(URL)
    assert response.status_code == status
    assert response.json()["correlationId"] == CID
    assert len(seen) == 1


def test_503_every_time_gives_up_with_the_status_and_correlation_id() -> None:
    handler, seen = scripted(error(503))
    with pytest.raises(GaveUpError) as caught:
        sync_client(handler).post(URL)
    assert len(seen) == FAST.attempts == 4
    err = caught.value
    assert (err.status, err.correlation_id, err.attempts) == (503, CID, 4)
    assert (err.method, err.path) == ("POST", "/crm/v3/objects/line_items/batch/upsert")
    assert "after 4 attempt(s)" in str(err) and "status 503" in str(err) and CID in str(err)
    assert "attempt limit reached" in str(err)


@pytest.mark.parametrize("status", [500, 502, 504])
def test_other_5xx_are_retried(status: int) -> None:
    handler, seen = scripted(error(status), error(status), ok())
    assert sync_client(handler).post(URL).status_code == 200
    assert len(seen) == 3


def test_correlation_id_falls_back_to_the_header_when_the_body_is_not_hubspots() -> None:
    edge = httpx.Response(
        502, text="<html>Bad Gateway</html>", headers={"X-HubSpot-Correlation-Id": CID}
    )
    handler, _ = scripted(edge)
    with pytest.raises(GaveUpError) as caught:
        sync_client(handler).post(URL)
    assert (caught.value.status, caught.value.correlation_id) == (502, CID)


def connection_failures() -> list[Exception]:
    request = httpx.Request("POST", URL)
    return [
        httpx.ConnectError("connection refused", request=request),
        httpx.RemoteProtocolError("server disconnected", request=request),
        httpx.ReadTimeout("timed out", request=request),
        httpx.ReadError("connection reset", request=request),
    ]


@pytest.mark.parametrize("failure", connection_failures(), ids=lambda e: type(e).__name__)
def test_connection_failures_are_retried(failure: Exception) -> None:
    handler, seen = scripted(failure, ok())
    assert sync_client(handler).post(URL).status_code == 200
    assert len(seen) == 2


def test_connection_failing_every_time_gives_up_with_no_status() -> None:
    handler, seen = scripted(connection_failures()[0])
    with pytest.raises(GaveUpError) as caught:
        sync_client(handler).post(URL)
    assert len(seen) == 4
    assert (caught.value.status, caught.value.correlation_id) == (None, None)
    assert "no answer" in str(caught.value) and "ConnectError" in str(caught.value)


def test_unrelated_exceptions_reach_the_caller_unchanged_and_unretried() -> None:
    handler, seen = scripted(httpx.UnsupportedProtocol("no ftp here"))
    with pytest.raises(httpx.UnsupportedProtocol):
        sync_client(handler).post(URL)
    assert len(seen) == 1


class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body in chunks that can break off halfway, and says whether it was closed."""

    def __init__(self, chunks: list[bytes], cut: bool = False) -> None:
        self.chunks = chunks
        self.cut = cut
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.cut:
            raise httpx.RemoteProtocolError("peer closed connection without complete body")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.__iter__():
            yield chunk

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def test_a_body_cut_off_midway_is_retried_not_handed_to_the_caller() -> None:
    cut = Body([b'{"status": "COMP'], cut=True)
    handler, seen = scripted(httpx.Response(200, stream=cut), ok())
    response = sync_client(handler).post(URL)
    assert response.json()["status"] == "COMPLETE"
    assert len(seen) == 2
    assert cut.closed


def test_the_stream_of_a_retried_answer_is_closed_before_the_retry() -> None:
    streams: list[Body] = []

    def handler(request: httpx.Request) -> httpx.Response:
        assert all(s.closed for s in streams), "a retry began with an answer still open"
        streams.append(Body([json.dumps({"correlationId": CID}).encode()]))
        return httpx.Response(503 if len(streams) < 3 else 200, stream=streams[-1])

    assert sync_client(handler).post(URL).status_code == 200
    assert len(streams) == 3 and all(s.closed for s in streams)


def test_a_buffered_answer_is_still_decoded_and_timed_like_one_off_the_wire() -> None:
    raw = gzip.compress(b'{"status": "COMPLETE"}')
    handler, _ = scripted(
        httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=Body([raw[:5], raw[5:]]))
    )
    response = sync_client(handler).post(URL)
    assert response.json() == {"status": "COMPLETE"}
    assert response.elapsed.total_seconds() >= 0


def test_total_seconds_bounds_the_retrying() -> None:
    clock = FakeClock()
    policy = RetryPolicy(attempts=100, total_seconds=10, wait_initial=0.001, wait_jitter=0)

    def handler(request: httpx.Request) -> httpx.Response:
        clock.advance(4.0)  # each attempt takes 4 s
        return error(503)

    with pytest.raises(GaveUpError) as caught:
        sync_client(handler, policy, Pacer(clock=clock, sleep=clock.sleep)).post(URL)
    err = caught.value
    # Attempts start at 0, 4 and 8 s; after the third (12 s) no retry may start.
    assert err.attempts == 3
    assert err.seconds == 12.0 <= policy.total_seconds + 4.0
    assert "total_seconds" in str(err)


def test_a_retry_after_past_the_deadline_gives_up_at_once() -> None:
    handler, seen = scripted(error(429, **{"Retry-After": "60"}), ok())
    with pytest.raises(GaveUpError) as caught:
        sync_client(handler).post(URL)  # total_seconds=10
    assert len(seen) == 1
    assert caught.value.status == 429
    assert "next wait would pass total_seconds" in str(caught.value)


def test_a_retry_that_would_wait_for_the_budget_past_the_deadline_gives_up() -> None:
    clock = FakeClock()
    pacer = Pacer(Budget(1, 100.0), clock=clock, sleep=clock.sleep)
    handler, seen = scripted(error(503), ok())
    with pytest.raises(GaveUpError) as caught:
        sync_client(handler, pacer=pacer).post(URL)
    assert len(seen) == 1 and clock.sleeps == []
    err = caught.value
    assert (err.status, err.correlation_id, err.attempts) == (503, CID, 1)
    assert "waiting for the rate limit would pass total_seconds" in str(err)


def test_the_pacer_adapts_to_the_servers_headers() -> None:
    clock = FakeClock()
    pacer = Pacer(clock=clock, sleep=clock.sleep)
    headers = {
        "X-HubSpot-RateLimit-Max": "4",
        "X-HubSpot-RateLimit-Interval-Milliseconds": "1000",
        "X-HubSpot-RateLimit-Remaining": "0",
    }
    sent: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        return httpx.Response(200, json={}, headers=headers)

    client = sync_client(handler, pacer=pacer)
    client.post(URL)
    assert pacer.window.server == Budget(4, 1.0)
    client.post(URL)  # the server said none remain: wait out its 1 s window
    assert sent[1] - sent[0] == pytest.approx(1.0, abs=0.01)


def test_a_higher_max_from_the_server_never_lifts_the_callers_cap() -> None:
    """`--rate-limit 5` against a server that says Max 100: five requests per 10 s, not 20 in
    0.2 s (issue 24)."""
    clock = FakeClock()
    pacer = Pacer(Budget(5, 10.0), clock=clock, sleep=clock.sleep)
    sent: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(clock.now)
        headers = {
            "X-HubSpot-RateLimit-Max": "100",
            "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
            "X-HubSpot-RateLimit-Remaining": str(100 - len(sent)),
        }
        clock.advance(0.01)  # the answer's latency
        return httpx.Response(200, json={}, headers=headers)

    client = sync_client(handler, pacer=pacer)
    for _ in range(20):
        client.post(URL)
    assert over_budget(sent, [t + 0.01 for t in sent], 5, 10.0) == []
    assert sent[-1] - sent[0] >= 30.0  # 20 requests at 5 per 10 s: four windows


# --- async -------------------------------------------------------------------------------


def async_post(
    handler: Handler, policy: RetryPolicy = FAST, pacer: AsyncPacer | None = None
) -> httpx.Response:
    clock = FakeClock()
    pacer = pacer if pacer is not None else AsyncPacer(clock=clock, sleep=clock.asleep)
    transport = AsyncResilientTransport(httpx.MockTransport(handler), pacer=pacer, policy=policy)

    async def post() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport) as client:
            return await client.post(URL, json={"inputs": []})

    return asyncio.run(post())


def test_async_429_then_200_is_retried() -> None:
    handler, seen = scripted(error(429), ok())
    assert async_post(handler).status_code == 200
    assert len(seen) == 2


def test_async_401_is_returned_with_one_request() -> None:
    handler, seen = scripted(error(401), ok())
    assert async_post(handler).status_code == 401
    assert len(seen) == 1


def test_async_503_every_time_gives_up() -> None:
    handler, seen = scripted(error(503))
    with pytest.raises(GaveUpError) as caught:
        async_post(handler)
    assert len(seen) == 4
    assert (caught.value.status, caught.value.correlation_id) == (503, CID)


def test_async_connection_failure_then_cut_body_then_success() -> None:
    cut = Body([b'{"sta'], cut=True)
    handler, seen = scripted(connection_failures()[0], httpx.Response(200, stream=cut), ok())
    assert async_post(handler).json()["status"] == "COMPLETE"
    assert len(seen) == 3 and cut.closed


def test_async_connection_failing_every_time_gives_up_with_no_status() -> None:
    handler, _ = scripted(connection_failures()[1])
    with pytest.raises(GaveUpError) as caught:
        async_post(handler)
    assert caught.value.status is None and "RemoteProtocolError" in str(caught.value)


def test_async_tasks_through_one_transport_respect_the_budget() -> None:
    clock = FakeClock()
    pacer = AsyncPacer(Budget(5, 1.0), clock=clock, sleep=clock.asleep)
    arrivals: list[float] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(clock.now)
        await asyncio.sleep(0)
        return error(429) if len(arrivals) % 7 == 0 else ok()  # some retries too

    # A retry joins the back of the queue (about 12 s deep here): give it the time.
    policy = RetryPolicy(total_seconds=60, wait_initial=0.001, wait_jitter=0)
    transport = AsyncResilientTransport(httpx.MockTransport(handler), pacer=pacer, policy=policy)

    async def main() -> list[int]:
        async with httpx.AsyncClient(transport=transport) as client:
            answers = await asyncio.gather(*(client.post(URL) for _ in range(60)))
        return [a.status_code for a in answers]

    assert asyncio.run(main()) == [200] * 60
    assert max_in_any_window(arrivals, 1.0) <= 5
    assert len(arrivals) > 60


def test_queueing_for_the_first_attempt_does_not_eat_the_retry_time() -> None:
    clock = FakeClock()
    pacer = AsyncPacer(Budget(1, 1.0), clock=clock, sleep=clock.asleep)
    arrivals: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        arrivals.append(clock.now)
        return error(503) if len(arrivals) == 20 else ok()

    policy = RetryPolicy(total_seconds=5, wait_initial=0.001, wait_jitter=0)
    transport = AsyncResilientTransport(httpx.MockTransport(handler), pacer=pacer, policy=policy)

    async def main() -> list[int]:
        async with httpx.AsyncClient(transport=transport) as client:
            answers = await asyncio.gather(*(client.post(URL) for _ in range(20)))
        return [a.status_code for a in answers]

    # The last request queued about 19 s for its first slot, longer than total_seconds.
    assert asyncio.run(main()) == [200] * 20
    assert len(arrivals) == 21
    assert max_in_any_window(arrivals, 1.0) == 1
