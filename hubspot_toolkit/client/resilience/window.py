"""A sliding-window request budget, without clocks or sleeping (shared by sync and async pacers).

A slot is taken when a request is sent and stamped when its answer (or failure) arrives. The
server counts a request when it arrives, which is somewhere between those two instants, so
stamping at the answer means a slot is only reused once the server has certainly forgotten it:
the pacer never sends a request the server's rolling window would refuse.

The budget given is the caller's cap: an upper bound whatever the server says. The server's
X-HubSpot-RateLimit-* headers add a second limit (their own window), which can only make the
pacing slower: a job capped to leave most of a portal's budget to the other integrations that
share it must not take the whole budget because the server advertises it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from hubspot_toolkit.client.resilience.budget import Budget

# How long to wait before looking again when every slot is held by a request still in flight.
IN_FLIGHT_POLL_SECONDS = 0.02


@dataclass
class Slot:
    """One request's place in the window; `stamp` is None while the request is in flight."""

    sent: float = 0.0
    stamp: float | None = None
    ours: bool = True  # False: a placeholder for another client's request on the same token


@dataclass
class SlidingWindow:
    budget: Budget  # the caller's cap: never exceeded, never raised by the server's headers
    adapt: bool = True  # also hold to X-HubSpot-RateLimit-Max / -Interval-Milliseconds
    server: Budget | None = None  # the server's own budget, as its last answer stated it
    _slots: list[Slot] = field(default_factory=list)
    _paused_until: float = 0.0
    _answered: bool = False

    @property
    def limit(self) -> int:
        """Requests per `window` in the server's account (the cap's until it says)."""
        return (self.server or self.budget).requests

    @property
    def window(self) -> float:
        return (self.server or self.budget).window_seconds

    def _expire(self, now: float) -> None:
        # Kept for two of the longer windows, not one: observe() compares the server's count at
        # a request's arrival with the slots live then, which may since have left the window.
        horizon = now - 2 * max(self.window, self.budget.window_seconds)
        self._slots = [s for s in self._slots if s.stamp is None or s.stamp > horizon]

    def _live(self, since: float) -> list[Slot]:
        return [s for s in self._slots if s.stamp is None or s.stamp > since]

    def _wait_for(self, budget: Budget, limit: int, now: float, ours: bool) -> float | None:
        """None if one more request fits `limit` requests per `budget`'s window now (counting
        only our own requests when `ours`), else the seconds to wait before looking again."""
        live = [s for s in self._live(now - budget.window_seconds) if s.ours or not ours]
        if len(live) < limit:
            return None
        stamps = [s.stamp for s in live if s.stamp is not None]
        if not stamps:
            return IN_FLIGHT_POLL_SECONDS
        return max(min(stamps) + budget.window_seconds - now, 0.0) + 1e-3

    def try_acquire(self, now: float) -> tuple[Slot | None, float]:
        """A slot to send now, or (None, seconds to wait before trying again)."""
        if now < self._paused_until:
            return None, self._paused_until - now
        self._expire(now)
        # Until a first answer, one request at a time: a fresh client cannot know how much of
        # the server's window other clients (or a run just before) have used, and the answer's
        # X-HubSpot-RateLimit-Remaining tells it (observe). A burst would meet a wall of 429s.
        cap = 1 if self.adapt and not self._answered else self.budget.requests
        # The cap counts our own requests (it is what this client may take); the server's
        # limit (the cap's until it states one) counts every request on the token, other
        # clients' placeholders included.
        server = self.server or self.budget
        limits = [(self.budget, cap, True), (server, server.requests, False)]
        waits = [w for b, n, o in limits if (w := self._wait_for(b, n, now, o)) is not None]
        if waits:
            return None, max(waits)
        slot = Slot(sent=now)
        self._slots.append(slot)
        return slot, 0.0

    def release(self, slot: Slot, now: float) -> None:
        """The request of `slot` was answered (or failed) at `now`."""
        slot.stamp = now
        self._answered = True

    def give_back(self, slot: Slot) -> None:
        """The request of `slot` never left (it was called off): its place is free again."""
        if slot in self._slots:
            self._slots.remove(slot)

    def pause_until(self, when: float) -> None:
        """Send nothing before `when` (a Retry-After, which holds for every request)."""
        self._paused_until = max(self._paused_until, when)

    def observe(self, headers: Mapping[str, str], now: float, sent: float | None = None) -> None:
        """Take in the server's own account of the window (X-HubSpot-RateLimit-*), from the
        answer to a request sent at `sent` (default: now). It may only slow us down: the
        cap (`budget`) holds whatever Max the server states."""
        if not self.adapt:
            return
        limit = _int(headers.get("x-hubspot-ratelimit-max"))
        interval_ms = _int(headers.get("x-hubspot-ratelimit-interval-milliseconds"))
        if limit is not None and limit >= 1:
            # A missing, zero or negative interval would make no valid Budget: keep ours.
            window = interval_ms / 1000 if interval_ms and interval_ms > 0 else self.window
            if (limit, window) != (self.limit, self.window):
                self.server = Budget(limit, window)
        remaining = _int(headers.get("x-hubspot-ratelimit-remaining"))
        if remaining is None:
            return
        # The server counted, when this request arrived (after `sent`), every request of the
        # last window. Ours among them all hold slots live at `sent - window` or later; any
        # excess is another client's on the same token: hold placeholder slots for it.
        # Comparing with the slots live now instead would count our own requests that have
        # since left our window as strangers, and pace too slowly.
        self._expire(now)
        since = (now if sent is None else sent) - self.window
        used_by_server = self.limit - remaining
        for _ in range(used_by_server - len(self._live(since))):
            self._slots.append(Slot(sent=now, stamp=now, ours=False))


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None
