"""Send a bulk job's chunks with at most N requests in flight, sync (threads) or async (tasks),
and stop sending once an answer shows that nothing more can succeed (401, 403, or retries
that ran out). A job says what each chunk's request is and what each answer means."""

import asyncio
import threading
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import UnionType
from typing import Any, Generic, TypeVar

from hubspot_crm_client.types import Response

from hubspot_toolkit.client.bulk.outcome import (
    FATAL_STATUSES,
    Failure,
    failure_from_answer,
    failure_from_exception,
)
from hubspot_toolkit.client.resilience import GaveUpError

Chunk = TypeVar("Chunk")
Body = TypeVar("Body")
Outcome = TypeVar("Outcome")


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
        return self.fail_all(chunk, Failure(None, "NOT_SENT", f"not sent: {self.stop.reason}"))

    def raised(self, chunk: Chunk, exc: Exception) -> Outcome:
        failure = failure_from_exception(exc)
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
        if job.stop:
            return job.not_sent(chunk)
        try:
            response = call(job.request(chunk))
        except Exception as exc:  # one chunk's failure must not lose the other chunks' results
            return job.raised(chunk, exc)
        return job.answered(chunk, response)

    if concurrency == 1 or len(chunks) <= 1:
        return [send(chunk) for chunk in chunks]
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="hubspot-bulk") as pool:
        return list(pool.map(send, chunks))


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
            if job.stop:
                return job.not_sent(chunk)
            try:
                response = await call(job.request(chunk))
            except Exception as exc:  # one chunk's failure must not lose the others' results
                return job.raised(chunk, exc)
            return job.answered(chunk, response)

    return list(await asyncio.gather(*(send(chunk) for chunk in chunks)))
