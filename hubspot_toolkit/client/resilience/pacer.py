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
from hubspot_toolkit.client.resilience.gate import GATE_POLL_SECONDS, Gate
from hubspot_toolkit.client.resilience.window import SlidingWindow, Slot


def _next_step(
    window: SlidingWindow, now: float, deadline: float | None, gate: Gate | None
) -> Slot | float | None:
    """A slot to send with now, seconds to sleep before looking again, or None: the slot would
    come only at or after `deadline`, or the gate closed. With a gate, no sleep is longer than
    GATE_POLL_SECONDS, so that a closed gate is seen soon."""
    if (deadline is not None and now >= deadline) or (gate is not None and gate.closed):
        return None
    slot, wait = window.try_acquire(now)
    if slot is not None:
        return slot
    if deadline is not None and now + wait >= deadline:
        return None
    return wait if gate is None else min(wait, GATE_POLL_SECONDS)


def _turn_timeout(clock: Callable[[], float], deadline: float | None, gate: Gate | None) -> float:
    """How long to wait for the turn at once (-1: as long as it takes)."""
    timeout = -1.0 if deadline is None else max(0.0, deadline - clock())
    if gate is not None:
        timeout = GATE_POLL_SECONDS if timeout < 0 else min(timeout, GATE_POLL_SECONDS)
    return timeout


def _gave_up_turn(clock: Callable[[], float], deadline: float | None, gate: Gate | None) -> bool:
    """After a wait for the turn timed out: without a gate the wait was the whole time left;
    with one, only a slice of it."""
    if gate is None or gate.closed:
        return True
    return deadline is not None and clock() >= deadline


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

    def acquire(self, deadline: float | None = None, gate: Gate | None = None) -> Slot | None:
        """A slot once the window has room; None if that would be after `deadline` (clock),
        or once `gate` is closed."""
        while not self._turn.acquire(timeout=_turn_timeout(self.clock, deadline, gate)):
            if _gave_up_turn(self.clock, deadline, gate):
                return None
        try:
            while True:
                with self._lock:
                    step = _next_step(self.window, self.clock(), deadline, gate)
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

    def give_back(self, slot: Slot) -> None:
        """The request of `slot` never left."""
        with self._lock:
            self.window.give_back(slot)

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

    async def acquire(self, deadline: float | None = None, gate: Gate | None = None) -> Slot | None:
        """A slot once the window has room; None if that would be after `deadline` (clock),
        or once `gate` is closed."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            # An asyncio.Lock binds to the first loop that waits on it; a client reused under a
            # second asyncio.run() would otherwise fail with "bound to a different event loop".
            self._turn, self._loop = asyncio.Lock(), loop
        while True:
            timeout = _turn_timeout(self.clock, deadline, gate)
            if timeout < 0:
                await self._turn.acquire()
                break
            try:
                await asyncio.wait_for(self._turn.acquire(), timeout)
                break
            except TimeoutError:
                if _gave_up_turn(self.clock, deadline, gate):
                    return None
        try:
            while True:
                step = _next_step(self.window, self.clock(), deadline, gate)
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

    def give_back(self, slot: Slot) -> None:
        self.window.give_back(slot)

    def pause(self, seconds: float) -> None:
        self.window.pause_until(self.clock() + seconds)
