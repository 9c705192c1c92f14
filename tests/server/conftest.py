"""The reference server as a real process on a free loopback port, and helpers to talk to it."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hubspot_toolkit.client.strict import bundled_spec
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY
from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.spec.operations import check_response, find_operation

UPSERT = "/crm/v3/objects/line_items/batch/upsert"
TOKENS = {
    "all-scopes": ["*"],
    "writer": ["crm.objects.line_items.write"],
    "legacy": ["e-commerce"],
    "contacts-only": ["crm.objects.contacts.read"],
    "nothing": [],
}
ASSOCIATIONS = {
    "customObjects": [{"objectTypeId": "2-7001", "name": "pets"}],
    "records": [{"objectType": "contacts", "id": "300"}],
    "associations": [
        {
            "fromObjectType": "contacts",
            "fromId": "100",
            "toObjectType": "companies",
            "toId": str(200 + n),
            "type": "contact_to_company",
            "reverseType": "company_to_contact",
        }
        for n in range(5)
    ]
    + [
        {
            "fromObjectType": "0-3",
            "fromId": "400",
            "toObjectType": "line_items",
            "toId": "500",
            "type": "deal_to_line_item",
        },
        {
            "fromObjectType": "p_pets",  # a custom object, by the name the file gave it
            "fromId": "900",
            "toObjectType": "contacts",
            "toId": "300",
            "type": "pet_to_contact",
        },
    ],
}


def read_path(from_type: str, to_type: str) -> str:
    return f"/crm/v3/associations/{from_type}/{to_type}/batch/read"


class Api:
    """A thin HTTP client that checks every answer against the spec."""

    def __init__(self, base_url: str, token: str | None = "all-scopes") -> None:
        self.base_url, self.token = base_url, token

    def post(
        self,
        path: str,
        body: Any = None,
        *,
        token: str | None = "default",
        content: bytes | None = None,
        content_type: str = "application/json",
    ) -> httpx.Response:
        headers = {"Content-Type": content_type}
        chosen = self.token if token == "default" else token
        if chosen:
            headers["Authorization"] = f"Bearer {chosen}"
        data = content if content is not None else json.dumps(body).encode()
        response = httpx.post(self.base_url + path, content=data, headers=headers, timeout=30)
        operation = find_operation(bundled_spec(), "POST", path)
        if operation is not None:
            check_response(
                operation, response.status_code, dict(response.headers), response.content
            )
        return response

    def upsert(self, inputs: list[dict[str, Any]], **kwargs: Any) -> httpx.Response:
        return self.post(UPSERT, {"inputs": inputs}, **kwargs)


# The custom unique property of the shipped definitions (hubspot_toolkit/properties).
KEY = SHIPPED_UNIQUE_KEY


def keyed(key: str, **properties: str) -> dict[str, Any]:
    """An input upserting by the unique property KEY."""
    return {"id": key, "idProperty": KEY, "properties": properties}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceServer]:
    work = tmp_path_factory.mktemp("server")
    tokens = work / "tokens.json"
    tokens.write_text(json.dumps(TOKENS))
    associations = work / "associations.json"
    associations.write_text(json.dumps(ASSOCIATIONS))
    with ReferenceServer(
        work / "db.sqlite3", tokens_file=tokens, associations_file=associations, page_size=2
    ) as running:
        yield running


@pytest.fixture
def api(server: ReferenceServer) -> Api:
    return Api(server.base_url)


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return tmp_path / "db.sqlite3"
