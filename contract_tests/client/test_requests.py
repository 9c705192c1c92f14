"""The generated client sends exactly what the spec describes, for any spec-valid input.

Strategies come from the spec's own request schemas; the client's models are built from each
generated body and sent through an httpx.MockTransport that records the wire request.
"""

import asyncio
import json
from urllib.parse import quote

import httpx
import pytest
from hubspot_crm_client import AuthenticatedClient
from hypothesis import HealthCheck, given, settings

from contract_tests.client.calls import OPERATIONS, call_async, call_sync
from contract_tests.spec_strategies import operation, requests
from hubspot_toolkit.spec.operations import schema_errors

TOKEN = "pat-test-token"
BASE_URL = "https://api.example.test"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def recording_client(sent: list[httpx.Request]) -> AuthenticatedClient:
    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(418)  # the answer is not under test here

    return AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, httpx_args={"transport": httpx.MockTransport(record)}
    )


def recording_async_client(sent: list[httpx.Request]) -> AuthenticatedClient:
    async def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(418)

    return AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, httpx_args={"transport": httpx.MockTransport(record)}
    )


def expected_path(template: str, path: dict[str, str]) -> str:
    for name, value in path.items():
        template = template.replace("{" + name + "}", quote(value, safe=""))
    return template


def assert_request_matches_spec(
    operation_id: str, request: httpx.Request, path: dict[str, str], body: object
) -> None:
    op = operation(operation_id)
    assert request.method == op.method.upper()
    # raw_path: what went on the wire, percent-encoding included
    assert request.url.raw_path.decode("ascii") == expected_path(op.template, path)
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"].split(";")[0] == "application/json"
    sent_body = json.loads(request.content)
    assert sent_body == body, "a field was lost, renamed or added on the way to the wire"
    schema = op.request_schema()
    assert schema_errors(schema, sent_body) == []


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_sync_request_is_the_input_and_valid(operation_id: str) -> None:
    @SETTINGS
    @given(case=requests(operation_id))
    def check(case: tuple[dict[str, str], object]) -> None:
        path, body = case
        sent: list[httpx.Request] = []
        call_sync(operation_id, recording_client(sent), path, body)
        assert len(sent) == 1
        assert_request_matches_spec(operation_id, sent[0], path, body)

    check()


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_async_request_is_the_input_and_valid(operation_id: str) -> None:
    @settings(SETTINGS, max_examples=15)
    @given(case=requests(operation_id))
    def check(case: tuple[dict[str, str], object]) -> None:
        path, body = case
        sent: list[httpx.Request] = []
        asyncio.run(call_async(operation_id, recording_async_client(sent), path, body))
        assert len(sent) == 1
        assert_request_matches_spec(operation_id, sent[0], path, body)

    check()


def test_path_parameters_are_percent_encoded() -> None:
    # The spec's pattern admits only URL-safe names; the client must still encode whatever
    # it is given rather than splice it into the path.
    sent: list[httpx.Request] = []
    call_sync(
        "batch_read_associations",
        recording_client(sent),
        {"fromObjectType": "a/b c", "toObjectType": "0-1"},
        {"inputs": [{"id": "1"}]},
    )
    assert sent[0].url.raw_path == b"/crm/v3/associations/a%2Fb%20c/0-1/batch/read"
