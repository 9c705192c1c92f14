"""Upsert semantics: create then update by idProperty, merges, all-or-nothing or 207 partial
failure, unique values, limits."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.server.conftest import KEY, Api, keyed


def key() -> str:
    return f"SKU-{uuid.uuid4().hex[:10]}"


def test_same_id_property_value_twice_is_create_then_update(api: Api) -> None:
    k = key()
    first = api.upsert(
        [keyed(k, name="Consulting", price="900.00") | {"objectWriteTraceId": "t-1"}]
    )
    assert first.status_code == 200
    created = first.json()["results"][0]
    assert created["new"] is True
    assert created["objectWriteTraceId"] == "t-1"
    assert created["properties"][KEY] == k

    second = api.upsert([keyed(k, quantity="3")])
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
    created = api.upsert([keyed(key(), name="a")]).json()["results"][0]
    by_id = api.upsert([{"id": created["id"], "properties": {"name": "b"}}])
    assert by_id.status_code == 200
    result = by_id.json()["results"][0]
    assert (result["id"], result["new"], result["properties"]["name"]) == (
        created["id"],
        False,
        "b",
    )


def traced(*inputs: dict[str, Any]) -> list[dict[str, Any]]:
    """Every input with an objectWriteTraceId: HubSpot's opt-in to 207 multi-status answers."""
    return [item | {"objectWriteTraceId": f"trace-{n}"} for n, item in enumerate(inputs)]


# Changed with issue 10: a failed input used to give a 207 whatever was sent. HubSpot answers
# a 207 only when every input carries an objectWriteTraceId; otherwise the first bad input
# fails the whole batch with a 400 and nothing is written (research §4).
def test_without_trace_ids_a_bad_input_fails_the_whole_batch(api: Api) -> None:
    good = key()
    answer = api.upsert([keyed(good, name="ok"), {"id": "999999999", "properties": {}}])
    assert answer.status_code == 400
    body = answer.json()
    assert body["category"] == "OBJECT_NOT_FOUND"
    assert "999999999" in body["message"]
    assert api.upsert([keyed(good)]).json()["results"][0]["new"] is True  # nothing was written


def test_with_every_trace_id_partial_failure_is_207_and_good_inputs_are_written(
    api: Api,
) -> None:
    good = key()
    inputs = traced(keyed(good, name="ok"), {"id": "999999999", "properties": {}})
    answer = api.upsert(inputs)
    assert answer.status_code == 207
    body = answer.json()
    assert body["numErrors"] == len(body["errors"]) == 1
    error = body["errors"][0]
    assert error["category"] == "OBJECT_NOT_FOUND"
    assert error["context"] == {"ids": ["999999999"], "objectWriteTraceId": ["trace-1"]}
    assert [r["properties"][KEY] for r in body["results"]] == [good]
    assert api.upsert([keyed(good)]).json()["results"][0]["new"] is False


def test_some_trace_ids_are_not_enough_for_a_207(api: Api) -> None:
    inputs = [*traced(keyed(key())), {"id": "999999999", "properties": {}}]
    assert api.upsert(inputs).status_code == 400


def refused_properties(error: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON array of HubSpot's "Property values were not valid: [...]" message."""
    prefix = "Property values were not valid: "
    assert error["message"].startswith(prefix), error
    found: list[dict[str, Any]] = json.loads(error["message"].removeprefix(prefix))
    return found


def test_an_input_is_written_whole_or_not_at_all(api: Api) -> None:
    k = key()
    answer = api.upsert(traced(keyed(k, name="x", hs_object_id="1")))  # a read-only property
    assert answer.status_code == 207
    assert answer.json()["results"] == []
    [refused] = refused_properties(answer.json()["errors"][0])
    assert (refused["name"], refused["error"]) == ("hs_object_id", "READ_ONLY_VALUE")
    assert "errors" not in answer.json()["errors"][0]  # as every captured 207 entry
    assert api.upsert([keyed(k)]).json()["results"][0]["new"] is True


def test_a_207_lists_each_bad_input_in_order(api: Api) -> None:
    inputs = traced(keyed(key(), price="x"), keyed(key(), name="ok"), keyed(key(), nope="1"))
    body = api.upsert(inputs).json()
    assert [e["context"]["objectWriteTraceId"] for e in body["errors"]] == [
        ["trace-0"],
        ["trace-2"],
    ]
    assert [refused_properties(e)[0]["error"] for e in body["errors"]] == [
        "INVALID_INTEGER",
        "PROPERTY_DOESNT_EXIST",
    ]
    assert len(body["results"]) == 1


def test_id_and_id_property_value_must_agree(api: Api) -> None:
    answer = api.upsert([keyed(key(), **{KEY: "something-else"})])
    assert answer.status_code == 400
    assert answer.json()["category"] == "VALIDATION_ERROR"


def test_answers_carry_hubspots_default_properties(api: Api) -> None:
    result = api.upsert([keyed(key(), name="n")]).json()["results"][0]
    assert {"hs_object_id", "createdate", "hs_lastmodifieddate", "name", KEY} <= set(
        result["properties"]
    )
    assert result["properties"]["hs_object_id"] == result["id"]


def test_a_unique_value_cannot_belong_to_two_records(api: Api) -> None:
    owner = api.upsert([keyed(key(), name="owner")]).json()["results"][0]
    other = api.upsert([keyed(key(), name="other")]).json()["results"][0]
    taken = owner["properties"][KEY]
    answer = api.upsert([{"id": other["id"], "properties": {KEY: taken}}])  # by record id
    assert answer.status_code == 400
    assert answer.json()["category"] == "CONFLICT"
    # cleared, the value is free for another record
    assert api.upsert([{"id": owner["id"], "properties": {KEY: ""}}]).status_code == 200
    moved = api.upsert([{"id": other["id"], "properties": {KEY: taken}}])
    assert moved.status_code == 200, moved.text
    assert api.upsert([keyed(taken)]).json()["results"][0]["id"] == other["id"]


def test_duplicate_keys_in_one_request_are_400_in_hubspots_words(api: Api) -> None:
    k = key()
    answer = api.upsert([keyed(k, name="1"), keyed(k, name="2")])
    assert answer.status_code == 400
    body = answer.json()
    assert body["category"] == "VALIDATION_ERROR"
    assert body["message"] == f"Duplicate IDs found in batch input: [{k}]. IDs must be unique"
    assert body["context"] == {"ids": [k]}


def test_more_than_100_inputs_is_400_in_hubspots_words(api: Api) -> None:
    answer = api.upsert([keyed(f"{key()}-{n}") for n in range(101)])
    assert answer.status_code == 400
    assert answer.json()["message"] == (
        "The maximum number of inputs supported in a batch is 100. "
        "Please reduce the number of items and try again"
    )


def test_numbers_and_booleans_are_read_as_text_and_null_leaves_a_value(api: Api) -> None:
    """HubSpot reads `properties` as a string map (https://github.com/HubSpot/
    hubspot-api-nodejs/issues/329, #324)."""
    k = key()
    first = api.upsert([{"id": k, "idProperty": KEY, "properties": {"quantity": 3, "name": "Old"}}])
    assert first.status_code == 200, first.text
    assert first.json()["results"][0]["properties"]["quantity"] == "3"
    again = api.upsert([{"id": k, "idProperty": KEY, "properties": {"name": None, "price": 9.5}}])
    assert again.status_code == 200, again.text
    result = again.json()["results"][0]
    assert result["new"] is False
    assert result["properties"]["name"] == "Old"
    assert result["properties"]["price"] == "9.5"


def test_100_inputs_are_accepted(api: Api) -> None:
    answer = api.upsert([keyed(f"{key()}-{n}", quantity=str(n)) for n in range(100)])
    assert answer.status_code == 200
    assert len({r["id"] for r in answer.json()["results"]}) == 100


def test_legacy_e_commerce_scope_may_upsert(api: Api) -> None:
    assert api.upsert([keyed(key())], token="legacy").status_code == 200


def test_unique_values_hold_under_concurrent_writers(api: Api) -> None:
    """Eight threads upsert the same 40 keys at once: each key ends as exactly one record."""
    keys = [key() for _ in range(40)]

    def write(seed: int) -> dict[str, set[str]]:
        ids: dict[str, set[str]] = {}
        for start in range(0, len(keys), 10):
            chunk = keys[start : start + 10]
            body = api.upsert([keyed(k, description=str(seed)) for k in chunk]).json()
            for result in body["results"]:
                ids.setdefault(result["properties"][KEY], set()).add(result["id"])
        return ids

    with ThreadPoolExecutor(max_workers=8) as pool:
        seen = list(pool.map(write, range(8)))
    for k in keys:
        assert len(set().union(*(ids[k] for ids in seen))) == 1, k
