"""docs/client.md's usage example runs, and type-checks under mypy --strict (`make typecheck`)."""

import json
from typing import Any

import httpx

from hubspot_toolkit.client.strict import strict_client
from tests.examples.loader import load_example


def fake_hubspot(request: httpx.Request) -> httpx.Response:
    """Answers shaped like HubSpot's, for the two calls the example makes."""
    body: dict[str, Any] = json.loads(request.content)
    now = "2026-11-25T10:00:00Z"
    envelope = {"status": "COMPLETE", "startedAt": now, "completedAt": now}
    if request.url.path.endswith("/batch/upsert"):
        results = [
            {
                "id": str(1000 + n),
                "archived": False,
                "new": True,
                "createdAt": now,
                "updatedAt": now,
                "properties": {**item["properties"], item["idProperty"]: item["id"]},
            }
            for n, item in enumerate(body["inputs"])
        ]
    else:
        results = [
            {"from": {"id": item["id"]}, "to": [{"id": "7", "type": "line_item_to_deal"}]}
            for item in body["inputs"]
        ]
    return httpx.Response(200, json={**envelope, "results": results})


def test_usage_example_runs() -> None:
    example = load_example("usage")
    client = strict_client(
        "https://api.example.test", "t", transport=httpx.MockTransport(fake_hubspot)
    )
    with client as open_client:
        ids = example.upsert_by_key(open_client, {"SKU-1": {"name": "a"}, "SKU-2": {"name": "b"}})
        assert ids == {"SKU-1": "1000", "SKU-2": "1001"}
        deals = example.associated_ids(open_client, "line_items", "deals", list(ids.values()))
        assert deals == {"1000": ["7"], "1001": ["7"]}
