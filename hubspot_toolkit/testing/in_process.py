"""`hubspot`: the reference app in this process, fresh for each test, reached through httpx."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import httpx

from hubspot_toolkit.client.strict import bundled_spec
from hubspot_toolkit.server.app import create_app
from hubspot_toolkit.server.config import ServerConfig
from hubspot_toolkit.server.control import ControlledApp
from hubspot_toolkit.spec.document import Document
from hubspot_toolkit.testing.base import StandIn
from hubspot_toolkit.testing.channels import DirectChannel
from hubspot_toolkit.testing.options import Options
from hubspot_toolkit.testing.transport import StandInTransport

# Loopback, so that the strict client's http:// check passes; nothing listens for it: requests
# go through the transport. A client built without the transport fails at once, not elsewhere.
BASE_URL = "http://127.0.0.1"
# In memory: a fresh database costs a fraction of a millisecond; a file one, with WAL and
# synchronous=FULL, tens (the same Store either way).
MEMORY = Path(":memory:")


@cache
def served_spec() -> Document:
    """The spec the installed client was generated from (what your client calls), read once."""
    return bundled_spec()


class InProcessStandIn(StandIn):
    """The `hubspot` fixture. transport: for any httpx client, sync or async."""

    def __init__(self, app: ControlledApp) -> None:
        super().__init__(DirectChannel(app), BASE_URL)
        self.transport = StandInTransport(app)

    @classmethod
    def create(cls) -> "InProcessStandIn":
        app: Any = create_app(ServerConfig(db=MEMORY, control=True), served_spec())
        assert isinstance(app, ControlledApp)
        return cls(app)

    def _transport(self) -> httpx.BaseTransport:
        return self.transport

    def _async_transport(self) -> httpx.AsyncBaseTransport:
        return self.transport

    def close(self) -> None:
        self._channel.close()


@contextmanager
def stand_in(**options: Any) -> Iterator[InProcessStandIn]:
    """`with stand_in(scopes=[...], rate_limit=...) as hubspot:` outside pytest: the same as
    the `hubspot` fixture, with the same options as `@pytest.mark.hubspot`."""
    chosen = Options.parse(options, "stand_in()")
    hubspot = InProcessStandIn.create()
    try:
        chosen.apply(hubspot)
        yield hubspot
    finally:
        hubspot.close()
