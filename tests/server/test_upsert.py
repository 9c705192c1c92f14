"""Upsert semantics: create then update by idProperty, merges, 207 partial failure, limits."""

import uuid

from tests.server.conftest import Api, sku


def key() -> str:
    return f"SKU-{uuid.uuid4().hex[:10]}"


def test_same_id_property_value_twice_is_create_then_update(api: Api) -> None:
    k = key()
    first = api.upsert([sku(k, name="Consulting", price="900.00") | {"objectWriteTraceId": "t-1"}])
    assert first.status_code == 200
    created = first.json()["results"][0]
    assert created["new"] is True
    assert created["objectWriteTraceId"] == "t-1"
    assert created["properties"]["hs_sku"] == k

    second = api.upsert([sku(k, quantity="3")])
    assert second.status_code == 200
    updated = second.json()["results"][0]
    assert updated["new"] is False
    assert updated["id"] == created["id"]
    assert updated["createdAt"] == created["createdAt"]
    assert updated["updatedAt"] > created["updatedAt"]
    # properties not sent are kept
    assert updated["properties"]["name"] == "Consulting"
    assert updated["properties"]["quantity"] == "3"
    assert "objectWriteTraceId" not in updated


def test_without_id_property_the_id_is_the_record_id(api: Api) -> None:
    created = api.upsert([sku(key(), name="a")]).json()["results"][0]
    by_id = api.upsert([{"id": created["id"], "properties": {"name": "b"}}])
    assert by_id.status_code == 200
    result = by_id.json()["results"][0]
    assert (result["id"], result["new"], result["properties"]["name"]) == (
        created["id"],
        False,
        "b",
    )


def test_partial_failure_is_207_and_good_inputs_are_written(api: Api) -> None:
    good = key()
    answer = api.upsert([sku(good, name="ok"), {"id": "999999999", "properties": {}}])
    assert answer.status_code == 207
    body = answer.json()
    assert body["numErrors"] == len(body["errors"]) == 1
    error = body["errors"][0]
    assert error["category"] == "OBJECT_NOT_FOUND"
    assert error["context"]["ids"] == ["999999999"]
    assert [r["properties"]["hs_sku"] for r in body["results"]] == [good]
    assert api.upsert([sku(good)]).json()["results"][0]["new"] is False


def test_an_input_is_written_whole_or_not_at_all(api: Api) -> None:
    k = key()
    answer = api.upsert([sku(k, name="x", hs_object_id="1")])  # a read-only property
    assert answer.status_code == 207
    assert answer.json()["results"] == []
    assert answer.json()["errors"][0]["errors"][0]["in"] == "properties.hs_object_id"
    assert api.upsert([sku(k)]).json()["results"][0]["new"] is True


def test_id_and_id_property_value_must_agree(api: Api) -> None:
    answer = api.upsert([sku(key(), hs_sku="something-else")])
    assert answer.status_code == 207
    assert answer.json()["errors"][0]["category"] == "VALIDATION_ERROR"


def test_duplicate_keys_in_one_request_are_400(api: Api) -> None:
    k = key()
    answer = api.upsert([sku(k, a="1"), sku(k, a="2")])
    assert answer.status_code == 400
    body = answer.json()
    assert body["category"] == "VALIDATION_ERROR"
    assert body["errors"][0]["in"] == "inputs[1].id"


def test_more_than_100_inputs_is_400(api: Api) -> None:
    answer = api.upsert([sku(f"{key()}-{n}") for n in range(101)])
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["in"] == "inputs"


def test_100_inputs_are_accepted(api: Api) -> None:
    answer = api.upsert([sku(f"{key()}-{n}", n=str(n)) for n in range(100)])
    assert answer.status_code == 200
    assert len({r["id"] for r in answer.json()["results"]}) == 100


def test_legacy_e_commerce_scope_may_upsert(api: Api) -> None:
    assert api.upsert([sku(key())], token="legacy").status_code == 200
