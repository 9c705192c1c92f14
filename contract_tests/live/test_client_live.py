"""The generated client, driven with spec-valid inputs over real HTTP, parses every answer.

The strict client checks each answer against the spec before the generated models parse it,
so a server that answers outside the spec fails here with the JSON path of the problem.
Requests go through the pacing transport, so that against a real portal this half, too, stays
under the rate limit; only 429s are retried, so a 5xx still fails the test.
"""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from contract_tests.checks.shaping import as_known_type, known_object_types, shape_upsert
from contract_tests.client.calls import OPERATIONS, call_sync
from contract_tests.settings import HookSettings
from contract_tests.spec_strategies import requests
from contract_tests.versions import selected
from hubspot_toolkit.client.resilience import (
    AsyncResilientTransport,
    ResilientTransport,
    RetryPolicy,
)
from hubspot_toolkit.client.strict import strict_client
from hubspot_toolkit.spec.versions import READ, UPSERT, base_operation_id, version_of_operation_id

LIVE = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))


def shaped(
    operation_id: str, case: tuple[dict[str, str], Any], target: HookSettings
) -> tuple[dict[str, str], Any]:
    path, body = case
    path = {name: as_known_type(value) for name, value in path.items()}
    if base_operation_id(operation_id) != UPSERT:
        return path, body
    return path, shape_upsert(body, target)  # spec-valid cases only


# every operation of every version the run covers (`hubspot-toolkit contract --versions`)
SELECTED = sorted(op for op in OPERATIONS if selected(version_of_operation_id(op)))


@pytest.mark.parametrize("operation_id", SELECTED)
def test_client_parses_every_answer(operation_id: str, live_target: HookSettings) -> None:
    is_read = base_operation_id(operation_id) == READ
    if is_read and not known_object_types():
        pytest.skip("the token may read no object type (see the suite's scope line)")
    run(operation_id, live_target)


def run(operation_id: str, target: HookSettings) -> None:
    assert operation_id in OPERATIONS
    paced = RetryPolicy(retry_statuses=frozenset({429}))
    client = strict_client(
        target.base_url,
        target.token,
        transport=ResilientTransport(policy=paced),
        async_transport=AsyncResilientTransport(policy=paced),
    )

    @LIVE
    @given(case=requests(operation_id))
    def check(case: tuple[dict[str, str], Any]) -> None:
        path, body = shaped(operation_id, case, target)
        response = call_sync(operation_id, client, path, body)
        assert response.parsed is not None
        assert response.status_code in (200, 207), (
            f"a spec-valid request got {response.status_code}: {response.content[:300]!r}"
        )

    with client:
        check()
