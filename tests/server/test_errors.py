"""Every error path answers with HubSpot's JSON error body, never a 5xx."""

import json
import re

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubspot_toolkit.server.process import ReferenceServer
from tests.server.conftest import UPSERT, Api, keyed, read_path

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def assert_error(response: httpx.Response, status: int, category: str | None) -> dict[str, object]:
    """HubSpot's Error body; category None: HubSpot sends none for this error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body.get("category") == category
    assert UUID.match(body["correlationId"])
    assert body["message"]
    return dict(body)


def test_no_token_is_401(api: Api) -> None:
    assert_error(api.upsert([keyed("a")], token=None), 401, "INVALID_AUTHENTICATION")


def test_unknown_token_is_401(api: Api) -> None:
    assert_error(api.upsert([keyed("a")], token="not-a-token"), 401, "INVALID_AUTHENTICATION")


def test_token_without_the_scope_is_403_naming_it(api: Api) -> None:
    body = assert_error(api.upsert([keyed("a")], token="nothing"), 403, "MISSING_SCOPES")
    assert body["context"] == {"missingScopes": ["crm.objects.line_items.write"]}


def test_association_read_needs_both_read_scopes(api: Api) -> None:
    answer = api.post(read_path("contacts", "companies"), {"inputs": []}, token="contacts-only")
    body = assert_error(answer, 403, "MISSING_SCOPES")
    assert body["context"] == {"missingScopes": ["crm.objects.companies.read"]}


def test_invalid_json_is_400_in_hubspots_words(api: Api) -> None:
    body = assert_error(api.post(UPSERT, content=b'{"inputs": ['), 400, None)
    assert str(body["message"]).startswith("Invalid input JSON on line 1, column 13: ")


@pytest.mark.parametrize(
    "body",
    [
        {"inputs": [{"id": 5, "properties": {}}]},
        {"inputs": [{"id": "a", "properties": {"price": [9]}}]},
        {"inputs": {"id": "1"}},
        [],
    ],
)
def test_a_body_of_the_wrong_shape_cannot_be_deserialized(api: Api, body: object) -> None:
    # HubSpot's JSON reader refuses it before any validation, without a category (captured:
    # https://github.com/HubSpot/hubspot-api-php/issues/40)
    answer = assert_error(api.post(UPSERT, body), 400, None)
    assert re.match(
        r"^Invalid input JSON on line \d+, column \d+: Cannot deserialize ", str(answer["message"])
    )


@pytest.mark.parametrize(
    ("body", "where"),
    [({"inputs": [{"properties": {}}]}, "inputs[0].id"), ({}, "inputs")],
)
def test_a_missing_field_is_400_naming_it(api: Api, body: object, where: str) -> None:
    answer = assert_error(api.post(UPSERT, body), 400, "VALIDATION_ERROR")
    assert where in [e["in"] for e in answer["errors"]]  # type: ignore[attr-defined]


def test_more_than_1000_ids_is_400(api: Api) -> None:
    inputs = [{"id": str(n)} for n in range(1001)]
    answer = api.post(read_path("contacts", "companies"), {"inputs": inputs})
    assert_error(answer, 400, "VALIDATION_ERROR")


def test_wrong_content_type_is_415(api: Api) -> None:
    answer = api.post(UPSERT, content=b"inputs=1", content_type="text/plain")
    assert_error(answer, 415, "VALIDATION_ERROR")


def test_unknown_object_type_is_400_in_hubspots_words(api: Api) -> None:
    answer = api.post(read_path("unicorns", "companies"), {"inputs": [{"id": "1"}]})
    body = assert_error(answer, 400, None)
    assert body["message"] == "Unable to infer object type from: unicorns"


def test_unknown_path_and_wrong_method_are_hubspots_404(server: ReferenceServer) -> None:
    # ledger error-404-unknown-route, batch-routes-other-methods
    for wrong in (
        httpx.post(server.base_url + "/crm/v3/nothing"),
        httpx.get(server.base_url + UPSERT),
    ):
        body = assert_error(wrong, 404, None)
        assert body["message"] == "resource not found"
        assert wrong.headers["x-hubspot-correlation-id"] == body["correlationId"]


def test_rate_limit_headers_on_every_answer(api: Api) -> None:
    for response in (api.upsert([keyed("h")]), api.upsert([keyed("h")], token=None)):
        assert int(response.headers["X-HubSpot-RateLimit-Max"]) > 0
        assert "X-HubSpot-RateLimit-Remaining" in response.headers
        assert response.headers["X-HubSpot-RateLimit-Interval-Milliseconds"] == "10000"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
BODIES = st.one_of(
    st.binary(max_size=300),
    JSON.map(lambda v: json.dumps(v).encode()),
    st.lists(
        st.fixed_dictionaries(
            {"id": JSON, "properties": JSON}, optional={"idProperty": JSON, "after": JSON}
        ),
        max_size=5,
    ).map(lambda i: json.dumps({"inputs": i}).encode()),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    body=BODIES,
    path=st.sampled_from(
        [UPSERT, read_path("contacts", "companies"), read_path("0-3", "line_items")]
    ),
)
def test_no_input_however_malformed_is_a_5xx(
    server: ReferenceServer, body: bytes, path: str
) -> None:
    answer = httpx.post(
        server.base_url + path,
        content=body,
        headers={"Authorization": "Bearer all-scopes", "Content-Type": "application/json"},
    )
    assert answer.status_code < 500, answer.text
    assert answer.headers["content-type"].startswith("application/json")
