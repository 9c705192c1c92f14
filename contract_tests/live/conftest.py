"""The live target: the one `make contract` names, or else a fresh reference server."""

from collections.abc import Iterator

import pytest

from hubspot_toolkit.contract.settings import HookSettings
from hubspot_toolkit.contract.target import reference_target


@pytest.fixture(scope="session")
def live_target() -> Iterator[HookSettings]:
    configured = HookSettings.from_environment()
    if configured.base_url and configured.token:
        yield configured
        return
    with reference_target() as target:
        yield HookSettings(base_url=target.base_url, token=target.token)
