"""The pytest plugin, registered by the pytest11 entry point: the `hubspot` and `hubspot_server`
fixtures and the `hubspot` marker.

pytest loads registered plugins in every run, in environments without the [testing] extra's
dependencies too, so this module imports only pytest until a test asks for a fixture.
"""

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from hubspot_toolkit.testing.errors import StandInError, missing_extra

if TYPE_CHECKING:
    from hubspot_toolkit.testing.in_process import InProcessStandIn
    from hubspot_toolkit.testing.options import Options
    from hubspot_toolkit.testing.process import ServerStandIn

MARKER = "hubspot"
BOTH = (
    "asks for both hubspot and hubspot_server: they are two stand-ins, and what your code "
    "writes to one the other never sees; use hubspot for httpx clients, hubspot_server for others"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(scopes=None, rate_limit=None, rate_window=10.0, faults=0.0, fault_seed=None, "
        "properties=None, version=None): the variant of HubSpot the hubspot and hubspot_server "
        "fixtures stand in for",
    )


@pytest.fixture
def hubspot(request: pytest.FixtureRequest) -> Iterator["InProcessStandIn"]:
    """HubSpot in this process, fresh for this test: `hubspot.client()`, `hubspot.transport`."""
    _refuse_both(request)
    in_process = _load("the hubspot fixture", "hubspot_toolkit.testing.in_process")
    options = _options(request)
    stand_in: InProcessStandIn = in_process.InProcessStandIn.create()
    try:
        _arrange(options, stand_in)
        yield stand_in
    finally:
        stand_in.close()


@pytest.fixture(scope="session")
def hubspot_server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator["ServerStandIn"]:
    """The server behind `hubspot_server`, started once per session on the first test that asks."""
    process = _load("the hubspot_server fixture", "hubspot_toolkit.testing.process")
    server: ServerStandIn = process.ServerStandIn.start(tmp_path_factory.mktemp("hubspot-server"))
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def hubspot_server(request: pytest.FixtureRequest) -> "ServerStandIn":
    """HubSpot on http://127.0.0.1:<port>, reset for this test: for clients that are not httpx."""
    _refuse_both(request)
    options = _options(request)
    server: ServerStandIn = request.getfixturevalue("hubspot_server_process")
    server.reset()
    _arrange(options, server)
    return server


def _load(what: str, module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        missing = missing_extra(what, exc)
    _fail(missing)  # outside the handler: one line, not the ImportError and then this


def _fail(error: StandInError) -> NoReturn:
    pytest.fail(str(error), pytrace=False)


def _refuse_both(request: pytest.FixtureRequest) -> None:
    if {"hubspot", "hubspot_server"} <= set(request.fixturenames):
        pytest.fail(f"{request.node.nodeid} {BOTH}", pytrace=False)


def _options(request: pytest.FixtureRequest) -> "Options":
    from hubspot_toolkit.testing.options import Options

    given: dict[str, Any] = {}
    for marker in reversed(list(request.node.iter_markers(MARKER))):  # the closest one wins
        if marker.args:
            _fail(StandInError("@pytest.mark.hubspot takes options by name, e.g. scopes=[...]"))
        given.update(marker.kwargs)
    param = getattr(request, "param", None)  # indirect parametrization: a dict of options
    if param is not None:
        if not isinstance(param, Mapping):
            _fail(StandInError(f"a {request.fixturename} parameter is a dict of options"))
        given.update(param)
    properties = given.get("properties")
    if isinstance(properties, str | Path) and not Path(properties).is_absolute():
        # beside the test file, else from the rootdir
        beside = request.path.parent / properties
        given["properties"] = beside if beside.exists() else request.config.rootpath / properties
    try:
        return Options.parse(given, "@pytest.mark.hubspot")
    except StandInError as exc:
        _fail(exc)


def _arrange(options: "Options", stand_in: Any) -> None:
    try:
        options.apply(stand_in)
    except StandInError as exc:
        _fail(exc)
