"""Shared by every test: Hypothesis profiles and a free loopback port.

`pytest` uses the fast default profile; CI passes `--hypothesis-profile=ci` (make test does
when $CI is set), which tries more examples and prints the blob that reproduces a failure.
"""

import pytest
from hypothesis import HealthCheck, settings

from hubspot_toolkit.server.process import free_port as _free_port

settings.register_profile(
    "default", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")


@pytest.fixture
def free_port() -> int:
    return _free_port()
