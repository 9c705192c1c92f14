"""HubSpot in your own test suite (the [testing] extra).

- pytest: the `hubspot` fixture (in-process, through an httpx transport) and `hubspot_server`
  (a loopback port, for any client), with `@pytest.mark.hubspot(...)` for variants;
- elsewhere: `with stand_in() as hubspot:` and `with stand_in_server() as hubspot:`.

Both are the reference server's own app, store and rules (hubspot_toolkit.server), controlled
through its test-only control operations (hubspot_toolkit.server.control).
"""

from typing import TYPE_CHECKING

from hubspot_toolkit._lazy import lazy_exports

if TYPE_CHECKING:
    from hubspot_toolkit.testing.base import StandIn
    from hubspot_toolkit.testing.errors import StandInError
    from hubspot_toolkit.testing.in_process import InProcessStandIn, stand_in
    from hubspot_toolkit.testing.process import ServerStandIn, stand_in_server
    from hubspot_toolkit.testing.records import ReceivedRequest, StoredLineItem
    from hubspot_toolkit.testing.transport import StandInTransport

# On first use: the pytest plugin lives in this package, and pytest imports it in every run.
_WHERE = {
    "InProcessStandIn": "hubspot_toolkit.testing.in_process",
    "ReceivedRequest": "hubspot_toolkit.testing.records",
    "ServerStandIn": "hubspot_toolkit.testing.process",
    "StandIn": "hubspot_toolkit.testing.base",
    "StandInError": "hubspot_toolkit.testing.errors",
    "StandInTransport": "hubspot_toolkit.testing.transport",
    "StoredLineItem": "hubspot_toolkit.testing.records",
    "stand_in": "hubspot_toolkit.testing.in_process",
    "stand_in_server": "hubspot_toolkit.testing.process",
}
__getattr__ = lazy_exports(__name__, _WHERE)
__all__ = [
    "InProcessStandIn",
    "ReceivedRequest",
    "ServerStandIn",
    "StandIn",
    "StandInError",
    "StandInTransport",
    "StoredLineItem",
    "stand_in",
    "stand_in_server",
]
