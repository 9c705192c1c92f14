"""The sliding window alone (no clock, no sleeping): the budget holds in every window, with
many requests in flight at once; and it adapts to HubSpot's rate-limit headers."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from hubspot_toolkit.client.resilience import Budget
from hubspot_toolkit.client.resilience.window import SlidingWindow, Slot
from tests.client.resilience.helpers import over_budget

requests_st = st.lists(
    st.tuples(
        st.floats(0, 3, allow_nan=False),  # gap before the caller wants to send
        st.floats(0, 5, allow_nan=False),  # latency: from sending to the answer
    ),
    min_size=1,
    max_size=60,
)


def simulate(
    window: SlidingWindow, requests: list[tuple[float, float]]
) -> tuple[list[float], list[float]]:
    """Send each request as soon as the window allows (in order, as the pacers' queue does),
    answering it `latency` later; many may be in flight. Returns send and answer times."""
    now = 0.0
    in_flight: list[tuple[float, Slot]] = []
    sent: list[float] = []
    answered: list[float] = []

    def settle() -> None:
        for at, slot in sorted((p for p in in_flight if p[0] <= now), key=lambda p: p[0]):
            window.release(slot, at)
            in_flight.remove((at, slot))

    for gap, latency in requests:
        now += gap
        while True:
            settle()
            slot, wait = window.try_acquire(now)
            if slot is not None:
                break
            assert wait > 0  # a zero wait would make the pacer spin
            now += wait
        in_flight.append((now + latency, slot))
        sent.append(now)
        answered.append(now + latency)
    return sent, answered


@settings(max_examples=150, deadline=None)
@given(
    limit=st.integers(1, 6),
    seconds=st.floats(0.5, 10, allow_nan=False),
    requests=requests_st,
    adapt=st.booleans(),
)
def test_no_sliding_window_ever_sees_more_than_the_budget(
    limit: int, seconds: float, requests: list[tuple[float, float]], adapt: bool
) -> None:
    sent, answered = simulate(SlidingWindow(Budget(limit, seconds), adapt), requests)
    assert over_budget(sent, answered, limit, seconds) == []


def test_the_budget_is_used_in_full_when_answers_are_quick() -> None:
    window = SlidingWindow(Budget(5, 10.0), adapt=False)
    sent, _ = simulate(window, [(0.0, 0.0)] * 15)
    # Five at once, then five just after each window has passed.
    assert [round(t) for t in sent] == [0] * 5 + [10] * 5 + [20] * 5


def test_a_fresh_window_sends_one_request_until_the_first_answer() -> None:
    window = SlidingWindow(Budget(100, 10.0))
    first, _ = window.try_acquire(0.0)
    assert first is not None
    assert window.try_acquire(0.0)[0] is None  # the server may have no room: ask once
    window.release(first, 0.1)
    assert window.try_acquire(0.1)[0] is not None
    assert window.try_acquire(0.1)[0] is not None


def answered(window: SlidingWindow, now: float, headers: dict[str, str]) -> None:
    slot, _ = window.try_acquire(now)
    assert slot is not None
    window.release(slot, now)
    window.observe(headers, now)


def test_the_servers_max_and_interval_only_ever_slow_it_down() -> None:
    window = SlidingWindow(Budget(100, 10.0))
    answered(
        window,
        0.0,
        {"x-hubspot-ratelimit-max": "190", "x-hubspot-ratelimit-interval-milliseconds": "10000"},
    )
    assert window.budget == Budget(100, 10.0)  # the cap stays: 190 is the server's, not ours
    assert window.server == Budget(190, 10.0)
    answered(
        window,
        0.0,
        {"x-hubspot-ratelimit-max": "3", "x-hubspot-ratelimit-interval-milliseconds": "2000"},
    )
    assert window.server == Budget(3, 2.0)
    # Only one more fits: two of the three are already spent.
    assert window.try_acquire(0.0)[0] is not None
    slot, wait = window.try_acquire(0.0)
    assert slot is None and math.isclose(wait, 2.0, abs_tol=0.01)


@settings(max_examples=100, deadline=None)
@given(
    cap=st.integers(1, 6),
    server_max=st.integers(1, 400),
    server_ms=st.integers(100, 20_000),
    requests=requests_st,
)
def test_the_cap_holds_whatever_max_the_server_states(
    cap: int, server_max: int, server_ms: int, requests: list[tuple[float, float]]
) -> None:
    """A user's `--rate-limit 5` is an upper bound: a server advertising 100 (or 400 per
    second) must not raise it (issue 24: 20 requests in 0.2 s under a cap of 5)."""
    window = SlidingWindow(Budget(cap, 10.0))
    headers = {
        "x-hubspot-ratelimit-max": str(server_max),
        "x-hubspot-ratelimit-interval-milliseconds": str(server_ms),
    }
    answered(window, 0.0, headers)
    sent, done = simulate(window, requests)
    assert over_budget([0.0, *sent], [0.0, *done], cap, 10.0) == []


def test_remaining_reveals_requests_of_other_clients_on_the_same_token() -> None:
    window = SlidingWindow(Budget(10, 10.0))
    answered(window, 0.0, {"x-hubspot-ratelimit-max": "10", "x-hubspot-ratelimit-remaining": "0"})
    slot, wait = window.try_acquire(0.5)
    assert slot is None and math.isclose(wait, 9.5, abs_tol=0.01)
    assert window.try_acquire(10.01)[0] is not None


def test_garbage_or_nonsense_headers_change_nothing() -> None:
    window = SlidingWindow(Budget(10, 10.0))
    for headers in (
        {"x-hubspot-ratelimit-max": "lots"},
        {"x-hubspot-ratelimit-max": "0"},
        {"x-hubspot-ratelimit-max": "10", "x-hubspot-ratelimit-interval-milliseconds": "-5"},
        {"x-hubspot-ratelimit-max": "10", "x-hubspot-ratelimit-interval-milliseconds": "0"},
        {"x-hubspot-ratelimit-remaining": "many"},
    ):
        answered(window, 0.0, headers)
    assert window.server in (None, Budget(10, 10.0))
    assert window.budget == Budget(10, 10.0)


def test_adapt_false_ignores_the_headers() -> None:
    window = SlidingWindow(Budget(10, 10.0), adapt=False)
    answered(window, 0.0, {"x-hubspot-ratelimit-max": "2", "x-hubspot-ratelimit-remaining": "0"})
    assert window.server is None
    assert window.try_acquire(0.0)[0] is not None


def test_a_pause_holds_every_request_until_it_ends() -> None:
    window = SlidingWindow(Budget(10, 10.0), adapt=False)
    window.pause_until(5.0)
    window.pause_until(3.0)  # a shorter pause never shortens a longer one
    assert window.try_acquire(1.0) == (None, 4.0)
    assert window.try_acquire(5.0)[0] is not None


def test_a_slow_answer_does_not_count_our_own_expired_requests_as_strangers() -> None:
    window = SlidingWindow(Budget(10, 10.0))
    for second in range(10):  # one request a second, each answered at once
        slot, _ = window.try_acquire(float(second))
        assert slot is not None
        window.release(slot, float(second))
    late, _ = window.try_acquire(10.05)  # the first request's slot has just expired
    assert late is not None
    # It arrived at 10.06, when the server still counted requests 1..9: remaining 0. Its
    # answer comes at 11.5, after request 1 has left our window too; that is no stranger.
    window.release(late, 11.5)
    window.observe({"x-hubspot-ratelimit-remaining": "0"}, 11.5, sent=late.sent)
    assert window.try_acquire(11.5)[0] is not None
    assert window.try_acquire(11.5)[0] is None
