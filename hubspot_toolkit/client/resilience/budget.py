"""Request budgets: how many requests a token may send per window (HubSpot's published tiers)."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    """At most `requests` requests in any `window_seconds`-long interval."""

    requests: int
    window_seconds: float = 10.0

    def __post_init__(self) -> None:
        # bool is an int, and 2.5 requests is no budget: both are a caller's mistake.
        if isinstance(self.requests, bool) or not isinstance(self.requests, int):
            raise ValueError(f"requests per window must be a whole number, not {self.requests!r}")
        if self.requests < 1:
            raise ValueError(f"a budget needs at least 1 request per window, not {self.requests}")
        # `not (x > 0)` also refuses NaN, which every comparison would let through.
        if not (self.window_seconds > 0 and math.isfinite(self.window_seconds)):
            raise ValueError(
                f"a window must be a finite number of seconds above 0, not {self.window_seconds!r}"
            )


# Per app / token, per 10 s: HubSpot's API usage guidelines,
# https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details
PRESETS: dict[str, Budget] = {
    "free": Budget(100),
    "starter": Budget(100),
    "professional": Budget(190),
    "enterprise": Budget(190),
    "api-limit-increase": Budget(250),
}
DEFAULT_BUDGET = PRESETS["free"]


def preset(name: str) -> Budget:
    """The budget of a named HubSpot tier; ValueError naming the known tiers otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        known = ", ".join(sorted(PRESETS))
        raise ValueError(f"unknown rate-limit tier {name!r}; known: {known}") from None
