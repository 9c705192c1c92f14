"""Send a bulk job's chunks with at most N requests in flight, sync (threads) or async (tasks),
and stop sending once an answer shows that nothing more can succeed (401, 403, or retries
that ran out). A job says what each chunk's request is and what each answer means."""

import asyncio
import threading
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import nullcontext
from types import UnionType
from typing import Any, Generic, TypeVar

from hubspot_crm_client.types import Response

from hubspot_toolkit.client.bulk.outcome import (
    FATAL_STATUSES,
    NOT_SENT,
    Failure,
    failure_from_answer,
    failure_from_exception,
)
from hubspot_toolkit.client.resilience import Gate, GaveUpError, NotSent, through
from hubspot_toolkit.client.resilience.gate import current_gate

# How soon the thread (or task) that hands chunks out sees a stop (Ctrl-C) while it waits for
# the requests in flight: `stopping()` is asked at least this often.
NOTICE_SECONDS = 0.1

Chunk = TypeVar("Chunk")
Body = TypeVar("Body")
Outcome = TypeVar("Outcome")
Item = TypeVar("Item")


class Stop:
    """Set once by whichever request sees a fatal answer; read by every later one."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason = ""

    def set(self, reason: str) -> None:
        if not self._event.is_set():
            self.reason = reason
            self._event.set()

    def __bool__(self) -> bool:
        return self._event.is_set()


class ChunkJob(ABC, Generic[Chunk, Body, Outcome]):
    """One bulk job. Subclasses build each chunk's request body, read a batch answer, and say
    how a whole chunk fails; the bookkeeping every job shares is here."""

    # The parsed answers that carry per-input results; any other answer fails the chunk.
    batch_answers: UnionType | tuple[type, ...] = ()

    def __init__(self) -> None:
        self.stop = Stop()
        self.sent = 0
        self._lock = threading.Lock()  # `sent` is counted from worker threads

    @abstractmethod
    def body(self, chunk: Chunk) -> Body: ...

    @abstractmethod
    def from_batch(self, chunk: Chunk, parsed: Any, status: int) -> Outcome: ...

    @abstractmethod
    def fail_all(self, chunk: Chunk, failure: Failure) -> Outcome: ...

    def request(self, chunk: Chunk) -> Body:
        with self._lock:
            self.sent += 1
        return self.body(chunk)

    def not_sent(self, chunk: Chunk) -> Outcome:
        reason = self.stop.reason or "called off"
        return self.fail_all(chunk, Failure(None, NOT_SENT, f"not sent: {reason}"))

    def raised(self, chunk: Chunk, exc: Exception) -> Outcome:
        failure = failure_from_exception(exc)
        if isinstance(exc, NotSent) and not exc.attempts:
            with self._lock:
                self.sent -= 1  # called off before it left: no request was sent
        if isinstance(exc, GaveUpError):  # the service keeps failing: stop, do not queue more
            self.stop.set(f"retries ran out on an earlier request: {failure}")
        return self.fail_all(chunk, failure)

    def answered(self, chunk: Chunk, response: Response[Any]) -> Outcome:
        status = int(response.status_code)
        if isinstance(response.parsed, self.batch_answers):
            return self.from_batch(chunk, response.parsed, status)
        failure = failure_from_answer(response)
        if status in FATAL_STATUSES:
            self.stop.set(f"an earlier request was refused with {failure}")
        return self.fail_all(chunk, failure)


def check_concurrency(concurrency: int) -> None:
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")


def _called_off(job: "ChunkJob[Any, Any, Any]") -> bool:
    gate = current_gate()
    return bool(job.stop) or (gate is not None and gate.closed)


def send_one(
    job: ChunkJob[Chunk, Body, Outcome], chunk: Chunk, call: Callable[[Body], Response[Any]]
) -> Outcome:
    """One chunk's request and what its answer (or exception) means for each input."""
    if _called_off(job):
        return job.not_sent(chunk)
    try:
        response = call(job.request(chunk))
    except Exception as exc:  # one chunk's failure must not lose the other chunks' results
        return job.raised(chunk, exc)
    return job.answered(chunk, response)


def stream_threads(
    items: Iterable[Item],
    work: Callable[[Item], Outcome],
    concurrency: int,
    done: Callable[[Item, Outcome], None],
    stopping: Callable[[], bool] = lambda: False,
    gate: Gate | None = None,
) -> None:
    """`work` on each item in worker threads, at most `concurrency` at a time. The next item is
    taken from `items` only when a worker is free, so a lazy iterable is read while earlier
    items are sent and memory holds about `concurrency` items, however many there are. `done`
    runs in the caller's thread, in the order items finish. Once `stopping()` is true no item
    is taken any more; those in flight finish and are handed to `done`; `stopping()` is asked
    every NOTICE_SECONDS meanwhile, so that it can tell its caller at once. The requests
    `work` sends go through `gate`: once it is closed none leaves. The first item goes alone
    and is handed to `done` before any other is taken: an answer every request would get
    (401, an unknown object type) then stops the job after one request, not `concurrency`
    (the pacer sends one request until a first answer anyway)."""
    check_concurrency(concurrency)
    in_flight: dict[Future[Outcome], Item] = {}

    def guarded(item: Item) -> Outcome:
        with through(gate):  # a worker thread starts with no gate of its own
            return work(item)

    def finish_one_or_more() -> None:
        finished: set[Future[Outcome]] = set()
        while not finished:
            finished, _ = wait(in_flight, timeout=NOTICE_SECONDS, return_when=FIRST_COMPLETED)
            stopping()
        for future in finished:
            done(in_flight.pop(future), future.result())

    source = iter(items)
    taken = 0
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="hubspot-bulk") as pool:
        try:
            while True:
                while len(in_flight) >= (concurrency if taken > 1 else 1):
                    finish_one_or_more()  # a free worker first, then the next item
                if stopping():
                    break
                try:
                    item = next(source)
                except StopIteration:
                    break
                in_flight[pool.submit(guarded, item)] = item
                taken += 1
            while in_flight:
                finish_one_or_more()
        finally:
            for future in in_flight:  # only when `done` or the reader raised: give up the rest
                future.cancel()


def send_threads(
    job: ChunkJob[Chunk, Body, Outcome],
    chunks: Sequence[Chunk],
    call: Callable[[Body], Response[Any]],
    concurrency: int,
) -> list[Outcome]:
    """Outcomes in the order of `chunks`. The httpx client and the pacer are thread-safe, so
    every thread shares them."""
    check_concurrency(concurrency)

    def send(chunk: Chunk) -> Outcome:
        return send_one(job, chunk, call)

    if concurrency == 1 or len(chunks) <= 1:
        return [send(chunk) for chunk in chunks]
    gate = current_gate()  # the pool's threads send through the caller's gate too

    def send_through(chunk: Chunk) -> Outcome:
        with through(gate):
            return send(chunk)

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="hubspot-bulk") as pool:
        return list(pool.map(send_through, chunks))


async def asend_one(
    job: ChunkJob[Chunk, Body, Outcome],
    chunk: Chunk,
    call: Callable[[Body], Awaitable[Response[Any]]],
) -> Outcome:
    """The async form of send_one."""
    if _called_off(job):
        return job.not_sent(chunk)
    try:
        response = await call(job.request(chunk))
    except Exception as exc:  # one chunk's failure must not lose the others' results
        return job.raised(chunk, exc)
    return job.answered(chunk, response)


async def send_tasks(
    job: ChunkJob[Chunk, Body, Outcome],
    chunks: Sequence[Chunk],
    call: Callable[[Body], Awaitable[Response[Any]]],
    concurrency: int,
) -> list[Outcome]:
    """The async form of send_threads: tasks on the running loop."""
    check_concurrency(concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def send(chunk: Chunk) -> Outcome:
        async with gate:
            return await asend_one(job, chunk, call)

    return list(await asyncio.gather(*(send(chunk) for chunk in chunks)))


async def stream_tasks(
    items: AsyncIterator[Item],
    work: Callable[[Item], Awaitable[Outcome]],
    concurrency: int,
    done: Callable[[Item, Outcome], Awaitable[None] | None],
    stopping: Callable[[], bool] = lambda: False,
    gate: Gate | None = None,
) -> None:
    """The async form of stream_threads: `work` as tasks on the running loop, the next item
    taken only when fewer than `concurrency` are in flight, `done` called (and awaited, when it
    is a coroutine function) on the loop as each finishes, one at a time. Cancelled, it takes
    no more items, closes `gate` (no request waiting for the rate limit leaves), lets those on
    the wire finish and hands every item in flight to `done` (a cancelled request would leave
    its chunk neither failed nor acknowledged), then raises CancelledError; cancelled again
    meanwhile, it gives them up."""
    check_concurrency(concurrency)
    in_flight: dict[asyncio.Future[Outcome], Item] = {}

    async def guarded(item: Item) -> Outcome:
        with through(gate) if gate is not None else nullcontext():
            return await work(item)

    async def finish_one_or_more() -> None:
        finished: set[asyncio.Future[Outcome]] = set()
        while not finished:
            finished, _ = await asyncio.wait(
                in_flight, timeout=NOTICE_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            stopping()
        for future in finished:
            handled = done(in_flight.pop(future), future.result())
            if handled is not None:
                await handled

    taken = 0  # the first item alone, as in stream_threads
    try:
        try:
            while True:
                while len(in_flight) >= (concurrency if taken > 1 else 1):
                    await finish_one_or_more()
                if stopping():
                    break
                item = await anext(items, None)
                if item is None:
                    break
                in_flight[asyncio.ensure_future(guarded(item))] = item
                taken += 1
            while in_flight:
                await finish_one_or_more()
        except asyncio.CancelledError:
            if gate is not None:
                gate.close()
            stopping()
            while in_flight:
                await finish_one_or_more()
            raise
    finally:
        for future in in_flight:  # `done` or the source raised, or a second cancellation
            future.cancel()
