"""Any spec-valid response parses into the client's typed models and back without loss.

And anything the spec does not allow (an undocumented status, a body that breaks its schema)
is reported by the strict client as a ContractViolation naming the place, never returned as a
silently wrong object.
"""

import asyncio
import json
from typing import Any

import httpx
import pytest
from dateutil.parser import isoparse
from hubspot_crm_client import AuthenticatedClient, errors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contract_tests.client.calls import OPERATIONS, call_async, call_sync
from contract_tests.spec_strategies import documented_json_statuses, operation, response_bodies
from hubspot_toolkit.client.strict import ContractViolation, strict_client
from hubspot_toolkit.spec.versions import base_operation_id

BASE_URL = "https://api.example.test"
# One valid request per operation; every version of an operation takes the same one.
BASE_PATHS = {
    "batch_read_associations": {"fromObjectType": "contacts", "toObjectType": "companies"},
    "batch_upsert_line_items": {},
}
BASE_REQUESTS = {
    "batch_read_associations": {"inputs": [{"id": "1"}]},
    "batch_upsert_line_items": {"inputs": [{"id": "1", "properties": {}}]},
}
PATHS = {op: BASE_PATHS[base_operation_id(op)] for op in OPERATIONS}
REQUESTS = {op: BASE_REQUESTS[base_operation_id(op)] for op in OPERATIONS}
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STATUS_CASES = [
    (operation_id, status)
    for operation_id in sorted(OPERATIONS)
    for status in documented_json_statuses(operation(operation_id))
]


def serving(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body, headers=headers)

    return httpx.MockTransport(answer)


def plain_client(transport: httpx.MockTransport) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=BASE_URL, token="t", httpx_args={"transport": transport})


def as_instants(value: Any, schema: Any) -> Any:
    """value with every date-time the schema declares turned into an aware datetime."""
    if isinstance(schema, dict) and schema.get("format") == "date-time" and isinstance(value, str):
        return isoparse(value)
    if isinstance(value, dict) and isinstance(schema, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", {})
        return {k: as_instants(v, props.get(k, extra)) for k, v in value.items()}
    if isinstance(value, list) and isinstance(schema, dict):
        return [as_instants(v, schema.get("items", {})) for v in value]
    return value


def documented_model(operation_id: str, status: int) -> str:
    """The component the spec names for a status's body: the generated model of that name is
    what the client must return (a 207 parsed as the 200 model loses its errors)."""
    response = operation(operation_id).response(status) or {}
    reference = response["content"]["application/json"]["schema"]["$ref"]
    return str(reference).rsplit("/", 1)[-1]


def class_name(component: str) -> str:
    """A component's class name as the generator spells it, compared loosely: the component
    `SimplePublicUpsertObject_2026_09` is the class `SimplePublicUpsertObject202609`."""
    return "".join(ch for ch in component.lower() if ch.isalnum())


def required_headers(operation_id: str, status: int) -> dict[str, str]:
    return {name: "1" for name in operation(operation_id).required_response_headers(status)}


def first_with_its_model() -> set[tuple[str, int]]:
    """The cases that each show a component's body first. A later case answering the same
    component parses into the same generated model: it needs only a few bodies to prove that
    its operation maps the status to that model (the 48 `Error` cases among them)."""
    seen: set[str] = set()
    first = set()
    for operation_id, status in STATUS_CASES:
        model = documented_model(operation_id, status)
        if model not in seen:
            seen.add(model)
            first.add((operation_id, status))
    return first


FIRST_WITH_ITS_MODEL = first_with_its_model()


@pytest.mark.parametrize(("operation_id", "status"), STATUS_CASES)
def test_every_documented_body_round_trips(operation_id: str, status: int) -> None:
    schema = operation(operation_id).response_schema(status)
    model = documented_model(operation_id, status)
    examples = SETTINGS.max_examples if (operation_id, status) in FIRST_WITH_ITS_MODEL else 3

    @settings(SETTINGS, max_examples=examples)
    @given(body=response_bodies(operation_id, status))
    def check(body: Any) -> None:
        headers = required_headers(operation_id, status)
        transport = serving(status, body, headers)
        response = call_sync(
            operation_id, plain_client(transport), PATHS[operation_id], REQUESTS[operation_id]
        )
        assert response.parsed is not None, f"{status} was not parsed"
        parsed_as = class_name(type(response.parsed).__name__)
        assert parsed_as == class_name(model), f"{status} parsed as the wrong model"
        assert as_instants(response.parsed.to_dict(), schema) == as_instants(body, schema)
        # the strict client accepts every spec-valid answer
        strict = strict_client(BASE_URL, "t", transport=transport)
        call_sync(operation_id, strict, PATHS[operation_id], REQUESTS[operation_id])

    check()


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_async_parses_the_same(operation_id: str) -> None:
    schema = operation(operation_id).response_schema(200)

    @settings(SETTINGS, max_examples=10)
    @given(body=response_bodies(operation_id, 200))
    def check(body: Any) -> None:
        async def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, json=body)

        client = strict_client(BASE_URL, "t", async_transport=httpx.MockTransport(answer))
        response = asyncio.run(
            call_async(operation_id, client, PATHS[operation_id], REQUESTS[operation_id])
        )
        assert as_instants(response.parsed.to_dict(), schema) == as_instants(body, schema)

    check()


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_undocumented_status_is_an_error(operation_id: str) -> None:
    transport = serving(418, {"message": "teapot"})
    with pytest.raises(ContractViolation, match="418: the spec documents no such status"):
        call_sync(
            operation_id,
            strict_client(BASE_URL, "t", transport=transport),
            PATHS[operation_id],
            REQUESTS[operation_id],
        )
    # without the spec check, the generated client's own switch still refuses it
    client = AuthenticatedClient(
        base_url=BASE_URL,
        token="t",
        raise_on_unexpected_status=True,
        httpx_args={"transport": transport},
    )
    with pytest.raises(errors.UnexpectedStatus):
        call_sync(operation_id, client, PATHS[operation_id], REQUESTS[operation_id])


def wrong_type(schema: dict[str, Any], key: str) -> Any:
    """A value the field's schema refuses: a number, or text where a number belongs."""
    declared = schema["properties"][key]
    numeric = isinstance(declared, dict) and declared.get("type") in ("integer", "number")
    return "12345" if numeric else 12345


def broken_bodies(
    body: dict[str, Any], schema: dict[str, Any]
) -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """A spec-valid body, broken in one place: a required field dropped or a field mistyped."""
    keys = sorted(key for key in body if key in schema["properties"])
    dropped = st.sampled_from(schema["required"]).map(
        lambda key: (key, {k: v for k, v in body.items() if k != key})
    )
    mistyped = st.sampled_from(keys).map(lambda key: (key, {**body, key: wrong_type(schema, key)}))
    return dropped | mistyped


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_body_that_breaks_the_spec_is_an_error(operation_id: str) -> None:
    schema = operation(operation_id).response_schema(200)
    assert schema is not None

    @SETTINGS
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        body = data.draw(response_bodies(operation_id, 200))
        key, broken = data.draw(broken_bodies(body, schema))
        client = strict_client(BASE_URL, "t", transport=serving(200, broken))
        with pytest.raises(ContractViolation) as raised:
            call_sync(operation_id, client, PATHS[operation_id], REQUESTS[operation_id])
        assert f"body.{key}" in str(raised.value) or f"'{key}' is a required" in str(raised.value)

    check()


def test_violation_names_the_json_path() -> None:
    body = json.loads(
        json.dumps(
            operation("batch_upsert_line_items").spec["responses"]["200"]["content"][
                "application/json"
            ]["example"]
        )
    )
    body["results"][0]["new"] = "yes"
    client = strict_client(BASE_URL, "t", transport=serving(200, body))
    with pytest.raises(
        ContractViolation, match=r"body\.results\[0\]\.new: 'yes' is not of type 'boolean'"
    ):
        call_sync("batch_upsert_line_items", client, {}, REQUESTS["batch_upsert_line_items"])


def test_html_from_a_proxy_is_an_error() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<html>gateway</html>", headers={"content-type": "text/html"}
        )

    client = strict_client(BASE_URL, "t", transport=httpx.MockTransport(answer))
    with pytest.raises(ContractViolation, match="content type text/html"):
        call_sync("batch_upsert_line_items", client, {}, REQUESTS["batch_upsert_line_items"])
