"""Send chunks with at most N requests in flight, sync (threads) or async (tasks), and stop
sending once an answer shows that nothing more can succeed (401, 403)."""

import asyncio
import threading
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

Chunk = TypeVar("Chunk")
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


def check_concurrency(concurrency: int) -> None:
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")


def run_threads(
    chunks: Sequence[Chunk], send: Callable[[Chunk], Outcome], concurrency: int
) -> list[Outcome]:
    """Outcomes in the order of `chunks`. The httpx client and the pacer are thread-safe, so
    every thread shares them."""
    check_concurrency(concurrency)
    if concurrency == 1 or len(chunks) <= 1:
        return [send(chunk) for chunk in chunks]
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="hubspot-bulk") as pool:
        return list(pool.map(send, chunks))


async def run_tasks(
    chunks: Sequence[Chunk], send: Callable[[Chunk], Awaitable[Outcome]], concurrency: int
) -> list[Outcome]:
    check_concurrency(concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def one(chunk: Chunk) -> Outcome:
        async with gate:
            return await send(chunk)

    return list(await asyncio.gather(*(one(chunk) for chunk in chunks)))
