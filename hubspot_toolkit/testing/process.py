"""`hubspot_server`: the reference server as a process on a loopback port, with its control
routes on, started once and reset before each test."""

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.testing.base import StandIn
from hubspot_toolkit.testing.channels import HttpChannel
from hubspot_toolkit.testing.in_process import served_spec
from hubspot_toolkit.testing.options import Options


class ServerStandIn(StandIn):
    """The `hubspot_server` fixture: base_url is http://127.0.0.1:<port>, for any client."""

    def __init__(self, server: ReferenceServer) -> None:
        super().__init__(HttpChannel(server.base_url), server.base_url)
        self.port = server.port
        self._server = server

    @classmethod
    def start(cls, work: Path) -> "ServerStandIn":
        """`hubspot-toolkit serve --control` in work, serving the spec your client was
        generated from (written there: the process reads a spec folder)."""
        spec_dir = work / "spec"
        spec_dir.mkdir(parents=True, exist_ok=True)
        (spec_dir / "openapi.json").write_text(json.dumps(served_spec()), encoding="utf-8")
        # In memory, as in-process: a reset of a file database waits for its fsyncs (tens of ms).
        server = ReferenceServer(
            Path(":memory:"), spec_dir=spec_dir, control=True, log_file=work / "server.log"
        )
        return cls(server.start())

    def close(self) -> None:
        self._channel.close()
        self._server.stop()


@contextmanager
def stand_in_server(**options: Any) -> Iterator[ServerStandIn]:
    """`with stand_in_server() as hubspot:` outside pytest: its own server process."""
    chosen = Options.parse(options, "stand_in_server()")
    with tempfile.TemporaryDirectory(prefix="hubspot-stand-in-") as work:
        hubspot = ServerStandIn.start(Path(work))
        try:
            chosen.apply(hubspot)
            yield hubspot
        finally:
            hubspot.close()
