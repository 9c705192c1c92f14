"""The Hypothesis profile named on pytest's command line is the one in force, in whichever
process runs the tests (make test runs them in pytest-xdist's workers)."""

import pytest
from hypothesis import settings


def test_the_profile_asked_for_is_in_force(request: pytest.FixtureRequest) -> None:
    name = request.config.getoption("hypothesis_profile") or "default"
    asked, in_force = settings.get_profile(name), settings.default
    assert (in_force.max_examples, in_force.print_blob) == (asked.max_examples, asked.print_blob)
