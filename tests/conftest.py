"""Shared by every test: Hypothesis profiles, a free loopback port, and how the suite is spread
over pytest-xdist's workers.

`pytest` uses the fast default profile; CI passes `--hypothesis-profile=ci` (make test does
when $CI is set), which tries more examples and prints the blob that reproduces a failure.

`make test` runs the suite on several workers (`pytest -n N`; pyproject asks for
`--dist loadscope --no-loadscope-reorder`):
- a module's tests run together on one worker, in their order, so that its module-scoped
  fixtures (a reference server, a built wheel) are set up once and tests that read what earlier
  ones left (a server's log) still find it;
- except in the modules of SPREAD, whose tests are long and independent: each may run on any
  worker. What they share is session-scoped, so set up at most once per worker;
- the slowest modules are queued first (SLOWEST_FIRST), so that none starts last and holds up
  the end of the run.
"""

import pytest
from hypothesis import HealthCheck, settings
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling

from hubspot_toolkit.server.process import free_port as _free_port
from tests.wheel import Installed, installed_once

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

# Queued first, in this order (a module, or a folder ending in /).
SLOWEST_FIRST = (
    "tests/test_install.py",  # builds the shared wheel and virtualenv, runs the contract suite
    "tests/contract/",  # each test of test_contract_runner is a whole contract run
    # the installed commands: queued after the contract runs, so that the wheel they share
    # is built (by test_install's worker) while the other workers run those
    "tests/journeys/",
    "tests/cli/bulk/test_resume.py",  # paced jobs killed and resumed
    "contract_tests/client/test_responses.py",
    "tests/client/bulk/test_faults_and_rate_limit.py",
    "tests/workflow/",
    "tests/server/test_durability.py",
    "tests/server/test_errors.py",
)
# Modules whose tests share nothing wider than the session: each test may go to any worker.
SPREAD = (
    "tests/contract/test_contract_runner.py",
    "contract_tests/client/test_responses.py",
)


def _module(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _rank(module: str) -> int:
    for rank, prefix in enumerate(SLOWEST_FIRST):
        if module == prefix or (prefix.endswith("/") and module.startswith(prefix)):
            return rank
    return len(SLOWEST_FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slowest modules first; a stable sort, so each module's tests stay together and in
    their order (pytest would otherwise set a module's fixtures up again)."""
    items.sort(key=lambda item: _rank(_module(item.nodeid)))


class SpreadScheduling(LoadScopeScheduling):
    """pytest-xdist's loadscope (a module is one unit of work, queued in collection order with
    --no-loadscope-reorder), except that each test of a SPREAD module is a unit of its own.

    Not `--dist loadgroup` with xdist_group marks: pytest-xdist 3.8.0 passes the group on by
    rewriting the test's node id, which pytest 9.2's node ids ignore, so the groups are silently
    dropped (pytest-dev/pytest-xdist#1386)."""

    def _split_scope(self, nodeid: str) -> str:
        module = _module(nodeid)
        return nodeid if module in SPREAD else module


# tryfirst: asked before pytest-xdist's own schedulers (the first answer is taken).
@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> SpreadScheduling | None:
    if config.getvalue("dist") != "loadscope":
        return None  # another --dist given on the command line: xdist's own
    return SpreadScheduling(config, log)


@pytest.fixture
def free_port() -> int:
    return _free_port()


@pytest.fixture(scope="session")
def installed_toolkit(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Installed:
    """A wheel of the checkout, installed with its extras in a virtualenv outside it: built
    once per run, whichever worker asks first (the others wait for it: tests/wheel.py)."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent  # the workers' common folder
    return installed_once(shared)
