"""Pacers: block (sync) or await (async) until the sliding window has room for one request.

Waiters queue for a turn and only the one at the head sleeps and re-checks the window. Without
the queue every waiter would wake at the same instants (a thundering herd), and while all slots
are in flight each would poll: hundreds of tasks polling every 20 ms starve the event loop that
is meant to carry the requests, and a waiter could lose the race indefinitely.
"""

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable, Mapping

from hubspot_toolkit.client.resilience.budget import DEFAULT_BUDGET, Budget
from hubspot_toolkit.client.resilience.window import SlidingWindow, Slot


def _next_step(window: SlidingWindow, now: float, deadline: float | None) -> Slot | float | None:
    """A slot to send with now, seconds to sleep before looking again, or None: the slot would
    come only at or after `deadline`."""
    if deadline is not None and now >= deadline:
        return None
    slot, wait = window.try_acquire(now)
    if slot is not None:
        return slot
    if deadline is not None and now + wait >= deadline:
        return None
    return wait


class Pacer:
    """Thread-safe: one pacer is shared by every thread sending with the same token."""

    def __init__(
        self,
        budget: Budget = DEFAULT_BUDGET,
        *,
        adapt: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.window = SlidingWindow(budget, adapt)
        self.clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()  # guards the window; held only for bookkeeping
        self._turn = threading.Lock()  # held by the one waiter allowed to sleep on the window

    def acquire(self, deadline: float | None = None) -> Slot | None:
        """A slot once the window has room; None if that would be after `deadline` (clock)."""
        timeout = -1.0 if deadline is None else max(0.0, deadline - self.clock())
        if not self._turn.acquire(timeout=timeout):
            return None
        try:
            while True:
                with self._lock:
                    step = _next_step(self.window, self.clock(), deadline)
                if step is None or isinstance(step, Slot):
                    return step
                self._sleep(step)
        finally:
            self._turn.release()

    def release(self, slot: Slot, headers: Mapping[str, str] | None = None) -> None:
        with self._lock:
            now = self.clock()
            self.window.release(slot, now)
            if headers is not None:
                self.window.observe(headers, now, slot.sent)

    def pause(self, seconds: float) -> None:
        with self._lock:
            self.window.pause_until(self.clock() + seconds)


class AsyncPacer:
    """Shared by the tasks of one event loop: the window is only touched between awaits, so it
    needs no lock. Not for threads running loops of their own (give each loop its own pacer).
    """

    def __init__(
        self,
        budget: Budget = DEFAULT_BUDGET,
        *,
        adapt: bool = True,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.window = SlidingWindow(budget, adapt)
        self.clock = clock
        self._sleep = sleep
        self._turn = asyncio.Lock()  # FIFO: waiters are served in arrival order
        self._loop: asyncio.AbstractEventLoop | None = None

    async def acquire(self, deadline: float | None = None) -> Slot | None:
        """A slot once the window has room; None if that would be after `deadline` (clock)."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            # An asyncio.Lock binds to the first loop that waits on it; a client reused under a
            # second asyncio.run() would otherwise fail with "bound to a different event loop".
            self._turn, self._loop = asyncio.Lock(), loop
        if deadline is None:
            await self._turn.acquire()
        else:
            try:
                await asyncio.wait_for(self._turn.acquire(), max(0.0, deadline - self.clock()))
            except TimeoutError:
                return None
        try:
            while True:
                step = _next_step(self.window, self.clock(), deadline)
                if step is None or isinstance(step, Slot):
                    return step
                await self._sleep(step)
        finally:
            self._turn.release()

    def release(self, slot: Slot, headers: Mapping[str, str] | None = None) -> None:
        now = self.clock()
        self.window.release(slot, now)
        if headers is not None:
            self.window.observe(headers, now, slot.sent)

    def pause(self, seconds: float) -> None:
        self.window.pause_until(self.clock() + seconds)
