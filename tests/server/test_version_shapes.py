"""Each version answers in its own shapes, read from spec/: a version whose documents list no
207 answers a partial failure with a 200 listing `errors`, drops the fields its schemas drop,
and serves the upsert on the generic `{objectType}` path for line items only. One store
behind every version. Run against a copy of spec/ with a made-up version in 2026-09's shapes
(tests/server/synthetic_versions.py), so that the test holds whatever spec/ tracks."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.server.config import ConfigError
from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.server.shapes import BatchShapes, trim
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import check_response, find_operation, operations
from tests.server.synthetic_versions import add_version
from tests.testing.helpers import KEY, UPSERT, bearer, ids, read_path

VERSION = "2099-09"  # made up: no spec/ will ever track it
GENERIC = f"/crm/objects/{VERSION}/{{}}/batch/upsert"


@pytest.fixture(scope="module")
def spec_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return add_version(Path("spec"), tmp_path_factory.mktemp("v") / "spec", VERSION)


@pytest.fixture(scope="module")
def api(spec_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("db") / "db.sqlite3"
    with (
        ReferenceServer(db, spec_dir=spec_dir) as server,
        httpx.Client(base_url=server.base_url, headers=bearer(DEV_TOKEN), timeout=30) as client,
    ):
        yield client


def checked(api: httpx.Client, spec_dir: Path, path: str, body: Any) -> Any:
    response = api.post(path, json=body)
    operation = find_operation(bundle_spec_dir(spec_dir), "POST", path)
    assert operation is not None
    check_response(operation, response.status_code, dict(response.headers), response.content)
    return response


def traced(*keys: str, **properties: str) -> dict[str, Any]:
    return {
        "inputs": [
            {"id": k, "idProperty": KEY, "objectWriteTraceId": k, "properties": properties}
            for k in keys
        ]
    }


@pytest.mark.parametrize("spelling", ["line_items", "line_item", "LINE_ITEMS", "0-8"])
def test_generic_path_serves_line_items_by_every_spelling(
    api: httpx.Client, spec_dir: Path, spelling: str
) -> None:
    key = f"GEN-{spelling}"
    answer = checked(
        api,
        spec_dir,
        GENERIC.format(spelling),
        {"inputs": [{"id": key, "idProperty": KEY, "properties": {"name": spelling}}]},
    )
    assert answer.status_code == 200, answer.text
    # one store: v3 sees what the new version wrote
    again = api.post(UPSERT, json={"inputs": [{"id": key, "idProperty": KEY, "properties": {}}]})
    assert again.json()["results"][0]["id"] == answer.json()["results"][0]["id"]
    assert again.json()["results"][0]["new"] is False


@pytest.mark.parametrize("other", ["contacts", "0-1", "widgets", "p_pets"])
def test_generic_path_refuses_other_types_as_unknown(
    api: httpx.Client, spec_dir: Path, other: str
) -> None:
    answer = checked(api, spec_dir, GENERIC.format(other), {"inputs": []})
    assert answer.status_code == 400
    assert answer.json()["message"] == f"Unable to infer object type from: {other}"
    assert "category" not in answer.json()


def test_partial_upsert_failure_is_a_200_listing_errors(api: httpx.Client, spec_dir: Path) -> None:
    body = traced("PART-1", "PART-2", quantity="1")
    body["inputs"][1]["properties"] = {"quantity": "many"}
    answer = checked(api, spec_dir, GENERIC.format("line_items"), body)
    assert answer.status_code == 200
    assert answer.json()["numErrors"] == 1 and len(answer.json()["errors"]) == 1
    assert [r["objectWriteTraceId"] for r in answer.json()["results"]] == ["PART-1"]
    # the same failure through v3, whose spec lists the 207
    body["inputs"][0]["id"] = body["inputs"][0]["objectWriteTraceId"] = "PART-3"
    assert api.post(UPSERT, json=body).status_code == 207


def test_partial_read_is_a_200_listing_errors(api: httpx.Client, spec_dir: Path) -> None:
    written = api.post(
        UPSERT, json={"inputs": [{"id": "RD-1", "idProperty": KEY, "properties": {}}]}
    )
    record = written.json()["results"][0]["id"]
    path = read_path("line_items", "deals", VERSION)
    answer = checked(api, spec_dir, path, ids(record))
    assert answer.status_code == 200
    assert answer.json()["errors"][0]["subCategory"] == "crm.associations.NO_ASSOCIATIONS_FOUND"
    assert (
        api.post(read_path("line_items", "deals", "2026-03"), json=ids(record)).status_code == 207
    )


def test_fields_a_version_drops_are_trimmed() -> None:
    schema = {
        "type": "object",
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {},
                        "properties": {"type": "object", "additionalProperties": {}},
                    },
                },
            }
        },
    }
    sent = {"results": [{"id": "1", "warnings": [], "properties": {"anything": "kept"}}]}
    assert trim(sent, schema) == {"results": [{"id": "1", "properties": {"anything": "kept"}}]}


def test_every_tracked_operation_can_answer_a_partial_failure() -> None:
    for operation in operations(bundle_spec_dir(Path("spec"))):
        assert BatchShapes.for_operation(operation).partial_status in (200, 207)


def test_a_version_that_cannot_carry_a_partial_failure_stops_the_start(spec_dir: Path) -> None:
    document = bundle_spec_dir(spec_dir)
    (operation,) = [
        op
        for op in operations(document)
        if op.operation_id.endswith(VERSION.replace("-", "_")) and "upsert" in op.operation_id
    ]
    schema = operation.response_schema(200)
    ref = operation.spec["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    name = ref.rsplit("/", 1)[1]
    document["components"]["schemas"][name]["properties"].pop("errors")
    assert "errors" in schema["properties"]
    with pytest.raises(ConfigError, match="lists no 207 and its 200 answer declares no `errors`"):
        BatchShapes.for_operation(operation)
