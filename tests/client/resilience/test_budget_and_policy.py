"""Budgets, tier presets and retry policies: good values accepted, bad ones named clearly."""

import email.utils
import math

import httpx
import pytest

from hubspot_toolkit.client.resilience import DEFAULT_BUDGET, PRESETS, Budget, RetryPolicy, preset
from hubspot_toolkit.client.resilience.policy import RetryableAnswer, server_wait


def test_presets_follow_hubspot_published_tiers() -> None:
    assert Budget(100, 10.0) == DEFAULT_BUDGET
    assert preset("free") == preset("starter") == Budget(100, 10.0)
    assert preset("professional") == preset("enterprise") == Budget(190, 10.0)
    assert preset("api-limit-increase") == Budget(250, 10.0)


def test_unknown_preset_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown rate-limit tier 'gold'; known: .*enterprise"):
        preset("gold")
    assert len(PRESETS) == 5


@pytest.mark.parametrize(
    ("requests", "window", "message"),
    [
        (0, 10.0, "at least 1 request per window, not 0"),
        (-5, 10.0, "at least 1 request per window"),
        (2.5, 10.0, "whole number, not 2.5"),
        (True, 10.0, "whole number"),
        (100, 0, "finite number of seconds above 0, not 0"),
        (100, -1.0, "above 0, not -1.0"),
        (100, math.nan, "above 0, not nan"),
        (100, math.inf, "finite"),
    ],
)
def test_bad_budgets_raise_clear_value_errors(requests: int, window: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Budget(requests, window)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attempts": 0}, "attempts must be at least 1"),
        ({"total_seconds": 0}, "total_seconds must be finite and above 0"),
        ({"total_seconds": math.inf}, "total_seconds"),
        ({"wait_initial": -1}, "must not be negative"),
        ({"retry_statuses": frozenset({429, 401})}, r"statuses \[401\] are never retried"),
        ({"retry_statuses": frozenset({404, 415})}, r"\[404, 415\] are never retried"),
    ],
)
def test_bad_policies_raise_clear_value_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_backoff_grows_exponentially_capped_with_bounded_jitter() -> None:
    policy = RetryPolicy(wait_initial=0.5, wait_max=5.0, wait_jitter=0.0)
    assert [policy.backoff(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]
    assert policy.backoff(10_000) == 5.0  # no OverflowError
    jittery = RetryPolicy(wait_initial=0.5, wait_max=30.0, wait_jitter=1.0)
    assert all(0.5 <= jittery.backoff(1) <= 1.5 for _ in range(200))


def test_next_wait_prefers_the_servers_wait_and_gives_up_rather_than_overrun() -> None:
    policy = RetryPolicy(attempts=3, wait_initial=0.1, wait_jitter=0.0)
    told = RetryableAnswer(429, "cid", wait=3.0)
    assert policy.next_wait(told, failed_attempts=1, remaining=10.0) == 3.0
    assert policy.next_wait(told, failed_attempts=1, remaining=2.0) is None  # would overrun
    assert policy.next_wait(told, failed_attempts=3, remaining=10.0) is None  # attempts spent
    untold = RetryableAnswer(503, None, wait=None)
    assert policy.next_wait(untold, failed_attempts=2, remaining=10.0) == pytest.approx(0.2)
    cut = httpx.RemoteProtocolError("peer closed connection")
    assert policy.next_wait(cut, failed_attempts=1, remaining=10.0) == pytest.approx(0.1)
    assert policy.next_wait(ValueError("a bug"), failed_attempts=1, remaining=10.0) is None


def _answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_server_wait_reads_retry_after_seconds_dates_and_the_interval_header() -> None:
    assert server_wait(_answer(429, **{"Retry-After": "7"})) == 7.0
    assert server_wait(_answer(503, **{"Retry-After": "-3"})) == 0.0
    date = email.utils.formatdate(1_000_030, usegmt=True)
    assert server_wait(_answer(429, **{"Retry-After": date}), now=1_000_000) == 30.0
    minus_zero = date.replace("GMT", "-0000")  # a naive date: GMT, not local time
    assert server_wait(_answer(429, **{"Retry-After": minus_zero}), now=1_000_000) == 30.0
    interval = {"X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    assert server_wait(_answer(429, **interval)) == 10.0
    assert server_wait(_answer(503, **interval)) is None  # only a 429 speaks of the window
    assert server_wait(_answer(429, **{"Retry-After": "soon"})) is None
    assert server_wait(_answer(429, **{"Retry-After": "nan"})) is None
