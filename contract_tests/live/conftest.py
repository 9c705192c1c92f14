"""The live target: the one `make contract` names, or else a fresh reference server."""

from collections.abc import Iterator

import pytest

from contract_tests.settings import HookSettings
from contract_tests.spec_source import suite_spec
from contract_tests.target import reference_target
from hubspot_toolkit.spec.location import default_spec_dir


@pytest.fixture(scope="session")
def live_target() -> Iterator[HookSettings]:
    configured = HookSettings.from_environment()
    if configured.base_url and configured.token:
        yield configured
        return
    with reference_target(default_spec_dir(), suite_spec()) as target:
        yield HookSettings(base_url=target.base_url, token=target.token, existing=target.existing)
