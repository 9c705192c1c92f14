"""HubSpot's own Python SDK (hubspot-api-client, pinned in constraints.txt) against the stand-in
in every version spec/ tracks. The SDK's typed methods call v3 (and v4 for associations); a
dated version is reached through its ApiClient.call_api with the version's path from spec/ and
the SDK's own models for the answer, as an SDK user does until the SDK has the version."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hubspot import HubSpot
from hubspot.crm.line_items import (
    BatchInputSimplePublicObjectBatchInputUpsert,
    SimplePublicObjectBatchInputUpsert,
)

from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY as KEY
from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from hubspot_toolkit.spec.operations import operations
from hubspot_toolkit.spec.versions import READ, UPSERT, base_operation_id, version_of_operation_id

SPEC = bundle_spec_dir(Path("spec"))


def templates(name: str) -> dict[str, str]:
    return {
        version_of_operation_id(op.operation_id): op.template
        for op in operations(SPEC)
        if base_operation_id(op.operation_id) == name
    }


UPSERTS, READS = templates(UPSERT), templates(READ)


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubSpot]:
    with ReferenceServer(tmp_path_factory.mktemp("sdk") / "db.sqlite3") as server:
        yield HubSpot(access_token=DEV_TOKEN, host=server.base_url)


def upsert_body(*keys: str, quantity: str = "1") -> BatchInputSimplePublicObjectBatchInputUpsert:
    return BatchInputSimplePublicObjectBatchInputUpsert(
        inputs=[
            SimplePublicObjectBatchInputUpsert(
                id=key,
                id_property=KEY,
                properties={"quantity": quantity},
                object_write_trace_id=key,
            )
            for key in keys
        ]
    )


def call(sdk: HubSpot, api: Any, path: str, body: Any, answers: dict[int, str]) -> Any:
    """One call through the SDK's own machinery: auth, serialisation, its models."""
    return api.api_client.call_api(
        path,
        "POST",
        {},
        [],
        {"Content-Type": "application/json", "Accept": "application/json"},
        body=body,
        response_types_map=answers,
        auth_settings=["oauth2"],
        _return_http_data_only=True,
    )


def test_the_sdks_typed_upsert_is_v3() -> None:
    assert "v3" in UPSERTS and len(UPSERTS) >= 4


@pytest.mark.parametrize("version", sorted(UPSERTS))
def test_sdk_upserts_in_every_version(sdk: HubSpot, version: str) -> None:
    batch = sdk.crm.line_items.batch_api
    keys = (f"SDK-{version}-1", f"SDK-{version}-2")
    if version == "v3":
        first = batch.upsert(upsert_body(*keys))
    else:
        answers = {200: "BatchResponseSimplePublicUpsertObject"}
        first = call(sdk, batch, UPSERTS[version], upsert_body(*keys), answers)
    again = batch.upsert(upsert_body(*keys, quantity="2"))  # one store: v3 updates them
    assert sorted(r.id for r in first.results) == sorted(r.id for r in again.results)
    assert {r.properties["quantity"] for r in again.results} == {"2"}


@pytest.mark.parametrize("version", sorted(v for v in READS if v != "v3"))
def test_sdk_reads_every_dated_version_with_its_v4_models(sdk: HubSpot, version: str) -> None:
    """The dated reads answer in v4's shape: the SDK's v4 models read them; a record without
    associations is an error entry, at 207 or at 200 as the version lists it."""
    written = sdk.crm.line_items.batch_api.upsert(upsert_body(f"SDK-READ-{version}"))
    record = written.results[0].id
    api = sdk.crm.associations.v4.batch_api
    path = READS[version].format(fromObjectType="line_items", toObjectType="deals")
    answers = {
        200: "BatchResponsePublicAssociationMultiWithLabelWithErrors",
        207: "BatchResponsePublicAssociationMultiWithLabelWithErrors",
    }
    answer = call(sdk, api, path, {"inputs": [{"id": record}]}, answers)
    assert answer.results == [] and answer.num_errors == 1
    assert answer.errors[0].sub_category == "crm.associations.NO_ASSOCIATIONS_FOUND"


@pytest.mark.parametrize("version", sorted(v for v in UPSERTS if v != "v3"))
def test_sdk_reads_a_partial_failure_in_every_dated_version(sdk: HubSpot, version: str) -> None:
    """A partial failure is a 207 or (2025-09, 2026-09) a 200 listing errors: read with the
    SDK's `…WithErrors` model for both, the failed input is there. The SDK's plain 200 model
    has no `errors` and would drop it (docs: docs/client.md)."""
    body = upsert_body(f"SDK-PART-{version}-1", f"SDK-PART-{version}-2")
    body.inputs[1].properties = {"quantity": "many"}
    model = "BatchResponseSimplePublicUpsertObjectWithErrors"
    answer = call(
        sdk, sdk.crm.line_items.batch_api, UPSERTS[version], body, {200: model, 207: model}
    )
    assert [r.object_write_trace_id for r in answer.results] == [f"SDK-PART-{version}-1"]
    assert answer.num_errors == 1 and "INVALID_INTEGER" in answer.errors[0].message
