"""The CLI tests share the bulk tests' reference server."""

from tests.client.bulk.conftest import server

__all__ = ["server"]
