"""The CLI tests share the bulk tests' reference server, and have a slow one of their own
(10 requests per second) to stop a job in the middle of."""

from collections.abc import Iterator

import pytest

from hubspot_toolkit.server.process import ReferenceServer
from tests.client.bulk.conftest import portal_properties, server

__all__ = ["server", "slow"]
LIMIT, WINDOW = 10, 1.0


@pytest.fixture(scope="session")
def slow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    work = tmp_path_factory.mktemp("slow")
    properties = portal_properties(work / "properties.json")
    with ReferenceServer(
        work / "db.sqlite3", rate_limit=LIMIT, rate_window=WINDOW, properties_file=properties
    ) as running:
        yield running
