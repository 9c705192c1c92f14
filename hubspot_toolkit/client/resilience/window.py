"""A sliding-window request budget, without clocks or sleeping (shared by sync and async pacers).

A slot is taken when a request is sent and stamped when its answer (or failure) arrives. The
server counts a request when it arrives, which is somewhere between those two instants, so
stamping at the answer means a slot is only reused once the server has certainly forgotten it:
the pacer never sends a request the server's rolling window would refuse.
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


@dataclass
class SlidingWindow:
    budget: Budget
    adapt: bool = True  # follow X-HubSpot-RateLimit-Max / -Interval-Milliseconds when sent
    _slots: list[Slot] = field(default_factory=list)
    _paused_until: float = 0.0
    _answered: bool = False

    @property
    def limit(self) -> int:
        return self.budget.requests

    @property
    def window(self) -> float:
        return self.budget.window_seconds

    def _expire(self, now: float) -> None:
        # Kept for two windows, not one: observe() compares the server's count at a request's
        # arrival with the slots live then, which may since have left the window.
        horizon = now - 2 * self.window
        self._slots = [s for s in self._slots if s.stamp is None or s.stamp > horizon]

    def _live(self, since: float) -> list[Slot]:
        return [s for s in self._slots if s.stamp is None or s.stamp > since]

    def try_acquire(self, now: float) -> tuple[Slot | None, float]:
        """A slot to send now, or (None, seconds to wait before trying again)."""
        if now < self._paused_until:
            return None, self._paused_until - now
        self._expire(now)
        # Until a first answer, one request at a time: a fresh client cannot know how much of
        # the server's window other clients (or a run just before) have used, and the answer's
        # X-HubSpot-RateLimit-Remaining tells it (observe). A burst would meet a wall of 429s.
        limit = self.limit if self._answered or not self.adapt else 1
        live = self._live(now - self.window)
        if len(live) < limit:
            slot = Slot(sent=now)
            self._slots.append(slot)
            return slot, 0.0
        stamps = [s.stamp for s in live if s.stamp is not None]
        if not stamps:
            return None, IN_FLIGHT_POLL_SECONDS
        return None, max(min(stamps) + self.window - now, 0.0) + 1e-3

    def release(self, slot: Slot, now: float) -> None:
        """The request of `slot` was answered (or failed) at `now`."""
        slot.stamp = now
        self._answered = True

    def pause_until(self, when: float) -> None:
        """Send nothing before `when` (a Retry-After, which holds for every request)."""
        self._paused_until = max(self._paused_until, when)

    def observe(self, headers: Mapping[str, str], now: float, sent: float | None = None) -> None:
        """Adapt to the server's own account of the window (X-HubSpot-RateLimit-*), from the
        answer to a request sent at `sent` (default: now)."""
        if not self.adapt:
            return
        limit = _int(headers.get("x-hubspot-ratelimit-max"))
        interval_ms = _int(headers.get("x-hubspot-ratelimit-interval-milliseconds"))
        if limit is not None and limit >= 1:
            # A missing, zero or negative interval would make no valid Budget: keep ours.
            window = interval_ms / 1000 if interval_ms and interval_ms > 0 else self.window
            if (limit, window) != (self.limit, self.window):
                self.budget = Budget(limit, window)
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
            self._slots.append(Slot(sent=now, stamp=now))


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None
