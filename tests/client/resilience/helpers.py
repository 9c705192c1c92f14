"""A fake clock, and the budget check every pacing test makes."""

import asyncio
from collections.abc import Sequence


class FakeClock:
    """Monotonic time that only moves when a test (or a pacer's sleep) moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        assert seconds > 0, "a pacer must never sleep 0 s (it would spin)"
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)  # let the other tasks run, as a real sleep would


def over_budget(
    sent: Sequence[float], answered: Sequence[float], limit: int, window: float
) -> list[int]:
    """Requests (in the order sent) sent while `limit` earlier ones might still be counted in
    the server's window: the server counts a request at some instant between its sending and
    its answer, so an earlier one answered after sent[k] - window may fall in the same window.
    Empty when no sliding window can have seen more than `limit` requests."""
    return [
        k
        for k, t in enumerate(sent)
        if sum(1 for i in range(k) if answered[i] > t - window) >= limit
    ]


def max_in_any_window(times: Sequence[float], window: float) -> int:
    """The most of `times` that fall in one half-open interval (t - window, t]."""
    ordered = sorted(times)
    return max((sum(1 for s in ordered if t - window < s <= t) for t in ordered), default=0)
