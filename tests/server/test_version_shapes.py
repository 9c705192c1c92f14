"""Each version answers in its own shapes, read from spec/: a version whose documents list no
207 (2026-09) answers a partial failure with a 200 listing `errors`, drops the fields its
schemas drop, and every upsert is served on HubSpot's generic `{objectType}` path for line
items only. One store behind every version."""

import copy
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
from hubspot_toolkit.spec.operations import Operation, check_response, find_operation, operations
from hubspot_toolkit.spec.versions import READ, UPSERT, base_operation_id, version_of_operation_id
from tests.testing.helpers import KEY, bearer, ids, read_path
from tests.testing.helpers import UPSERT as V3_UPSERT

SPEC = bundle_spec_dir(Path("spec"))
VERSIONS = sorted({version_of_operation_id(op.operation_id) for op in operations(SPEC)})
NO_207 = "2026-09"  # HubSpot's 2026-09 documents list no 207 for either operation


def generic(version: str, object_type: str) -> str:
    prefix = "/crm/v3/objects" if version == "v3" else f"/crm/objects/{version}"
    return f"{prefix}/{object_type}/batch/upsert"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("db") / "db.sqlite3"
    with (
        ReferenceServer(db) as server,
        httpx.Client(base_url=server.base_url, headers=bearer(DEV_TOKEN), timeout=30) as client,
    ):
        yield client


def checked(api: httpx.Client, path: str, body: Any) -> httpx.Response:
    """The answer, held to the operation of the spec whose path it is (the generic upsert
    path to the line items one it stands for)."""
    response = api.post(path, json=body)
    parts = path.split("/")
    spec_path = path if parts[-1] == "read" else "/".join([*parts[:-3], "line_items", *parts[-2:]])
    operation = find_operation(SPEC, "POST", spec_path)
    assert operation is not None, spec_path
    check_response(operation, response.status_code, dict(response.headers), response.content)
    return response


def traced(*keys: str, **properties: str) -> dict[str, Any]:
    return {
        "inputs": [
            {"id": k, "idProperty": KEY, "objectWriteTraceId": k, "properties": dict(properties)}
            for k in keys
        ]
    }


def test_spec_tracks_a_version_without_207() -> None:
    assert NO_207 in VERSIONS


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("spelling", ["line_item", "LINE_ITEMS", "0-8"])
def test_generic_path_serves_line_items_by_every_spelling(
    api: httpx.Client, version: str, spelling: str
) -> None:
    key = f"GEN-{version}-{spelling}"
    body = {"inputs": [{"id": key, "idProperty": KEY, "properties": {"name": spelling}}]}
    answer = checked(api, generic(version, spelling), body)
    assert answer.status_code == 200, answer.text
    # one store: v3's own path sees what the generic path wrote
    again = api.post(V3_UPSERT, json={"inputs": [{"id": key, "idProperty": KEY, "properties": {}}]})
    assert again.json()["results"][0]["id"] == answer.json()["results"][0]["id"]
    assert again.json()["results"][0]["new"] is False


@pytest.mark.parametrize("other", ["contacts", "0-1", "widgets", "p_pets"])
def test_generic_path_answers_other_types_as_unknown(api: httpx.Client, other: str) -> None:
    answer = checked(api, generic(NO_207, other), {"inputs": []})
    assert answer.status_code == 400
    assert answer.json()["message"] == f"Unable to infer object type from: {other}"
    assert "category" not in answer.json()


@pytest.mark.parametrize("version", VERSIONS)
def test_partial_upsert_failure_as_the_version_lists_it(api: httpx.Client, version: str) -> None:
    body = traced(f"PART-{version}-1", f"PART-{version}-2", quantity="1")
    body["inputs"][1]["properties"] = {"quantity": "many"}
    answer = checked(api, generic(version, "line_items"), body)
    operation = _operation(UPSERT, version)
    assert answer.status_code == (207 if "207" in operation.spec["responses"] else 200)
    assert answer.json()["numErrors"] == 1 and len(answer.json()["errors"]) == 1
    assert [r["objectWriteTraceId"] for r in answer.json()["results"]] == [f"PART-{version}-1"]


@pytest.mark.parametrize("version", [v for v in VERSIONS if v != "v3"])
def test_partial_read_as_the_version_lists_it(api: httpx.Client, version: str) -> None:
    written = api.post(
        V3_UPSERT, json={"inputs": [{"id": f"RD-{version}", "idProperty": KEY, "properties": {}}]}
    )
    record = written.json()["results"][0]["id"]
    answer = checked(api, read_path("line_items", "deals", version), ids(record))
    operation = _operation(READ, version)
    assert answer.status_code == (207 if "207" in operation.spec["responses"] else 200)
    assert answer.json()["errors"][0]["subCategory"] == "crm.associations.NO_ASSOCIATIONS_FOUND"


def test_2026_09_upsert_results_carry_no_field_its_schema_drops(api: httpx.Client) -> None:
    answer = checked(api, generic(NO_207, "line_items"), traced("DROP-1", name="x"))
    declared = _operation(UPSERT, NO_207).response_schema(200)["properties"]["results"]["items"]
    assert set(answer.json()["results"][0]) <= set(declared["properties"])
    assert "warnings" not in declared["properties"]


def test_fields_a_version_drops_are_trimmed_and_maps_kept() -> None:
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


def test_a_version_that_cannot_carry_a_partial_failure_stops_the_start() -> None:
    document = copy.deepcopy(SPEC)
    operation = _operation(UPSERT, NO_207, document)
    ref = operation.spec["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    document["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"].pop("errors")
    with pytest.raises(ConfigError, match="lists no 207 and its 200 answer declares no `errors`"):
        BatchShapes.for_operation(operation)


def _operation(name: str, version: str, document: Any = SPEC) -> Operation:
    (found,) = [
        op
        for op in operations(document)
        if base_operation_id(op.operation_id) == name
        and version_of_operation_id(op.operation_id) == version
    ]
    return found
